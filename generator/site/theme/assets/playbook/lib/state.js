/* Journey Playbook: the progress this browser keeps, and every change a reader makes to it.

   Stored in localStorage as {format, version, ticks: {key: true|false}, answers: {key:
   text}}, the format sites have written since issue #15, so saved progress keeps working.
   A tick is kept only where it differs from the team's status: true for an item ticked
   here that the team has not done, false for an item the team has done that was unticked
   here. An answer is kept while it has text; a cleared answer is removed.

   Beside each kept tick and answer, `stamps` records what the sharing format (version 2,
   lib/changes.js) sends with it: the version of the team's value the change was made from
   (`base`, from the page data), when (`at`) and by whom (`by`, the name the reader set,
   kept in `name`). A change keeps the base it was first made from, so a later rebuild of
   the site cannot make an old change look as if it was made from the new value. State
   saved before stamps existed has none; lib/changes.js says what that sends.

   A reader may also choose an item's status outright (issue #25): `ticks` then holds that
   status (in-progress, not-applicable, or not-started over the team's in-progress), still
   only where it differs from the team's. Owner, due date and note go in `fields` ({key:
   {owner, due, note}}, "" for a value the reader cleared), with their stamps in
   `stamps.fields` ({key: {field: stamp}}), kept likewise only where they differ.

   Every function returns a new state and leaves the one it was given alone, so the caller
   decides when to save and can keep the old one for an undo. Pure: no DOM, no storage. */

import { STATUSES } from "./counting.js";
import { filtered, has, isMap, newMap } from "./maps.js";

export const FORMAT = "journey-playbook-progress";
export const VERSION = 1;

export function emptyState() {
  return normalized({});
}

const BASE = /^(|-|[0-9a-f]{8})$/;

function isStamp(stamp) {
  return isMap(stamp) && typeof stamp.base === "string" && BASE.test(stamp.base) &&
    typeof stamp.at === "string" && stamp.at.length <= 40 &&
    typeof stamp.by === "string" && stamp.by.length <= MAX_NAME;
}

/** The longest name a reader may go by (generator/team/changes.py MAX_AUTHOR_CHARS). */
export const MAX_NAME = 80;
/** The item fields besides the status a reader may change, and the longest text of each
    (generator/team/model.py MAX_OWNER_CHARS, MAX_NOTE_CHARS; a due date is YYYY-MM-DD). */
export const ITEM_FIELDS = Object.freeze({ owner: 80, due: 10, note: 500 });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isFieldValue(field, value) {
  if (typeof value !== "string" || value.length > ITEM_FIELDS[field]) return false;
  return field !== "due" || value === "" || DAY.test(value);
}

function normalizedFields(source) {
  const fields = newMap();
  for (const [key, entry] of Object.entries(filtered(source, isMap))) {
    const kept = filtered(entry, (value, field) => has(ITEM_FIELDS, field) && isFieldValue(field, value));
    if (Object.keys(kept).length) fields[key] = kept;
  }
  return fields;
}

/** A state with only what this code reads: ticks that are true or false, answers that are
    text with something in it. */
