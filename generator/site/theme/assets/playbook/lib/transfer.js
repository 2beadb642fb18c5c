/* Journey Playbook: progress as a file, exported from one browser and imported in another.

   The export is the sharing format version 2 (lib/changes.js, docs/sharing-format.md):
   every change, unticks included, with the version of the team's value it was made from.
   An import reads that and the version 1 export sites wrote before ({format, version: 1,
   ticks: {key: true}, answers: {key: text}}), for this site's known ids, says what merging or replacing would change, and only then
   changes anything. A file of another format, or of a newer or unknown format version, is
   refused with the reason; so is one larger than a share link may be (limits.js). Pure:
   the caller reads the file and shows the result. */

import { layered, teamStatus } from "./counting.js";
import { get, has, isMap, newMap } from "./maps.js";
import { MAX_BYTES, MAX_IDS } from "./limits.js";
import { CHANGES_VERSION, changesDocument, readChanges } from "./changes.js";
import { FORMAT, VERSION, emptyState, normalized, recordStamp, recordTick } from "./state.js";
import { jsonForYaml } from "./text.js";

/** The file to download for `state` (see changesDocument for the other arguments): the
    sharing format version 2, as JSON that YAML reads the same. */
export function exportText(state, data, known, teamAnswers, at) {
  return jsonForYaml(changesDocument(state, data, known, teamAnswers, at), 2) + "\n";
}

/** Whether a file of `bytes` bytes may be read at all. */
export function fitsInImport(bytes) {
  return bytes <= MAX_BYTES;
}

/** What a file's `text` holds for this site, whose keys are `known` ({ticks, answers}:
    key -> true maps): {ticks: key -> true, answers: key -> text, unknown: [id]}, or
    {error} naming the status message to show (and the file's version, for two of them).
    The version is checked before anything else is read, so a file from a newer playbook
    (even an empty one) can never wipe or half-apply anything. */
export function readProgress(text, known) {
  if (typeof text !== "string" || text.length > MAX_BYTES) return { error: "data-too-large" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "data-not-json" };
  }
  if (!isMap(data) || data.format !== FORMAT) return { error: "data-failed" };
  const version = data.version;
  if (Number.isInteger(version) && version > CHANGES_VERSION) return { error: "data-newer", version };
  if (version === CHANGES_VERSION) return readChanges(data, known);
  if (version !== VERSION) return { error: "data-unknown-version", version: JSON.stringify(version) ?? "undefined" };
  const optionalMap = (value) => value === undefined || isMap(value);
  if (!optionalMap(data.ticks) || !optionalMap(data.answers)) return { error: "data-broken" };
  const ticks = data.ticks || {};
  const answers = data.answers || {};
  const tickIds = Object.keys(ticks);
  const answerIds = Object.keys(answers);
  if (tickIds.length + answerIds.length > MAX_IDS) return { error: "data-too-large" };
  const file = {
    ticks: newMap(), answers: newMap(), stamps: { ticks: newMap(), answers: newMap() }, cleared: [], unknown: [],
  };
  for (const key of tickIds) {
    if (ticks[key] !== true) continue;  // only true is a tick
    if (has(known.ticks, key)) file.ticks[key] = true;
    else file.unknown.push(key);
  }
  for (const key of answerIds) {
    if (typeof answers[key] !== "string" || answers[key] === "") continue;
    if (has(known.answers, key)) file.answers[key] = answers[key];
    else file.unknown.push(key);
  }
  file.unknown.sort();
  return file;
}

/** What merging and replacing would each do to `state`, with the team's `items` under it:
    the counts the import's preview shows. */
export function importCounts(file, state, items) {
  const fileTicks = Object.keys(file.ticks).filter((key) => file.ticks[key] === true);
  const fileUnticks = Object.keys(file.ticks).filter((key) => file.ticks[key] === false);
  const fileAnswers = Object.keys(file.answers);
  const isDone = (key) => layered(teamStatus(get(items, key)), get(state.ticks, key)) === "done";
  const mine = (key) => get(state.answers, key);
  return {
    ticks: fileTicks.length,
    unticks: fileUnticks.length,
    answers: fileAnswers.length,
    unknown: file.unknown.length,
    "new-ticks": fileTicks.filter((key) => !isDone(key)).length,
    "new-unticks": fileUnticks.filter((key) => isDone(key)).length,
    "new-answers": fileAnswers.filter((key) => !mine(key)).length,
    "replaced-answers": fileAnswers.filter((key) => mine(key) && mine(key) !== file.answers[key]).length,
    "removed-ticks": Object.keys(state.ticks).filter((key) =>
      state.ticks[key] === true && !has(file.ticks, key)).length,
    "removed-answers": Object.keys(state.answers).filter((key) =>
      state.answers[key] !== get(file.answers, key)).length,
  };
}

/** `state` after the reader chose to "merge" `file` into it or "replace" it with `file`. */
export function applyImport(state, file, choice, items) {
  const next = choice === "replace" ? { ...emptyState(), name: state.name } : normalized(state);
  // Each change keeps the stamp it came with (who made it, from which version); one from a
  // version 1 file has none and is stamped like a change made here from the page's value.
  const stamps = file.stamps || { ticks: {}, answers: {} };
  for (const key of Object.keys(file.ticks)) {
    recordTick(next.ticks, key, file.ticks[key], teamStatus(get(items, key)));
    delete next.stamps.ticks[key];
    recordStamp(next.stamps.ticks, next.ticks, key, get(stamps.ticks, key));
  }
  for (const key of Object.keys(file.answers)) {
    next.answers[key] = file.answers[key];
    delete next.stamps.answers[key];
    recordStamp(next.stamps.answers, next.answers, key, get(stamps.answers, key));
  }
  return normalized(next);
}
