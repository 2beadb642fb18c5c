/* Journey Playbook: checklists that remember their ticks, answers to prompts, progress bars
   and each stage's done state, a reset that asks first and can be undone, Markdown
   summaries, and export/import of a team's progress with a preview.

   Everything is saved in localStorage under journey/stage/item ids, so the same progress
   shows in every language and survives content edits: ids that no longer exist are
   ignored, new items start unticked. Without JavaScript the page shows plain lists;
   without storage (private mode) it works unsaved.

   With a team status file (progress.yaml), the page carries the team's state and this
   browser's ticks layer on top of it (lib/counting.js), marked "only in this browser"
   until the status file says the same. Every bar and mark counts a scope whose keys the
   page's data lists; the script never decides what a scope holds (issue #26).

   Loaded as an ES module (theme/main.html); the logic is in lib/, tested by Node
   (tests/js/). playbook-share.js adds "share my changes" and share links. */

import { MAX_BYTES, MAX_IDS } from "./lib/limits.js";
import { journeyMarkdown, stageMarkdown } from "./lib/markdown.js";
import { lookup } from "./lib/maps.js";
import { CHANGES_VERSION, stampFor } from "./lib/changes.js";
import { stampOf } from "./lib/snippet.js";
import { cleared, countKept, withAnswer, withTick } from "./lib/state.js";
import { fill } from "./lib/text.js";
import { applyImport, exportText, fitsInImport, importCounts, readProgress } from "./lib/transfer.js";
import {
  all, announce, ask, data, descriptionOf, download, isDone, keysOf, load, markOwn, offerStoredUndo, offerUndo, save, showPreview,
  showState, storageWorks, teamAnswers, teamStatusOf, updateProgress,
} from "./page.js";
import { setUpBoard } from "./playbook-board.js";
import { setUpItems } from "./playbook-items.js";
import { setUpSharing } from "./playbook-share.js";

function setUpChecklists(state) {
  for (const box of all("input[type=checkbox][data-key]")) {
    const key = box.getAttribute("data-key");
    box.disabled = false;
    box.checked = isDone(key, state);
    box.addEventListener("change", () => {
      const before = load();
      const stamp = stampFor(data, "items", key, "status", stampOf(new Date()), before.name);
      const next = withTick(before, key, box.checked, teamStatusOf(key), stamp);
      save(next);
      // A shared item shows on a print page once per stage: every box of it follows.
      for (const twin of all("input[type=checkbox][data-key]")) {
        if (twin !== box && twin.getAttribute("data-key") === key) twin.checked = box.checked;
      }
      showState(next);
      // The box's new description ("only in this browser" came or went), read out.
      announce(descriptionOf(box));
    });
  }
}

function setUpAnswers(state) {
  for (const area of all("textarea.playbook-answer")) {
    const key = area.getAttribute("data-key");
    const mirror = area.parentNode.querySelector(".playbook-answer-print");
    area.value = state.answers[key] || "";
    if (mirror) mirror.textContent = area.value;
    area.hidden = false;
    area.addEventListener("input", () => {
      const before = load();
      const stamp = stampFor(data, "answers", key, "text", stampOf(new Date()), before.name);
      const teamAnswer = area.parentNode.querySelector("[data-team-answer]");
      const teamText = teamAnswer ? teamAnswer.getAttribute("data-team-answer") : "";
      const next = withAnswer(before, key, area.value, stamp, teamText);
      save(next);
      if (mirror) mirror.textContent = area.value;
      markOwn(next);
    });
  }
}

/* The stage page's sections as lib/markdown.js takes them. */
function stageSections() {
  const sections = [];
  for (const heading of all(".md-content h2")) {
    let list = heading.nextElementSibling;
    while (list && !/^(UL|OL)$/.test(list.tagName) && list.tagName !== "H2") list = list.nextElementSibling;
    if (!list || list.tagName === "H2") continue;
    const title = heading.firstChild.textContent.trim();
    if (list.classList.contains("playbook-checklist")) {
      sections.push({
        heading: title,
        checklist: all(":scope > li", list).map((item) => ({
          // The item and the team's state beside it, not the controls to change them.
          text: [...item.childNodes].filter((node) => !node.classList || !node.classList.contains("playbook-edit"))
            .map((node) => node.textContent).join("").trim(),
          done: item.querySelector("input").checked,
        })),
      });
    } else if (list.classList.contains("playbook-prompts")) {
      sections.push({
        heading: title,
        prompts: all("li", list).map((item) => ({
          text: item.querySelector(".playbook-prompt").textContent.trim(),
          answer: item.querySelector("textarea").value,
        })),
      });
    }
  }
  return sections;
}

function setUpReset() {
  for (const button of all("[data-playbook-action=reset-stage]")) {
    const box = button.closest(".playbook-actions");
    const dialog = box.querySelector("dialog");
    const status = box.querySelector(".playbook-status");
    const lines = all("[data-clears]", dialog).map((line) => ({
      element: line,
      kind: line.getAttribute("data-clears") === "answers" ? "answers" : "ticks",
      keys: keysOf(line, "data-keys"),
    }));
    button.addEventListener("click", () => {
      const state = load();
      for (const line of lines) {
        line.element.textContent = fill(line.element.getAttribute("data-template"), {
          count: countKept(state, line.kind, line.keys),
          name: line.element.getAttribute("data-name") || "",
        });
      }
      ask(dialog, (choice) => {
        if (choice !== "reset") return;
        // Clears exactly the keys the dialog listed, and keeps them for the undo.
        const result = cleared(load(), lines);
        save(result.state);
        showState(result.state);
        status.textContent = status.getAttribute("data-done");
        offerUndo(box, "restore", result.removed);
      });
    });
  }
}