export function normalized(state) {
  const source = state !== null && typeof state === "object" ? state : {};
  const ticks = filtered(source.ticks, (value) => value === true || value === false || STATUSES.includes(value));
  const answers = filtered(source.answers, (value) => typeof value === "string" && value !== "");
  const stamps = isMap(source.stamps) ? source.stamps : {};
  const name = typeof source.name === "string" ? source.name.slice(0, MAX_NAME) : "";
  const fields = normalizedFields(source.fields);
  const fieldStamps = newMap();
  for (const key of Object.keys(fields)) {
    const kept = filtered(isMap(stamps.fields) ? stamps.fields[key] : undefined,
      (stamp, field) => has(fields[key], field) && isStamp(stamp));
    if (Object.keys(kept).length) fieldStamps[key] = kept;
  }
  return {
    format: FORMAT,
    version: VERSION,
    ticks,
    answers,
    // Answers of the team's that this reader emptied: key -> stamp. An emptied field is a
    // change to send (`to: null`), not nothing (the trial of #25 found it lost).
    cleared: filtered(source.cleared, (stamp, key) => !has(answers, key) && isStamp(stamp)),
    // A stamp only for what is kept: one left over from a removed tick would be sent.
    stamps: {
      ticks: filtered(stamps.ticks, (stamp, key) => has(ticks, key) && isStamp(stamp)),
      answers: filtered(stamps.answers, (stamp, key) => has(answers, key) && isStamp(stamp)),
      fields: fieldStamps,
    },
    fields,
    name,
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
  const stored = { format: FORMAT, version: VERSION, ticks: state.ticks, answers: state.answers };
  // Written only when there is something: progress without either is stored as it was.
  const stamps = state.stamps || {};
  if (Object.keys(stamps.ticks || {}).length || Object.keys(stamps.answers || {}).length ||
      Object.keys(stamps.fields || {}).length) {
    stored.stamps = stamps;
  }
  if (state.cleared && Object.keys(state.cleared).length) stored.cleared = state.cleared;
  if (state.fields && Object.keys(state.fields).length) stored.fields = state.fields;
  if (state.name) stored.name = state.name;
  return JSON.stringify(stored);
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

/** Keeps `stamps[key]` (a map this caller owns) in step with `kept` (ticks or answers):
    gone with what it stamps; a new change gets `stamp` ({base, at, by}); a change to one
    already kept keeps its first base and takes the new time and name. */
export function recordStamp(stamps, kept, key, stamp) {
  if (!has(kept, key)) delete stamps[key];
  else if (stamp) stamps[key] = has(stamps, key) ? { ...stamp, base: stamps[key].base } : { ...stamp };
}

/** `state` after the reader ticked or unticked `key` (see recordTick), `stamp` saying from
    which version of the team's status, when and by whom. */
export function withTick(state, key, checked, team, stamp) {
  const next = copy(state);
  // A kept tick the team's status now agrees with was taken in (imported, rebuilt): a new
  // change is made over the team's value as the page shows it now, so it gets a new base.
  if (has(next.ticks, key) && next.ticks[key] === (team === "done")) delete next.stamps.ticks[key];
  recordTick(next.ticks, key, checked, team);
  recordStamp(next.stamps.ticks, next.ticks, key, stamp);
  return next;
}

/** `state` after the reader chose `status` for `key`, whose team status is `team`: kept
    as a tick or an untick where that says it (so a checkbox shows it), else as the status,
    and only where it differs from the team's. */
export function withStatus(state, key, status, team, stamp) {
  const next = copy(state);
  if (status === team || !STATUSES.includes(status)) delete next.ticks[key];
  else if (status === "done") next.ticks[key] = true;
  else if (status === "not-started" && team === "done") next.ticks[key] = false;
  else next.ticks[key] = status;
  recordStamp(next.stamps.ticks, next.ticks, key, stamp);
  return next;
}

/** `state` with the reader's `value` of `field` (owner, due, note) of item `key`, whose
    team value is `team` ("" for none): kept only where it differs, "" for a cleared value. */
export function withField(state, key, field, value, team, stamp) {
  const next = copy(state);
  const text = field === "owner" ? String(value).trim() : String(value);
  if (!has(ITEM_FIELDS, field) || !isFieldValue(field, text)) return next;
  const entry = { ...(next.fields[key] || {}) };
  const stamps = { ...(next.stamps.fields[key] || {}) };
  if (text === (team || "")) delete entry[field];
  else entry[field] = text;
  recordStamp(stamps, entry, field, stamp);
  if (Object.keys(entry).length) next.fields[key] = entry;
  else delete next.fields[key];
  if (Object.keys(stamps).length) next.stamps.fields[key] = stamps;
  else delete next.stamps.fields[key];
  return next;
}

/** `state` with the reader's answer to `key`; an empty answer (a cleared field) is removed,
    and where the team has an answer (`teamText`), the clearing is kept as a change to send.
    A kept answer the team's answer now equals was taken in: the next change gets a new base. */
export function withAnswer(state, key, text, stamp, teamText = "") {
  const next = copy(state);
  if (has(next.answers, key) && next.answers[key] === teamText) delete next.stamps.answers[key];
  delete next.cleared[key];
  if (typeof text === "string" && text !== "") next.answers[key] = text;
  else {
    delete next.answers[key];
    if (teamText && stamp) next.cleared[key] = { ...stamp };
  }
  recordStamp(next.stamps.answers, next.answers, key, stamp);
  return next;
}

/** `state` with the name the reader goes by, which their changes carry from now on. */
export function withName(state, name) {
  const next = copy(state);
  next.name = String(name).trim().slice(0, MAX_NAME);
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
  const removed = { ticks: newMap(), answers: newMap(), stamps: { ticks: newMap(), answers: newMap() } };
  for (const line of lines) {
    for (const key of line.keys) {
      if (!has(next[line.kind], key)) continue;
      removed[line.kind][key] = next[line.kind][key];
      delete next[line.kind][key];
      if (has(next.stamps[line.kind], key)) removed.stamps[line.kind][key] = next.stamps[line.kind][key];
      delete next.stamps[line.kind][key];
    }
  }
  return { state: next, removed };
}

/** `state` with what `cleared` removed put back. */
export function restored(state, removed) {
  const next = copy(state);
  for (const kind of ["ticks", "answers"]) {
    for (const key of Object.keys(removed[kind])) next[kind][key] = removed[kind][key];
    const stamps = isMap(removed.stamps) && isMap(removed.stamps[kind]) ? removed.stamps[kind] : {};
    for (const key of Object.keys(stamps)) next.stamps[kind][key] = stamps[key];
  }
  return copy(next);
}
