/* Journey Playbook: the progress data a page carries (generator/site/progress.py).

   {scopes: {id: [key, …]}, items: {key: {status, …, base: {field: version}}}, answers:
   {key: {base}}}: the keys each scope on the page counts, the team's state of each key the
   status file has, and the version of each value a reader's change is made from (the
   sharing format's base, computed by generator/team/changes.py). Several blocks on one page
   are read as one. Anything not of that form is left out rather than trusted: the data
   comes from the build, but a broken page must not break the reader's own ticks. Pure. */

import { filtered, get, isMap, newMap } from "./maps.js";

/** The data of one page from the JSON `texts` of its data blocks. */
export function readPageData(texts) {
  const data = { scopes: newMap(), items: newMap(), answers: newMap() };
  for (const text of texts) {
    let block;
    try {
      block = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isMap(block)) continue;
    const scopes = filtered(block.scopes, (keys) =>
      Array.isArray(keys) && keys.every((key) => typeof key === "string"));
    const items = filtered(block.items, (state) => isMap(state) && typeof state.status === "string");
    const answers = filtered(block.answers, (answer) => isMap(answer) && typeof answer.base === "string");
    Object.assign(data.scopes, scopes);
    Object.assign(data.items, items);
    Object.assign(data.answers, answers);
  }
  return data;
}

/** The keys of scope `id`, or none. */
export function scopeKeys(data, id) {
  return get(data.scopes, id) || [];
}
