/* Journey Playbook: each checklist item's status, owner, due date and note, set by the
   reader on a stage page (issue #25 point 1).

   The build writes the controls once (templates/_item_editor.md.j2), with only the fields
   team.publish lets a reader change (generator/site/item_editor.py); each item gets a copy,
   inside a disclosure named after the item. What the reader sets is kept in this browser
   (lib/state.js withStatus, withField) over the team's values from the page data, marked
   "only in this browser" until the status file says the same, and travels with every way
   of sharing (lib/changes.js). */

import { layered, teamStatus } from "./lib/counting.js";
import { stampFor } from "./lib/changes.js";
import { get, has } from "./lib/maps.js";
import { stampOf } from "./lib/snippet.js";
import { withField, withStatus } from "./lib/state.js";
import { all, data, load, onShow, save, showState } from "./page.js";

/** The team's value of `field` of `key` as the page shows it ("" for none). */
function teamValue(key, field) {
  const entry = get(data.items, key);
  if (field === "status") return teamStatus(entry);
  return entry && typeof entry[field] === "string" ? entry[field] : "";
}

/** What the reader sees for `field` of `key`: their own value over the team's. */
function shownValue(state, key, field) {
  if (field === "status") return layered(teamValue(key, "status"), get(state.ticks, key));
  const own = get(state.fields, key);
  return own && has(own, field) ? own[field] : teamValue(key, field);
}

function showItems(state) {
  for (const control of all(".playbook-edit [data-field]")) {
    if (control === document.activeElement) continue;  // never move the caret of a field in use
    const key = control.closest(".playbook-edit").getAttribute("data-key");
    control.value = shownValue(state, key, control.getAttribute("data-field"));
  }
}

function changed(key, field, value) {
  const before = load();
  const stamp = stampFor(data, "items", key, field, stampOf(new Date()), before.name);
  const next = field === "status"
    ? withStatus(before, key, value, teamValue(key, "status"), stamp)
    : withField(before, key, field, value, teamValue(key, field), stamp);
  save(next);
  showState(next);
}

/** Gives each checklist item on a stage page its controls, showing `state`. */
export function setUpItems(state) {
  const source = document.querySelector(".playbook-item-editor");
  if (!source) return;
  for (const box of all("ul.playbook-checklist input[type=checkbox][data-key]")) {
    const item = box.closest("li");
    const key = box.getAttribute("data-key");
    const editor = source.firstElementChild.cloneNode(true);
    const text = item.querySelector("label").textContent.trim();
    editor.setAttribute("data-key", key);
    editor.querySelector("[data-item-text]").textContent = ": " + text;
    const group = editor.querySelector(".playbook-edit__fields");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", text);
    for (const control of all("[data-field]", editor)) {
      const field = control.getAttribute("data-field");
      control.addEventListener(control.tagName === "SELECT" || field === "due" ? "change" : "input", () => {
        changed(key, field, control.value);
      });
    }
    item.appendChild(editor);
  }
  onShow.push(showItems);
  showItems(state);
}
