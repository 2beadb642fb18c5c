/* Journey Playbook: sharing one reader's work (issue #15).

   "Share my changes" (home page): this browser's ticks and answers that the team's
   status file does not say yet, as a snippet of progress.yaml to copy, download, or
   open in GitHub's web editor; `playbook progress import FILE` merges it.

   Share links (journey pages): this browser's ticks and answers for one journey in the
   address's fragment (#share=…), which browsers never send to a server. Keys are ids,
   never words, so a link made under /nb/ works under /en/; the journey's fingerprint
   (a hash of its ids) tells a link made for other content. Opening a link previews what
   it would change; nothing is merged until the reader agrees, and it can be undone.

   Builds on playbook.js (window.JourneyPlaybook). */
(function () {
  "use strict";

  var core = window.JourneyPlaybook;
  if (!core) return;
  var LINK_VERSION = 1;
  var LINK_PREFIX = "#share=";

  /* ---- "Share my changes" ---- */

  function nowStamp() { return new Date().toISOString().replace(/\.\d+Z$/, "Z"); }

  /* What YAML does not take as it is: characters outside its printable set (C0 and C1
     controls, DEL, U+FFFE/U+FFFF), the BOM, and the line breaks YAML 1.1 knows besides
     \n (NEL, LS, PS), which a reader would fold into a space. In a double-quoted string
     they go as \u escapes; JSON.stringify escapes only C0, so the rest are done here. */
  var YAML_ESCAPED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
  var JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

  function yamlQuoted(text) {
    return JSON.stringify(text).replace(JSON_UNESCAPED, function (char) {
      return "\\u" + ("000" + char.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /* A text as a YAML scalar under a key indented by `indent` spaces: a literal block when
     that keeps it exactly, else a double-quoted string (JSON's escapes are YAML's). */
  function yamlText(text, indent) {
    var body = text.replace(/\n$/, "");  // "|" keeps that one line break, "|-" none
    var safe = body.length > 0 && !/^\s/.test(body) && !/\n$/.test(body) &&
      body.split("\n").every(function (line) {
        return !/\s$/.test(line) && !YAML_ESCAPED.test(line);
      });
    if (!safe) return yamlQuoted(text);
    var pad = new Array(indent + 3).join(" ");
    var chomp = /\n$/.test(text) ? "|" : "|-";
    return chomp + "\n" + body.split("\n").map(function (line) {
      return line ? pad + line : "";
    }).join("\n");
  }

  /* What this browser holds that the status file does not: {items: [[key, status]],
     answers: [[key, text]]}, only for ids this site has. */
  function changes(state, knownTicks, knownAnswers, teamAnswers) {
    var items = Object.keys(state.ticks).sort().filter(function (key) {
      if (!knownTicks[key]) return false;
      return (state.ticks[key] === true) !== (core.teamState(key) === "done");
    }).map(function (key) {
      if (state.ticks[key] === true) return [key, "done"];
      return [key, "not-started"];  // unticked here what the team has as done
    });
    var answers = Object.keys(state.answers).sort().filter(function (key) {
      return knownAnswers[key] && state.answers[key] && state.answers[key] !== teamAnswers[key];
    }).map(function (key) { return [key, state.answers[key]]; });
    return { items: items, answers: answers };
  }

  function snippet(found, stamp, heading) {
    var lines = ["# " + heading, "version: 1"];
    if (found.items.length) {
      lines.push("items:");
      found.items.forEach(function (entry) {
        lines.push("  " + entry[0] + ":", "    status: " + entry[1], "    changed: " + stamp);
      });
    }
    if (found.answers.length) {
      lines.push("answers:");
      found.answers.forEach(function (entry) {
        lines.push("  " + entry[0] + ":", "    text: " + yamlText(entry[1], 4), "    changed: " + stamp);
      });
    }
    return lines.join("\n") + "\n";
  }

  function copyText(area, status) {
    function copied() { status.textContent = status.getAttribute("data-copied"); }
    function failed() {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) { copied(); return; }
      } catch (error) { /* reported below */ }
      status.textContent = status.getAttribute("data-copy-failed");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(copied, failed);
    } else {
      failed();
    }
  }

  function setUpShareChanges() {
    core.all(".playbook-share").forEach(function (box) {
      var transfer = document.querySelector(".playbook-transfer");
      var knownTicks = core.lookup(core.keysOf(transfer, "data-known-ticks"));
      var knownAnswers = core.lookup(core.keysOf(transfer, "data-known-answers"));
      var teamAnswers = JSON.parse(box.getAttribute("data-team-answers") || "{}");
      var status = box.querySelector(".playbook-status");
      var result = box.querySelector(".playbook-share__result");
      var area = box.querySelector("textarea");
      var editor = box.querySelector("[data-playbook-action=open-editor]");
      var editorBase = editor ? editor.getAttribute("href") : "";
      box.querySelector("[data-playbook-action=share-changes]").addEventListener("click", function () {
        var found = changes(core.load(), knownTicks, knownAnswers, teamAnswers);
        var count = found.items.length + found.answers.length;
        if (!count) {
          result.hidden = true;
          status.textContent = status.getAttribute("data-nothing");
          return;
        }
        var stamp = nowStamp();
        area.value = snippet(found, stamp, box.getAttribute("data-heading") + " (" + stamp + ")");
        result.hidden = false;
        status.textContent = core.fill(status.getAttribute("data-count"), { count: count });
        if (editor && editor.getAttribute("data-creates") === "true") {
          // GitHub's "new file" page takes the file's text from ?value=.
          editor.href = editorBase + "&value=" + encodeURIComponent(area.value);
        }
      });
      box.querySelector("[data-playbook-action=copy-snippet]").addEventListener("click", function () {
        copyText(area, status);
      });
      box.querySelector("[data-playbook-action=download-snippet]").addEventListener("click", function (event) {
        core.download(event.currentTarget.getAttribute("data-filename"), "application/yaml", area.value);
      });
      box.hidden = false;
    });
  }

  /* ---- Share links ---- */

  function toBase64Url(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function through(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer()
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  /* "1." + deflate-raw, or "0." + the JSON itself where the browser cannot compress. */
  function encode(payload) {
    var bytes = new TextEncoder().encode(JSON.stringify(payload));
    if (typeof CompressionStream === "undefined") return Promise.resolve("0." + toBase64Url(bytes));
    return through(bytes, new CompressionStream("deflate-raw"))
      .then(function (packed) { return "1." + toBase64Url(packed); })
      .catch(function () { return "0." + toBase64Url(bytes); });
  }

  /* A link is untrusted: 2 MB of deflate can unpack to 2 GB, which would hang or crash the
     tab of whoever opens it. Real links are a few kilobytes; unpacking stops past this. */
  var MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

  function tooLarge() { return new Error("share link too large"); }

  function inflate(bytes) {
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var chunks = [];
    var size = 0;
    function next() {
      return reader.read().then(function (step) {
        if (step.done) return joined();
        size += step.value.length;
        if (size > MAX_PAYLOAD_BYTES) {
          reader.cancel();
          throw tooLarge();
        }
        chunks.push(step.value);
        return next();
      });
    }
    function joined() {
      var all = new Uint8Array(size);
      var at = 0;
      chunks.forEach(function (chunk) { all.set(chunk, at); at += chunk.length; });
      return all;
    }
    return next();
  }

  function decode(code) {
    return Promise.resolve().then(function () {
      var kind = code.slice(0, 2);
      var bytes = fromBase64Url(code.slice(2));
      if (bytes.length > MAX_PAYLOAD_BYTES) throw tooLarge();
      if (kind === "0.") return bytes;
      if (kind === "1." && typeof DecompressionStream !== "undefined") return inflate(bytes);
      throw new Error("unreadable share link");
    }).then(function (bytes) {
      var payload = JSON.parse(new TextDecoder().decode(bytes));
      if (!payload || payload.v !== LINK_VERSION || typeof payload.j !== "string") throw new Error("not a share link");
      return payload;
    });
  }

  /* Keys travel without their journey's id ("awareness/item" for "journey/awareness/item");
     a shared checklist's keep theirs ("shared/…"). */
  function shorten(key, journey) {
    return key.indexOf(journey + "/") === 0 ? key.slice(journey.length + 1) : key;
  }

  function lengthen(key, journey) {
    return key.indexOf("shared/") === 0 ? key : journey + "/" + key;
  }

  function linkPayload(box, state) {
    var journey = box.getAttribute("data-share-journey");
    var keys = core.keysOf(box, "data-keys");
    var ticks = keys.filter(function (key) { return state.ticks[key] === true; });
    var answers = {};
    keys.forEach(function (key) { if (state.answers[key]) answers[shorten(key, journey)] = state.answers[key]; });
    return {
      v: LINK_VERSION,
      j: journey,
      f: box.getAttribute("data-fingerprint"),
      t: ticks.map(function (key) { return shorten(key, journey); }),
      a: answers,
    };
  }

  function setUpMakeLink(box) {
    var status = box.querySelector(".playbook-status");
    var field = box.querySelector(".playbook-sharelink__url");
    box.querySelector("[data-playbook-action=make-link]").addEventListener("click", function () {
      encode(linkPayload(box, core.load())).then(function (code) {
        field.value = location.origin + location.pathname + LINK_PREFIX + code;
        status.textContent = core.fill(status.getAttribute("data-made"), { length: field.value.length });
        field.focus();
        field.select();
      });
    });
  }

  /* A journey has a few hundred ids at most. A link that carries many more is not one this
     playbook made, and listing its unknown ids (half a million fit in 4 MB) would hang the
     page of whoever opens it: it is refused as unreadable. */
  var MAX_LINK_IDS = 5000;

  /* What a link would change here, and the ids this page does not have. */
  function readLink(payload, box, state) {
    var journey = payload.j;
    var known = core.lookup(core.keysOf(box, "data-keys"));
    var read = { ticks: [], answers: {}, unknown: [] };
    var ticks = Array.isArray(payload.t) ? payload.t : [];
    var answers = payload.a && typeof payload.a === "object" ? payload.a : {};
    if (ticks.length + Object.keys(answers).length > MAX_LINK_IDS) throw new Error("too many ids");
    ticks.forEach(function (short) {
      var key = lengthen(String(short), journey);
      if (known[key]) read.ticks.push(key);
      else read.unknown.push(key);
    });
    Object.keys(answers).forEach(function (short) {
      var key = lengthen(short, journey);
      if (typeof answers[short] !== "string" || !answers[short]) return;
      if (known[key]) read.answers[key] = answers[short];
      else read.unknown.push(key);
    });
    var answerKeys = Object.keys(read.answers);
    read.counts = {
      ticks: read.ticks.length,
      answers: answerKeys.length,
      unknown: read.unknown.length,
      "new-ticks": read.ticks.filter(function (key) { return !core.isDone(key, state); }).length,
      "new-answers": answerKeys.filter(function (key) { return !state.answers[key]; }).length,
      "replaced-answers": answerKeys.filter(function (key) {
        return state.answers[key] && state.answers[key] !== read.answers[key];
      }).length,
    };
    read.changed = payload.f !== box.getAttribute("data-fingerprint");
    return read;
  }

  function forgetLink() {
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  function openLink(box) {
    var status = box.querySelector(".playbook-status");
    var dialog = box.querySelector("dialog");
    decode(location.hash.slice(LINK_PREFIX.length)).then(function (payload) {
      var read = readLink(payload, box, core.load());
      core.showPreview(dialog, read.counts, read.unknown);
      dialog.querySelector(".playbook-link-changed").hidden = !read.changed;
      core.ask(dialog, function (choice) {
        forgetLink();
        if (choice !== "merge") {
          status.textContent = status.getAttribute("data-cancelled");
          return;
        }
        var current = core.load();
        var snapshot = JSON.parse(JSON.stringify(current));
        read.ticks.forEach(function (key) {
          if (core.teamState(key) === "done") delete current.ticks[key];
          else current.ticks[key] = true;
        });
        Object.keys(read.answers).forEach(function (key) { current.answers[key] = read.answers[key]; });
        core.save(current);
        core.showState(current);
        status.textContent = status.getAttribute("data-done");
        core.offerUndo(box, function () {
          core.save(snapshot);
          core.showState(snapshot);
        });
      });
    }).catch(function () {
      forgetLink();
      status.textContent = status.getAttribute("data-broken");
    });
  }

  function setUpShareLinks() {
    core.all(".playbook-sharelink").forEach(function (box) {
      setUpMakeLink(box);
      box.hidden = false;
      if (location.hash.indexOf(LINK_PREFIX) === 0) openLink(box);
      // A link pasted into the address bar of this very page only changes the fragment.
      window.addEventListener("hashchange", function () {
        if (location.hash.indexOf(LINK_PREFIX) === 0) openLink(box);
      });
    });
  }

  function start() {
    setUpShareChanges();
    setUpShareLinks();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
