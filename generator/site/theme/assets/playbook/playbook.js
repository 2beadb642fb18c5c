/* Journey Playbook: checklists that remember their ticks, answers to prompts,
   progress bars, reset, and export/import of a team's progress.

   Everything is saved in localStorage under journey/stage/item ids, so the same
   progress shows in every language and survives content edits: ids that no
   longer exist are ignored, new items start unticked. Without JavaScript the
   page shows plain lists; without storage (private mode) it works unsaved. */
(function () {
  "use strict";

  var FORMAT = "journey-playbook-progress";
  var scope = typeof __md_scope !== "undefined" ? __md_scope.pathname : "/";
  var storageKey = "journey-playbook:" + scope;

  var memory = null;   // used when localStorage is unavailable
  var storageWorks = true;

  function emptyState() { return { format: FORMAT, version: 1, ticks: {}, answers: {} }; }

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

  function updateProgress(state) {
    all(".playbook-progress").forEach(function (box) {
      var keys = (box.getAttribute("data-items") || "").split(" ").filter(Boolean);
      var done = keys.filter(function (key) { return state.ticks[key] === true; }).length;
      var bar = box.querySelector("progress");
      bar.max = keys.length;
      bar.value = done;
      box.querySelector(".playbook-progress__text").textContent = box
        .getAttribute("data-template")
        .replace("{done}", done)
        .replace("{total}", keys.length);
      box.hidden = false;
    });
  }

  function setUpChecklists(state) {
    all("input[type=checkbox][data-key]").forEach(function (box) {
      box.disabled = false;
      box.checked = state.ticks[box.getAttribute("data-key")] === true;
      box.addEventListener("change", function () {
        var current = load();
        if (box.checked) current.ticks[box.getAttribute("data-key")] = true;
        else delete current.ticks[box.getAttribute("data-key")];
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

  function setUpActions() {
    all("[data-playbook-action=reset-stage]").forEach(function (button) {
      var box = button.closest(".playbook-actions");
      // The page lists the keys of this stage's own items; keys are built only in Python.
      var keys = (box.getAttribute("data-items") || "").split(" ").filter(Boolean);
      button.addEventListener("click", function () {
        var current = load();
        keys.forEach(function (key) { delete current.ticks[key]; });
        save(current);
        all("input[type=checkbox][data-key]").forEach(function (input) {
          if (keys.indexOf(input.getAttribute("data-key")) !== -1) input.checked = false;
        });
        updateProgress(current);
      });
    });
    all("[data-playbook-action=export-stage]").forEach(function (button) {
      button.addEventListener("click", function () {
        download(button.getAttribute("data-filename"), "text/markdown", stageMarkdown());
      });
    });
    all("[data-playbook-action=export-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        var state = load();
        var body = { format: FORMAT, version: 1, ticks: state.ticks, answers: state.answers };
        download(button.getAttribute("data-filename"), "application/json",
                 JSON.stringify(body, null, 2) + "\n");
      });
    });
    all("[data-playbook-action=import-all]").forEach(function (input) {
      var status = input.closest(".playbook-transfer").querySelector(".playbook-status");
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        file.text().then(function (text) {
          var data = JSON.parse(text);
          if (!data || data.format !== FORMAT || typeof data.ticks !== "object") throw new Error();
          var state = emptyState();
          Object.keys(data.ticks).forEach(function (key) {
            if (data.ticks[key] === true) state.ticks[String(key)] = true;
          });
          Object.keys(data.answers || {}).forEach(function (key) {
            if (typeof data.answers[key] === "string") state.answers[String(key)] = data.answers[key];
          });
          save(state);
          updateProgress(state);
          status.textContent = status.getAttribute("data-done");
        }).catch(function () {
          status.textContent = status.getAttribute("data-failed");
        });
        input.value = "";
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
