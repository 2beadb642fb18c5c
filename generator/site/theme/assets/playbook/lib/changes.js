/* Journey Playbook: the sharing format, version 2 (docs/sharing-format.md): one reader's
   changes as the JSON export, "share my changes" and the issue "Send to the team" opens
   carry them, and `playbook progress import` reads them (generator/team/changes.py).

     {format: "journey-playbook-progress", version: 2,
      items: {KEY: {status: CHANGE}}, answers: {KEY: {text: CHANGE}}}
     CHANGE = {to: value or null (cleared), base: version it was made from, at, by}

   Every change travels, an untick too (status "not-started" over the team's "done"), with
   the version of the team's value it was made from. The page never computes a version: it
   reads each one from the page data (generator/site/progress.py) when the reader makes the
   change and keeps it beside the change (state.js stamps). Pure. */

import { layered, teamStatus } from "./counting.js";
import { get, has, isMap, newMap } from "./maps.js";
import { MAX_IDS } from "./limits.js";
import { FORMAT } from "./state.js";
import { yamlQuoted, yamlText } from "./text.js";

export const CHANGES_VERSION = 2;
/** The first line of the code block an issue sent from the site holds (generator/team/intake.py). */
export const MARKER = "# journey-playbook-changes";
/** The base of a value the team does not have. */
export const NO_VALUE = "-";
/** The base of a change made before changes carried one: `playbook progress import` applies
    it only where the team has no value, so it never replaces a value it did not see. */
export const UNKNOWN_BASE = "";

const STATUSES = ["done", "in-progress", "not-applicable", "not-started"];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const BASE = /^(|-|[0-9a-f]{8})$/;

/** The stamp a change the reader makes now gets: the version of the team's value the page
    shows for `field` of `key` (`section` items or answers, `data` the page data), the time
    `at` and the reader's `name`. */
export function stampFor(data, section, key, field, at, name) {
  let base = NO_VALUE;
  if (section === "items") {
    const entry = get(data.items, key);
    const bases = entry && isMap(entry.base) ? entry.base : {};
    if (typeof bases[field] === "string") base = bases[field];
  } else {
    const entry = get(data.answers, key);
    if (entry && typeof entry.base === "string") base = entry.base;
  }
  return { base, at, by: name || "" };
}

/** The changes document for what `state` holds that the team's status file does not say
    (`data` the page data, `known` {ticks, answers} key maps of this site, `teamAnswers`
    key -> the team's answer text), stamped `at` where the state has no stamp. */
export function changesDocument(state, data, known, teamAnswers, at) {
  const items = newMap();
  const answers = newMap();
  for (const key of Object.keys(state.ticks).sort()) {
    if (!has(known.ticks, key)) continue;
    const team = teamStatus(get(data.items, key));
    const own = layered(team, state.ticks[key]);
    if (own === team) continue;
    // Kept from before stamps existed: the tick still differs from what the page shows,
    // which is the value it was made over.
    const stamp = get(state.stamps.ticks, key) || stampFor(data, "items", key, "status", at, state.name);
    items[key] = { status: change(own, stamp, state.name) };
  }
  // Owner, due date and note the reader set or cleared ("" goes as null) on an item.
  for (const key of Object.keys(state.fields || {}).sort()) {
    if (!has(known.ticks, key)) continue;
    const entry = get(data.items, key) || {};
    for (const field of ["owner", "due", "note"]) {
      if (!has(state.fields[key], field)) continue;
      const value = state.fields[key][field];
      if (value === (typeof entry[field] === "string" ? entry[field] : "")) continue;
      const stamps = get(state.stamps.fields || {}, key) || {};
      const stamp = get(stamps, field) || stampFor(data, "items", key, field, at, state.name);
      items[key] = { ...(items[key] || {}), [field]: change(value === "" ? null : value, stamp, state.name) };
    }
  }
  for (const key of Object.keys(state.answers).sort()) {
    const text = state.answers[key];
    if (!has(known.answers, key) || !text || text === get(teamAnswers, key)) continue;
    const stamp = get(state.stamps.answers, key) || { base: UNKNOWN_BASE, at, by: state.name || "" };
    answers[key] = { text: change(text, stamp, state.name) };
  }
  // An answer of the team's that this reader emptied travels as a cleared value.
  for (const key of Object.keys(state.cleared || {}).sort()) {
    if (!has(known.answers, key) || !get(teamAnswers, key) || has(answers, key)) continue;
    answers[key] = { text: change(null, state.cleared[key], state.name) };
  }
  return { format: FORMAT, version: CHANGES_VERSION, items, answers };
}

