/* Journey Playbook: progress as a file, exported from one browser and imported in another.

   The file is {format, version, ticks: {key: true}, answers: {key: text}}. An import reads
   it for this site's known ids, says what merging or replacing would change, and only then
   changes anything. A file of another format, or of a newer or unknown format version, is
   refused with the reason; so is one larger than a share link may be (limits.js). Pure:
   the caller reads the file and shows the result. */

import { layered, teamStatus } from "./counting.js";
import { get, has, isMap, newMap } from "./maps.js";
import { MAX_BYTES, MAX_IDS } from "./limits.js";
import { FORMAT, VERSION, emptyState, normalized, recordTick } from "./state.js";
import { jsonForYaml } from "./text.js";

/** The file to download for `state`: its ticks (true only; an untick stays in this
    browser) and its answers, as JSON that YAML reads the same. */
export function exportText(state) {
  const ticks = newMap();
  for (const key of Object.keys(state.ticks)) if (state.ticks[key] === true) ticks[key] = true;
  return jsonForYaml({ format: FORMAT, version: VERSION, ticks, answers: state.answers }, 2) + "\n";
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
  if (Number.isInteger(version) && version > VERSION) return { error: "data-newer", version };
  if (version !== VERSION) return { error: "data-unknown-version", version: JSON.stringify(version) ?? "undefined" };
  const optionalMap = (value) => value === undefined || isMap(value);
  if (!optionalMap(data.ticks) || !optionalMap(data.answers)) return { error: "data-broken" };
  const ticks = data.ticks || {};
  const answers = data.answers || {};
  const tickIds = Object.keys(ticks);
  const answerIds = Object.keys(answers);
  if (tickIds.length + answerIds.length > MAX_IDS) return { error: "data-too-large" };
  const file = { ticks: newMap(), answers: newMap(), unknown: [] };
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
  const fileTicks = Object.keys(file.ticks);
  const fileAnswers = Object.keys(file.answers);
  const isDone = (key) => layered(teamStatus(get(items, key)), get(state.ticks, key)) === "done";
  const mine = (key) => get(state.answers, key);
  return {
    ticks: fileTicks.length,
    answers: fileAnswers.length,
    unknown: file.unknown.length,
    "new-ticks": fileTicks.filter((key) => !isDone(key)).length,
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
  const next = choice === "replace" ? emptyState() : normalized(state);
  for (const key of Object.keys(file.ticks)) recordTick(next.ticks, key, true, teamStatus(get(items, key)));
  for (const key of Object.keys(file.answers)) next.answers[key] = file.answers[key];
  return next;
}
