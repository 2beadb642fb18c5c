/* Journey Playbook: the one undo (of the last reset, import or share link) kept across a
   reload (issue #25).

   Stored beside the progress as {place, kind, saved}: `place` names the box that offered
   it (the page's path and the box's position), `kind` says how to undo. "restore" puts
   back what a reset removed (state.js `cleared`), leaving anything changed since alone;
   "replace" puts back the whole state from before an import or a share link, as the undo
   has always done. Stored text that is not such a record reads as no undo. Pure. */

import { isMap } from "./maps.js";
import { normalized, restored } from "./state.js";

/** The text to store for an undo offered at `place`. */
export function undoText(place, kind, saved) {
  return JSON.stringify({ place, kind, saved });
}

/** The undo stored as `raw`, or null. */
export function parseUndo(raw) {
  if (typeof raw !== "string" || raw === "") return null;
  let record;
  try {
    record = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isMap(record) || typeof record.place !== "string" || !isMap(record.saved)) return null;
  if (record.kind === "replace") return { place: record.place, kind: "replace", saved: normalized(record.saved) };
  if (record.kind !== "restore") return null;
  const removed = record.saved;
  const kept = normalized({ ticks: removed.ticks, answers: removed.answers, stamps: removed.stamps });
  return { place: record.place, kind: "restore", saved: { ticks: kept.ticks, answers: kept.answers, stamps: kept.stamps } };
}

/** `state` with the undo `record` (parseUndo) applied. */
export function applyUndo(state, record) {
  return record.kind === "replace" ? normalized(record.saved) : restored(state, record.saved);
}