/* A change made before the reader set a name is theirs too: it goes with the name they
   share it under. */
function change(to, stamp, name) {
  return { to, base: stamp.base, at: stamp.at, by: stamp.by || name || "" };
}

/** How many changes `document` holds. */
export function changeCount(document) {
  return Object.keys(document.items).length + Object.keys(document.answers).length;
}

/** `document` as YAML that `playbook progress import` reads, under the comment line
    `heading` (MARKER for an issue's code block). Every value is quoted or a literal block,
    so no text can turn into YAML of another type. */
export function changesYaml(document, heading) {
  const lines = [heading, "format: " + FORMAT, "version: " + CHANGES_VERSION];
  for (const section of ["items", "answers"]) {
    const keys = Object.keys(document[section]);
    if (!keys.length) continue;
    lines.push(section + ":");
    for (const key of keys) {
      lines.push("  " + yamlQuoted(key) + ":");
      for (const field of Object.keys(document[section][key])) {
        const one = document[section][key][field];
        const to = one.to === null ? "null" : field === "text" || field === "note" ? yamlText(one.to, 6) : yamlQuoted(one.to);
        lines.push("    " + field + ":", "      to: " + to, "      base: " + yamlQuoted(one.base),
          "      at: " + yamlQuoted(one.at), "      by: " + yamlQuoted(one.by));
      }
    }
  }
  return lines.join("\n") + "\n";
}

function validChange(one, valid) {
  return isMap(one) && valid(one.to) && typeof one.base === "string" && BASE.test(one.base) &&
    typeof one.at === "string" && TIME.test(one.at) &&
    (one.by === undefined || (typeof one.by === "string" && one.by.length <= 80));
}

/** What a parsed version 2 `data` holds for this site (`known`): {ticks: key -> true|false,
    answers: key -> text, stamps: {ticks, answers} key -> {base, at, by}, cleared: [key],
    unknown: [key]}, or {error} for a document this page cannot take whole. A status other
    than done counts as not done here (the browser keeps ticks); a cleared answer is listed
    in `cleared`: the browser holds no answer to clear. */
export function readChanges(data, known) {
  const items = isMap(data.items) ? data.items : data.items === undefined ? {} : null;
  const answers = isMap(data.answers) ? data.answers : data.answers === undefined ? {} : null;
  if (items === null || answers === null) return { error: "data-broken" };
  if (Object.keys(items).length + Object.keys(answers).length > MAX_IDS) return { error: "data-too-large" };
  const read = {
    ticks: newMap(), answers: newMap(), stamps: { ticks: newMap(), answers: newMap() }, cleared: [], unknown: [],
  };
  for (const key of Object.keys(items)) {
    const one = isMap(items[key]) ? items[key].status : undefined;
    if (one === undefined) continue;  // owner, due date, note: not kept by this browser yet
    if (!validChange(one, (to) => STATUSES.includes(to))) return { error: "data-broken" };
    if (!has(known.ticks, key)) {
      read.unknown.push(key);
      continue;
    }
    read.ticks[key] = one.to === "done";
    read.stamps.ticks[key] = { base: one.base, at: one.at, by: one.by || "" };
  }
  for (const key of Object.keys(answers)) {
    const one = isMap(answers[key]) ? answers[key].text : undefined;
    if (!validChange(one, (to) => to === null || (typeof to === "string" && to !== ""))) return { error: "data-broken" };
    if (!has(known.answers, key)) read.unknown.push(key);
    else if (one.to === null) read.cleared.push(key);
    else {
      read.answers[key] = one.to;
      read.stamps.answers[key] = { base: one.base, at: one.at, by: one.by || "" };
    }
  }
  read.unknown.sort();
  return read;
}
