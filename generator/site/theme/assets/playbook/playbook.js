/* Journey Playbook: checklists that remember their ticks, answers to prompts,
   progress bars and each stage's done state, a reset that asks first and can be
   undone, Markdown summaries, and export/import of a team's progress with a preview.

   Everything is saved in localStorage under journey/stage/item ids, so the same
   progress shows in every language and survives content edits: ids that no
   longer exist are ignored, new items start unticked. Without JavaScript the
   page shows plain lists; without storage (private mode) it works unsaved.

   With a team status file (progress.yaml), the page carries the team's state
   (.playbook-team) and this browser's ticks layer on top of it: a tick here is
   ticks[key] = true, an untick of an item the team has done is ticks[key] = false,
   and either is marked "only in this browser" until the status file says the same.
   playbook-share.js ("share my changes", share links) uses what this file exports. */
(function () {
  "use strict";

  var FORMAT = "journey-playbook-progress";
  var VERSION = 1;  // of the export format; a file of a newer version is refused
  var scope = typeof __md_scope !== "undefined" ? __md_scope.pathname : "/";
  var storageKey = "journey-playbook:" + scope;

  var memory = null;   // used when localStorage is unavailable
  var storageWorks = true;

  function emptyState() { return { format: FORMAT, version: VERSION, ticks: {}, answers: {} }; }

  function load() {
    if (memory) return memory;
    try {
      var raw = window.localStorage.getItem(storageKey);
      var state = raw ? JSON.parse(raw) : emptyState();
      state.ticks = state.ticks || {};
      state.answers = state.answers || {};
      return state;
    } catch (error) {
      storageWorks = false;
      memory = emptyState();
      return memory;
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (error) {
      storageWorks = false;
      memory = state;
    }
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function keysOf(element, attribute) {
    return (element.getAttribute(attribute || "data-items") || "").split(" ").filter(Boolean);
  }

  /* "{done} of {total}" with its values, in one pass, so that a value holding "{x}"
     (a file name, a checklist's name) is never filled in again. */
  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* The team's state from the status file: key -> done, in-progress or not-applicable. */
  function readTeam() {
    var team = Object.create(null);
    var box = document.querySelector(".playbook-team");
    if (!box) return { active: false, states: team, onlyHere: "" };
    ["done", "in-progress", "not-applicable"].forEach(function (status) {
      keysOf(box, "data-" + status).forEach(function (key) { team[key] = status; });
    });
    return { active: true, states: team, onlyHere: box.getAttribute("data-only-here") || "" };
  }

  var team = readTeam();

  function teamState(key) { return team.states[key] || "not-started"; }

  /* An item as this reader sees it: the team's state, unless this browser says otherwise. */
  function effective(key, state) {
    var own = state.ticks[key];
    if (own === true) return "done";
    if (own === false) return teamState(key) === "done" ? "not-started" : teamState(key);
    return teamState(key);
  }

  function isDone(key, state) { return effective(key, state) === "done"; }

  /* {done, total}: not-applicable items do not count, as in `playbook progress`. */
  function countDone(keys, state) {
    var applicable = keys.filter(function (key) { return effective(key, state) !== "not-applicable"; });
    return {
      done: applicable.filter(function (key) { return isDone(key, state); }).length,
      total: applicable.length,
    };
  }

  /* Marks what this browser holds that the team's status file does not say. */
  function markOwn(state) {
    if (!team.active) return;
    all("input[type=checkbox][data-key]").forEach(function (box) {
      var own = state.ticks[box.getAttribute("data-key")];
      var differs = own !== undefined && (own === true) !== (teamState(box.getAttribute("data-key")) === "done");
      setMark(box.closest("li"), differs);
    });
    all("textarea.playbook-answer").forEach(function (area) {
      var teamAnswer = area.parentNode.querySelector("[data-team-answer]");
      var agreed = teamAnswer ? teamAnswer.getAttribute("data-team-answer") : "";
      setMark(area.parentNode, Boolean(area.value) && area.value !== agreed, area);
    });
  }

  function setMark(holder, on, after) {
    if (!holder) return;
    var mark = holder.querySelector(":scope > .playbook-own");
    if (on && !mark) {
      mark = document.createElement("span");
      mark.className = "playbook-own";
      mark.textContent = team.onlyHere;
      if (after) after.insertAdjacentElement("afterend", mark);
      else holder.appendChild(mark);
    } else if (!on && mark) {
      mark.remove();
    }
  }

  function updateProgress(state) {
    all(".playbook-progress").forEach(function (box) {
      var counted = countDone(keysOf(box), state);
      var bar = box.querySelector("progress");
      bar.max = counted.total;
      bar.value = counted.done;
      box.querySelector(".playbook-progress__text").textContent =
        fill(box.getAttribute("data-template"), counted);
      box.hidden = false;
    });
    // Each stage's done state on the journey map, the stage list and the home page.
    all(".playbook-stage-done").forEach(function (mark) {
      var counted = countDone(keysOf(mark), state);
      var complete = counted.total > 0 && counted.done === counted.total;
      var shown = document.createElement("span");
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = (complete ? "✓ " : "") + counted.done + "/" + counted.total;
      var spoken = document.createElement("span");
      spoken.className = "playbook-visually-hidden";
      spoken.textContent = fill(mark.getAttribute("data-template"), counted);
      mark.textContent = "";
      mark.appendChild(shown);
      mark.appendChild(spoken);
      mark.classList.toggle("playbook-stage-done--complete", complete);
      mark.hidden = false;
    });
    markOwn(state);
    updateStartLinks(state);
  }

  /* A home-page card's "start here" (issue #29): the first stage until something is done,
     then the first open item among the keys the card's progress bar counts, in their order
     (data-targets says where each is ticked); once none is open, the journey page. */
  function updateStartLinks(state) {
    all("a.playbook-start[data-targets]").forEach(function (link) {
      var card = link.closest(".playbook-card");
      var bar = card && card.querySelector(".playbook-progress");
      if (!bar) return;
      var targets = JSON.parse(link.getAttribute("data-targets"));
      var keys = keysOf(bar).filter(function (key) { return targets[key]; });
      if (!link.hasAttribute("data-start")) {
        link.setAttribute("data-start", link.getAttribute("href"));
        link.setAttribute("data-start-text", link.textContent);
      }
      var started = keys.some(function (key) { return isDone(key, state); });
      var open = keys.filter(function (key) {
        var status = effective(key, state);
        return status !== "done" && status !== "not-applicable";
      })[0];
      if (!started) {
        link.setAttribute("href", link.getAttribute("data-start"));
        link.textContent = link.getAttribute("data-start-text");
      } else if (open) {
        link.setAttribute("href", targets[open][0]);
        link.textContent = fill(link.getAttribute("data-continue"), { stage: targets[open][1] });
      } else {
        link.setAttribute("href", link.getAttribute("data-done-href"));
        link.textContent = link.getAttribute("data-done");
      }
    });
  }

  /* Shows the page as the state has it: after a reset, an undo or an import. */
  function showState(state) {
    all("input[type=checkbox][data-key]").forEach(function (box) {
      box.checked = isDone(box.getAttribute("data-key"), state);
    });
    all("textarea.playbook-answer").forEach(function (area) {
      area.value = state.answers[area.getAttribute("data-key")] || "";
      var mirror = area.parentNode.querySelector(".playbook-answer-print");
      if (mirror) mirror.textContent = area.value;
    });
    updateProgress(state);
  }

  function setUpChecklists(state) {
    all("input[type=checkbox][data-key]").forEach(function (box) {
      var key = box.getAttribute("data-key");
      box.disabled = false;
      box.checked = isDone(key, state);
      box.addEventListener("change", function () {
        var current = load();
        // Kept only where it differs from the team's state: that is what is "only here".
        if (box.checked === (teamState(key) === "done")) delete current.ticks[key];
        else current.ticks[key] = box.checked;
        save(current);
        updateProgress(current);
      });
    });
  }

  function setUpAnswers(state) {
    all("textarea.playbook-answer").forEach(function (area) {
      var key = area.getAttribute("data-key");
      var mirror = area.parentNode.querySelector(".playbook-answer-print");
      area.value = state.answers[key] || "";
      if (mirror) mirror.textContent = area.value;
      area.hidden = false;
      area.addEventListener("input", function () {
        var current = load();
        if (area.value) current.answers[key] = area.value;
        else delete current.answers[key];
        save(current);
        if (mirror) mirror.textContent = area.value;
        markOwn(current);
      });
    });
  }

  function download(filename, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function stageMarkdown() {
    var lines = ["# " + document.querySelector(".md-content h1").firstChild.textContent.trim(), ""];
    all(".md-content h2").forEach(function (heading) {
      var list = heading.nextElementSibling;
      while (list && !/^(UL|OL)$/.test(list.tagName) && list.tagName !== "H2") list = list.nextElementSibling;
      if (!list || list.tagName === "H2") return;
      if (list.classList.contains("playbook-checklist")) {
        lines.push("## " + heading.firstChild.textContent.trim(), "");
        all("li", list).forEach(function (item) {
          var box = item.querySelector("input");
          lines.push("- [" + (box.checked ? "x" : " ") + "] " + item.textContent.trim());
        });
        lines.push("");
      } else if (list.classList.contains("playbook-prompts")) {
        lines.push("## " + heading.firstChild.textContent.trim(), "");
        all("li", list).forEach(function (item, index) {
          lines.push((index + 1) + ". " + item.querySelector(".playbook-prompt").textContent.trim());
          var answer = item.querySelector("textarea").value.trim();
          if (answer) answer.split("\n").forEach(function (line) { lines.push("   > " + line); });
          lines.push("");
        });
      }
    });
    return lines.join("\n").replace(/\n+$/, "\n");
  }

  /* A journey's summary: every stage's ticks and answers. The page hands over each
     item's key and text (data-journey, written by the generator); nothing is guessed. */
  function journeyMarkdown(journey, state) {
    var lines = ["# " + journey.title, ""];
    journey.sections.forEach(function (section) {
      lines.push("## " + section.heading, "");
      if (section.checklist.length) {
        var keys = section.checklist.map(function (item) { return item.key; });
        lines.push(fill(journey.progress, countDone(keys, state)), "");
        lines.push("### " + journey.checklist_heading, "");
        section.checklist.forEach(function (item) {
          lines.push("- [" + (isDone(item.key, state) ? "x" : " ") + "] " + item.text);
        });
        lines.push("");
      }
      if (section.prompts.length) {
        lines.push("### " + journey.prompts_heading, "");
        section.prompts.forEach(function (prompt, index) {
          lines.push((index + 1) + ". " + prompt.text);
          var answer = (state.answers[prompt.key] || "").trim();
          if (answer) answer.split("\n").forEach(function (line) { lines.push("   > " + line); });
          lines.push("");
        });
      }
    });
    return lines.join("\n").replace(/\n+$/, "\n");
  }

  /* Opens a confirmation (a native modal <dialog>: focus stays inside, Escape cancels)
     and calls back once with the chosen button's data-choice, or "" when cancelled. */
  function ask(dialog, callback) {
    var choice = "";
    function clicked(event) {
      var button = event.target.closest("[data-choice]");
      if (!button) return;
      choice = button.getAttribute("data-choice");
      dialog.close();
    }
    function closed() {
      dialog.removeEventListener("click", clicked);
      dialog.removeEventListener("close", closed);
      callback(choice === "cancel" ? "" : choice);
    }
    dialog.addEventListener("click", clicked);
    dialog.addEventListener("close", closed);
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");  // very old browsers: shown in place
    var first = dialog.querySelector("[autofocus]");
    if (first) first.focus();
  }

  /* One undo: the last reset or import, until the next one. */
  function offerUndo(box, restore) {
    var button = box.querySelector("[data-playbook-action=undo]");
    var status = box.querySelector(".playbook-status");
    button.hidden = false;
    button.onclick = function () {
      button.onclick = null;
      button.hidden = true;
      restore();
      status.textContent = status.getAttribute("data-undone");
      var focus = box.querySelector("button:not([hidden]), input");
      if (focus) focus.focus();
    };
  }

  function setUpReset() {
    all("[data-playbook-action=reset-stage]").forEach(function (button) {
      var box = button.closest(".playbook-actions");
      var dialog = box.querySelector("dialog");
      var status = box.querySelector(".playbook-status");
      var lines = all("[data-clears]", dialog);
      button.addEventListener("click", function () {
        var state = load();
        lines.forEach(function (line) {
          var kind = line.getAttribute("data-clears");
          var count = keysOf(line, "data-keys").filter(function (key) {
            return kind === "ticks" ? state.ticks[key] !== undefined : Boolean(state.answers[key]);
          }).length;
          line.textContent = fill(line.getAttribute("data-template"),
                                  { count: count, name: line.getAttribute("data-name") || "" });
        });
        ask(dialog, function (choice) {
          if (choice !== "reset") return;
          // Clears exactly the keys the dialog listed, and keeps them for the undo.
          var current = load();
          var cleared = { ticks: {}, answers: {} };
          lines.forEach(function (line) {
            var kind = line.getAttribute("data-clears");
            keysOf(line, "data-keys").forEach(function (key) {
              if (current[kind][key] === undefined) return;
              cleared[kind][key] = current[kind][key];
              delete current[kind][key];
            });
          });
          save(current);
          showState(current);
          status.textContent = status.getAttribute("data-done");
          offerUndo(box, function () {
            var now = load();
            ["ticks", "answers"].forEach(function (kind) {
              Object.keys(cleared[kind]).forEach(function (key) { now[kind][key] = cleared[kind][key]; });
            });
            save(now);
            showState(now);
          });
        });
      });
    });
  }

  /* Reads an exported file: {format, version, ticks, answers}. Returns {error} naming
     the status message to show, or what the file holds for this site's known ids. */
  function readProgress(text, known) {
    var data;
    try { data = JSON.parse(text); } catch (error) { return { error: "data-not-json" }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) return { error: "data-failed" };
    // The version is checked before anything is read, so a file from a newer playbook
    // (even an empty one) can never wipe or half-apply anything.
    var version = data.version;
    if (typeof version === "number" && Math.floor(version) === version && version > VERSION) {
      return { error: "data-newer", version: version };
    }
    if (version !== VERSION) return { error: "data-unknown-version", version: JSON.stringify(version) };
    var isMap = function (value) {
      return value === undefined || (value !== null && typeof value === "object" && !Array.isArray(value));
    };
    if (!isMap(data.ticks) || !isMap(data.answers)) return { error: "data-broken" };
    var file = { ticks: {}, answers: {}, unknown: [] };
    Object.keys(data.ticks || {}).forEach(function (key) {
      if (data.ticks[key] !== true) return;
      if (known.ticks[key]) file.ticks[key] = true;
      else file.unknown.push(key);
    });
    Object.keys(data.answers || {}).forEach(function (key) {
      if (typeof data.answers[key] !== "string" || !data.answers[key]) return;
      if (known.answers[key]) file.answers[key] = data.answers[key];
      else file.unknown.push(key);
    });
    return file;
  }

  function lookup(keys) {
    var map = Object.create(null);
    keys.forEach(function (key) { map[key] = true; });
    return map;
  }

  /* What merge and replace would each do to the state in this browser. */
  function importCounts(file, state) {
    var fileTicks = Object.keys(file.ticks);
    var fileAnswers = Object.keys(file.answers);
    return {
      ticks: fileTicks.length,
      answers: fileAnswers.length,
      unknown: file.unknown.length,
      "new-ticks": fileTicks.filter(function (key) { return state.ticks[key] !== true; }).length,
      "new-answers": fileAnswers.filter(function (key) { return !state.answers[key]; }).length,
      "replaced-answers": fileAnswers.filter(function (key) {
        return state.answers[key] && state.answers[key] !== file.answers[key];
      }).length,
      "removed-ticks": Object.keys(state.ticks).filter(function (key) {
        return state.ticks[key] === true && file.ticks[key] !== true;
      }).length,
      "removed-answers": Object.keys(state.answers).filter(function (key) {
        return state.answers[key] && state.answers[key] !== file.answers[key];
      }).length,
    };
  }

  function setUpImport() {
    all("[data-playbook-action=import-all]").forEach(function (input) {
      var box = input.closest(".playbook-transfer");
      var status = box.querySelector(".playbook-status");
      var dialog = box.querySelector("dialog");
      var undo = box.querySelector("[data-playbook-action=undo]");
      var known = {
        ticks: lookup(keysOf(box, "data-known-ticks")),
        answers: lookup(keysOf(box, "data-known-answers")),
      };
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        var name = file.name;
        input.value = "";
        file.text().then(function (text) {
          var read = readProgress(text, known);
          if (read.error) {
            status.textContent = fill(status.getAttribute(read.error),
                                      { version: read.version, supported: VERSION });
            return;
          }
          var before = load();
          var counts = importCounts(read, before);
          var title = dialog.querySelector("h2");
          title.textContent = fill(title.getAttribute("data-template"), { file: name });
          showPreview(dialog, counts, read.unknown);
          undo.hidden = true;  // a new import ends the offer to undo the last one
          ask(dialog, function (choice) {
            if (choice !== "merge" && choice !== "replace") {
              status.textContent = status.getAttribute("data-cancelled");
              return;
            }
            var current = load();
            var snapshot = JSON.parse(JSON.stringify(current));
            var next = choice === "replace" ? emptyState() : current;
            Object.keys(read.ticks).forEach(function (key) { next.ticks[key] = true; });
            Object.keys(read.answers).forEach(function (key) { next.answers[key] = read.answers[key]; });
            save(next);
            showState(next);
            status.textContent = status.getAttribute("data-done");
            offerUndo(box, function () {
              save(snapshot);
              showState(snapshot);
            });
          });
        }).catch(function () {
          status.textContent = status.getAttribute("data-failed");
        });
      });
    });
  }

  /* The export as JSON that YAML reads the same (`playbook progress import` reads it as
     YAML): JSON.stringify leaves DEL, C1 controls, NEL, LS, PS and the BOM raw, which a
     YAML reader refuses or folds into a space; escaped, they mean the same in both. */
  function exportText(body) {
    return JSON.stringify(body, null, 2).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (char) {
      return "\\u" + ("000" + char.charCodeAt(0).toString(16)).slice(-4);
    }) + "\n";
  }

  function setUpActions() {
    setUpReset();
    setUpImport();
    all("[data-playbook-action=export-stage]").forEach(function (button) {
      button.addEventListener("click", function () {
        download(button.getAttribute("data-filename"), "text/markdown", stageMarkdown());
      });
    });
    all("[data-playbook-action=export-journey]").forEach(function (button) {
      button.addEventListener("click", function () {
        var journey = JSON.parse(button.getAttribute("data-journey"));
        download(button.getAttribute("data-filename"), "text/markdown",
                 journeyMarkdown(journey, load()));
      });
    });
    all("[data-playbook-action=export-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        var state = load();
        var ticks = {};  // the export format holds ticks only (true), as before
        Object.keys(state.ticks).forEach(function (key) { if (state.ticks[key] === true) ticks[key] = true; });
        var body = { format: FORMAT, version: VERSION, ticks: ticks, answers: state.answers };
        download(button.getAttribute("data-filename"), "application/json", exportText(body));
      });
    });
    all(".playbook-actions, .playbook-transfer").forEach(function (box) { box.hidden = false; });
    if (!storageWorks) all(".playbook-storage-warning").forEach(function (p) { p.hidden = false; });
  }

  function nameTheSearchDialog() {
    // Material's search overlay has role="dialog" but no accessible name (axe: serious).
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
    }
  }

  /* Fills an import or share-link preview: its counted lines, and the ids this content
     does not know (as text: they come from someone else's file or link). */
  function showPreview(dialog, counts, unknown) {
    all("[data-count]", dialog).forEach(function (line) {
      line.textContent = fill(line.getAttribute("data-template"),
                              { count: counts[line.getAttribute("data-count")] });
    });
    var ids = dialog.querySelector(".playbook-import-unknown__ids");
    ids.textContent = "";
    unknown.sort().forEach(function (key) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = key;
      item.appendChild(code);
      ids.appendChild(item);
    });
    dialog.querySelector(".playbook-import-unknown").hidden = unknown.length === 0;
  }

  /* What playbook-share.js builds on. */
  window.JourneyPlaybook = {
    load: load, save: save, all: all, keysOf: keysOf, fill: fill, ask: ask, showPreview: showPreview,
    offerUndo: offerUndo, showState: showState, download: download,
    team: team, teamState: teamState, isDone: isDone, lookup: function (keys) { return lookup(keys); },
  };

  function start() {
    nameTheSearchDialog();
    var state = load();
    setUpChecklists(state);
    setUpAnswers(state);
    setUpActions();
    updateProgress(state);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