function importError(status, read) {
  const lang = document.documentElement.lang || undefined;
  status.textContent = fill(status.getAttribute(read.error), {
    version: read.version,
    supported: CHANGES_VERSION,
    megabytes: MAX_BYTES / (1024 * 1024),
    ids: MAX_IDS.toLocaleString(lang),
  });
}

function setUpImport() {
  for (const input of all("[data-playbook-action=import-all]")) {
    const box = input.closest(".playbook-transfer");
    const status = box.querySelector(".playbook-status");
    const dialog = box.querySelector("dialog");
    const undo = box.querySelector("[data-playbook-action=undo]");
    const known = {
      ticks: lookup(keysOf(box, "data-known-ticks")),
      answers: lookup(keysOf(box, "data-known-answers")),
    };
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      const name = file.name;
      input.value = "";
      // Refused before it is read: reading a huge file would hang the tab.
      if (!fitsInImport(file.size)) {
        importError(status, { error: "data-too-large" });
        return;
      }
      file.text().then((text) => {
        const read = readProgress(text, known);
        if (read.error) {
          importError(status, read);
          return;
        }
        const title = dialog.querySelector("h2");
        title.textContent = fill(title.getAttribute("data-template"), { file: name });
        showPreview(dialog, importCounts(read, load(), data.items), read.unknown);
        undo.hidden = true;  // a new import ends the offer to undo the last one
        ask(dialog, (choice) => {
          if (choice !== "merge" && choice !== "replace") {
            status.textContent = status.getAttribute("data-cancelled");
            return;
          }
          const before = load();
          const next = applyImport(before, read, choice, data.items);
          save(next);
          showState(next);
          status.textContent = status.getAttribute("data-done");
          offerUndo(box, "replace", before);
        });
      }).catch(() => {
        status.textContent = status.getAttribute("data-failed");
      });
    });
  }
}

function setUpActions() {
  setUpReset();
  setUpImport();
  for (const button of all("[data-playbook-action=export-stage]")) {
    button.addEventListener("click", () => {
      const title = document.querySelector(".md-content h1").firstChild.textContent.trim();
      download(button.getAttribute("data-filename"), "text/markdown", stageMarkdown(title, stageSections()));
    });
  }
  for (const button of all("[data-playbook-action=export-journey]")) {
    button.addEventListener("click", () => {
      const journey = JSON.parse(button.getAttribute("data-journey"));
      download(button.getAttribute("data-filename"), "text/markdown", journeyMarkdown(journey, load(), data));
    });
  }
  for (const button of all("[data-playbook-action=export-all]")) {
    const box = button.closest(".playbook-transfer");
    const known = {
      ticks: lookup(keysOf(box, "data-known-ticks")),
      answers: lookup(keysOf(box, "data-known-answers")),
    };
    button.addEventListener("click", () => {
      const text = exportText(load(), data, known, teamAnswers(), stampOf(new Date()));
      download(button.getAttribute("data-filename"), "application/json", text);
    });
  }
  for (const box of all(".playbook-actions, .playbook-transfer")) box.hidden = false;
  if (!storageWorks) for (const note of all(".playbook-storage-warning")) note.hidden = false;
}

function nameTheSearchDialog() {
  // Material's search overlay has role="dialog" but no accessible name (axe: serious).
  const dialog = document.querySelector(".md-search[role=dialog]");
  const input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
  }
}

function keepMapFocusInView() {
  // Chrome leaves a link that is partly inside the map's scroll box where it is when it
  // takes focus, its end cut off; this scrolls it fully into view, beside the lane labels
  // (the map's scroll-padding-left) and below the sticky header (scroll-margin-top).
  for (const map of all(".playbook-map")) {
    map.addEventListener("focusin", (event) => {
      if (event.target !== map) event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  }
}

function openTheDrawerByKeyboard() {
  // Material's menu button is a <label> for the drawer's checkbox: a mouse opens the
  // drawer, Tab never reached it. Made a button named as the navigation it opens. Enter
  // on a focused label is Material's (it clicks it); Space is added here. Opened from the
  // button, focus moves into the drawer; Escape closes it and brings focus back.
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector(".md-header label.md-header__button[for=__drawer]");
  const nav = document.querySelector(".md-sidebar--primary .md-nav--primary");
  if (!toggle || !button || !nav) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", nav.getAttribute("aria-label") || "");
  button.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", () => {
    button.setAttribute("aria-expanded", String(toggle.checked));
    if (!toggle.checked || document.activeElement !== button) return;
    // The first page link (not the logo's: it sits in a label that closes the drawer),
    // focused once the drawer is visible again (its visibility follows the checkbox).
    const first = nav.querySelector(".md-nav__list a[href]");
    if (first) requestAnimationFrame(() => first.focus());
  });
  button.addEventListener("keydown", (event) => {
    if (event.key !== " ") return;
    event.preventDefault();
    button.click();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    button.click();
    button.focus();
  });
}

function start() {
  nameTheSearchDialog();
  openTheDrawerByKeyboard();
  keepMapFocusInView();
  const state = load();
  setUpChecklists(state);
  setUpAnswers(state);
  setUpItems(state);
  setUpActions();
  setUpSharing();
  setUpBoard();
  offerStoredUndo();
  updateProgress(state);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
