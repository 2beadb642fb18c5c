/* Journey Playbook: what the page scripts share: this browser's stored progress, the page's
   progress data, showing both, and the dialogs that ask before anything changes.

   The logic lives in lib/ (modules without DOM, which Node's unit tests import); this
   module and the two entry scripts (playbook.js, playbook-share.js) only read the page,
   call it and show the result. */

import { countScope, isComplete, layered, statusOf, teamStatus } from "./lib/counting.js";
import { get, splitKeys } from "./lib/maps.js";
import { readPageData, scopeKeys } from "./lib/page-data.js";
import { nextStep } from "./lib/start.js";
import { emptyState, parseStored, storedText } from "./lib/state.js";
import { fill } from "./lib/text.js";
import { applyUndo, parseUndo, undoText } from "./lib/undo.js";

const scope = typeof __md_scope !== "undefined" ? __md_scope.pathname : "/";
const storageKey = "journey-playbook:" + scope;

let memory = null;  // used when localStorage is unavailable
export let storageWorks = true;

/** This browser's progress for the site. */
export function load() {
  if (memory) return memory;
  try {
    return parseStored(window.localStorage.getItem(storageKey));
  } catch {
    storageWorks = false;
    memory = emptyState();
    return memory;
  }
}

export function save(state) {
  try {
    window.localStorage.setItem(storageKey, storedText(state));
  } catch {
    storageWorks = false;
    memory = state;
  }
}

export function all(selector, root) {
  return Array.from((root || document).querySelectorAll(selector));
}

export function keysOf(element, attribute) {
  return splitKeys(element.getAttribute(attribute));
}

/** The page's progress data: each scope's keys and the team's state of each key. */
export const data = readPageData(all(".playbook-data").map((box) => box.getAttribute("data-progress")));

const teamBox = document.querySelector(".playbook-team");
/** Whether the site has a team status file, and the words for "only in this browser". */
export const team = {
  active: Boolean(teamBox),
  onlyHere: teamBox ? teamBox.getAttribute("data-only-here") || "" : "",
};

/** The team's answers by key, as plain text (the home page's share box carries them). */
export function teamAnswers() {
  const box = document.querySelector("[data-team-answers]");
  try {
    return JSON.parse(box ? box.getAttribute("data-team-answers") : "{}") || {};
  } catch {
    return {};
  }
}

export function teamStatusOf(key) {
  return teamStatus(get(data.items, key));
}

export function isDone(key, state) {
  return statusOf(key, data.items, state.ticks) === "done";
}

function setMark(holder, on, after) {
  if (!holder) return null;
  let mark = holder.querySelector(":scope > .playbook-own");
  if (on && !mark) {
    mark = document.createElement("span");
    mark.className = "playbook-own";
    mark.textContent = team.onlyHere;
    if (holder.id) mark.id = holder.id + "-own";
    if (after) after.insertAdjacentElement("afterend", mark);
    else holder.appendChild(mark);
  } else if (!on && mark) {
    mark.remove();
    mark = null;
  }
  return mark;
}

/* A checkbox's description is the team's state of its item (the template names it) and,
   while there is one, its "only in this browser" mark. */
