/* Journey Playbook: the progress this browser keeps, and every change a reader makes to it.

   Stored in localStorage as {format, version, ticks: {key: true|false}, answers: {key:
   text}}, the format sites have written since issue #15, so saved progress keeps working.
   A tick is kept only where it differs from the team's status: true for an item ticked
   here that the team has not done, false for an item the team has done that was unticked
   here. An answer is kept while it has text; a cleared answer is removed.

   Every function returns a new state and leaves the one it was given alone, so the caller
   decides when to save and can keep the old one for an undo. Pure: no DOM, no storage. */

import { filtered, has, newMap } from "./maps.js";

export const FORMAT = "journey-playbook-progress";
export const VERSION = 1;

export function emptyState() {
  return { format: FORMAT, version: VERSION, ticks: newMap(), answers: newMap() };
}

/** A state with only what this code reads: ticks that are true or false, answers that are
    text with something in it. */
export function normalized(state) {
  const source = state !== null && typeof state === "object" ? state : {};
  return {
    format: FORMAT,
    version: VERSION,
    ticks: filtered(source.ticks, (value) => value === true || value === false),
    answers: filtered(source.answers, (value) => typeof value === "string" && value !== ""),
  };
}

/** The state stored as `raw` (localStorage's text, or null when there is none). Text that
    is not JSON reads as no progress rather than breaking the page. */
export function parseStored(raw) {
  if (typeof raw !== "string" || raw === "") return emptyState();
  try {
    return normalized(JSON.parse(raw));
  } catch {
    return emptyState();
  }
}

/** The text to store for `state`. */
export function storedText(state) {
  return JSON.stringify({ format: FORMAT, version: VERSION, ticks: state.ticks, answers: state.answers });
}

function copy(state) {
  return normalized(state);
}

/** Records in `ticks` (a map this caller owns) that the reader ticked (`checked` true) or
    unticked `key`, whose team status is `team`: kept only where it differs from the team's
    state, so that what is kept is exactly what is "only in this browser". */
export function recordTick(ticks, key, checked, team) {
  if (checked === (team === "done")) delete ticks[key];
  else ticks[key] = checked;
}

/** `state` after the reader ticked or unticked `key` (see recordTick). */
export function withTick(state, key, checked, team) {
  const next = copy(state);
  recordTick(next.ticks, key, checked, team);
  return next;
}

/** `state` with the reader's answer to `key`; an empty answer (a cleared field) is removed. */
export function withAnswer(state, key, text) {
  const next = copy(state);
  if (typeof text === "string" && text !== "") next.answers[key] = text;
  else delete next.answers[key];
  return next;
}

/** How many of `keys` a reset would clear: ticks (or unticks) this browser keeps, or
    answers. `kind` is "ticks" or "answers". */
export function countKept(state, kind, keys) {
  return [...new Set(keys)].filter((key) => has(state[kind], key)).length;
}

/** `state` without the ticks and answers that `lines` name ({kind, keys} each), and what
    was removed, for an undo: {state, removed: {ticks, answers}}. */
export function cleared(state, lines) {
  const next = copy(state);
  const removed = { ticks: newMap(), answers: newMap() };
  for (const line of lines) {
    for (const key of line.keys) {
      if (!has(next[line.kind], key)) continue;
      removed[line.kind][key] = next[line.kind][key];
      delete next[line.kind][key];
    }
  }
  return { state: next, removed };
}

/** `state` with what `cleared` removed put back. */
export function restored(state, removed) {
  const next = copy(state);
  for (const kind of ["ticks", "answers"]) {
    for (const key of Object.keys(removed[kind])) next[kind][key] = removed[kind][key];
  }
  return next;
}