function describe(box, mark) {
  const ids = (box.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-own"));
  if (mark && mark.id) ids.push(mark.id);
  if (ids.length) box.setAttribute("aria-describedby", ids.join(" "));
  else box.removeAttribute("aria-describedby");
}

/** The words a checkbox's description says (what a screen reader reads with the box). */
export function descriptionOf(box) {
  return (box.getAttribute("aria-describedby") || "").split(" ")
    .map((id) => document.getElementById(id))
    .filter(Boolean)
    .map((element) => {
      // Without what is hidden from screen readers (the ⚠ beside "overdue").
      const copy = element.cloneNode(true);
      for (const hidden of all("[aria-hidden=true]", copy)) hidden.remove();
      return copy.textContent.trim();
    })
    .join(" · ");
}

let liveRegion = null;

/** Says `text` to a screen reader once (a polite live region that the page keeps). */
export function announce(text) {
  if (!text) return;
  if (!liveRegion) {
    liveRegion = document.createElement("p");
    liveRegion.className = "playbook-visually-hidden playbook-announce";
    liveRegion.setAttribute("role", "status");
    document.body.appendChild(liveRegion);
  }
  liveRegion.textContent = "";
  // Written after the region is emptied and painted, so the same words are read again.
  setTimeout(() => {
    liveRegion.textContent = text;
  }, 50);
}

/** Marks what this browser holds that the team's status file does not say. */
export function markOwn(state) {
  if (!team.active) return;
  for (const box of all("input[type=checkbox][data-key]")) {
    const key = box.getAttribute("data-key");
    const own = get(state.ticks, key);
    const team = teamStatusOf(key);
    const differs = (own !== undefined && layered(team, own) !== team) || Boolean(get(state.fields, key));
    describe(box, setMark(box.closest("li"), differs));
  }
  for (const area of all("textarea.playbook-answer")) {
    const teamAnswer = area.parentNode.querySelector("[data-team-answer]");
    const agreed = teamAnswer ? teamAnswer.getAttribute("data-team-answer") : "";
    setMark(area.parentNode, Boolean(area.value) && area.value !== agreed, area);
  }
}

function counted(element, state) {
  const numbers = countScope(scopeKeys(data, element.getAttribute("data-scope")), data.items, state.ticks);
  return { numbers, values: { done: numbers.done, total: numbers.applicable } };
}

/** Every bar and done mark as the state has it, and the "only in this browser" marks. */
export function updateProgress(state) {
  for (const box of all(".playbook-progress[data-scope]")) {
    const { numbers, values } = counted(box, state);
    const bar = box.querySelector("progress");
    bar.max = numbers.applicable;
    bar.value = numbers.done;
    box.querySelector(".playbook-progress__text").textContent = fill(box.getAttribute("data-template"), values);
    box.hidden = false;
  }
  // Each stage's done state on the journey map, the stage list and the home page.
  for (const mark of all(".playbook-stage-done[data-scope]")) {
    const { numbers, values } = counted(mark, state);
    const complete = isComplete(numbers);
    const shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = (complete ? "✓ " : "") + numbers.done + "/" + numbers.applicable;
    const spoken = document.createElement("span");
    spoken.className = "playbook-visually-hidden";
    spoken.textContent = fill(mark.getAttribute("data-template"), values);
    mark.replaceChildren(shown, spoken);
    mark.classList.toggle("playbook-stage-done--complete", complete);
    mark.hidden = false;
  }
  markOwn(state);
  updateStartLinks(state);
}

/** Each home-page card's start link as the build wrote it: its address and its content (a
    stage name in another language is marked with its lang), to go back to. */
const startLinks = new WeakMap();

/** Each home-page card's start link, as lib/start.js decides (the first visit keeps the
    link the build wrote, so the page works without the script). */
function updateStartLinks(state) {
  for (const link of all("a.playbook-start[data-targets]")) {
    const bar = link.closest(".playbook-card")?.querySelector(".playbook-progress[data-scope]");
    if (!bar) continue;
    if (!startLinks.has(link)) {
      startLinks.set(link, { href: link.getAttribute("href"), nodes: [...link.childNodes] });
    }
    const targets = JSON.parse(link.getAttribute("data-targets"));
    const keys = scopeKeys(data, bar.getAttribute("data-scope"));
    const step = nextStep(keys, targets, data.items, state.ticks);
    if (step.kind === "start") {
      const built = startLinks.get(link);
      link.setAttribute("href", built.href);
      link.replaceChildren(...built.nodes.map((node) => node.cloneNode(true)));
    } else if (step.kind === "continue") {
      const [href, stage] = targets[step.key];
      link.setAttribute("href", href);
      link.textContent = fill(link.getAttribute("data-continue"), { stage });
    } else {
      link.setAttribute("href", link.getAttribute("data-done-href"));
      link.textContent = link.getAttribute("data-done");
    }
  }
}

/** What else shows the state (playbook-items.js: each item's controls), called by showState. */
export const onShow = [];

/** Shows the page as the state has it: after a tick, a reset, an undo or an import. */
export function showState(state) {
  for (const show of onShow) show(state);
  for (const box of all("input[type=checkbox][data-key]")) {
    box.checked = isDone(box.getAttribute("data-key"), state);
  }
  for (const area of all("textarea.playbook-answer")) {
    area.value = get(state.answers, area.getAttribute("data-key")) || "";
    const mirror = area.parentNode.querySelector(".playbook-answer-print");
    if (mirror) mirror.textContent = area.value;
  }
  updateProgress(state);
}

export function download(filename, type, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(link.href);
    link.remove();
  }, 0);
}

/** Opens a confirmation (a native modal <dialog>: focus stays inside, Escape cancels) and
    calls back once with the chosen button's data-choice, or "" when cancelled. */
export function ask(dialog, callback) {
  let choice = "";
  function clicked(event) {
    const button = event.target.closest("[data-choice]");
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
  const first = dialog.querySelector("[autofocus]");
  if (first) first.focus();
}

const undoKey = "journey-playbook-undo:" + scope;
const UNDO_BOXES = ".playbook-actions, .playbook-transfer, .playbook-sharelink";

/* Where an undo was offered: this page and the box's place on it. */
function placeOf(box) {
  return location.pathname + "#" + all(UNDO_BOXES).indexOf(box);
}

function forgetUndo() {
  try {
    window.localStorage.removeItem(undoKey);
  } catch {
    /* nothing stored */
  }
}

function showUndo(box, record) {
  const button = box.querySelector("[data-playbook-action=undo]");
  const status = box.querySelector(".playbook-status");
  button.hidden = false;
  button.onclick = () => {
    button.onclick = null;
    button.hidden = true;
    forgetUndo();
    const back = applyUndo(load(), record);
    save(back);
    showState(back);
    status.textContent = status.getAttribute("data-undone");
    const focus = box.querySelector("button:not([hidden]), input");
    if (focus) focus.focus();
  };
}

/** One undo: the last reset (`kind` "restore", `saved` what it removed) or import or
    share link ("replace", `saved` the state before it), until the next one. It is stored,
    so it is still offered after a reload. */
export function offerUndo(box, kind, saved) {
  const text = undoText(placeOf(box), kind, saved);
  try {
    window.localStorage.setItem(undoKey, text);
  } catch {
    /* offered until the page is left */
  }
  showUndo(box, parseUndo(text));
}

/** Offers again the undo stored by an earlier visit, in the box that offered it. */
export function offerStoredUndo() {
  let record;
  try {
    record = parseUndo(window.localStorage.getItem(undoKey));
  } catch {
    return;
  }
  if (!record) return;
  for (const box of all(UNDO_BOXES)) if (placeOf(box) === record.place) showUndo(box, record);
}

/** Fills an import or share-link preview: its counted lines, and the ids this content does
    not know (as text: they come from someone else's file or link). */
export function showPreview(dialog, counts, unknown) {
  for (const line of all("[data-count]", dialog)) {
    line.textContent = fill(line.getAttribute("data-template"), { count: counts[line.getAttribute("data-count")] });
  }
  const ids = dialog.querySelector(".playbook-import-unknown__ids");
  ids.replaceChildren(...unknown.map((key) => {
    const item = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = key;
    item.appendChild(code);
    return item;
  }));
  dialog.querySelector(".playbook-import-unknown").hidden = unknown.length === 0;
}
