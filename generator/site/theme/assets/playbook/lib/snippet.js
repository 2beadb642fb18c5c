/* Journey Playbook: "share my changes": what this browser holds that the team's status file
   does not say yet, as a snippet of progress.yaml (`playbook progress import` merges it).
   Pure: the caller reads the state and shows the text. */

import { layered, teamStatus } from "./counting.js";
import { get, has } from "./maps.js";
import { yamlText } from "./text.js";

/** {items: [[key, status]], answers: [[key, text]]}, sorted by key, for ids this site has
    (`known`: {ticks, answers} key -> true maps): a tick the team has not done, an untick of
    an item the team has done, and an answer that differs from the team's (`teamAnswers`:
    key -> text). An untick goes as the status it leaves: not started. */
export function changes(state, known, items, teamAnswers) {
  const found = { items: [], answers: [] };
  for (const key of Object.keys(state.ticks).sort()) {
    if (!has(known.ticks, key)) continue;
    const team = teamStatus(get(items, key));
    const own = state.ticks[key];
    if ((own === true) !== (team === "done")) found.items.push([key, layered(team, own)]);
  }
  for (const key of Object.keys(state.answers).sort()) {
    const text = state.answers[key];
    if (has(known.answers, key) && text && text !== get(teamAnswers, key)) found.answers.push([key, text]);
  }
  return found;
}

/** The snippet of progress.yaml for `found` (what `changes` returned), each entry dated
    `stamp`, under a comment line `heading`. */
export function snippet(found, stamp, heading) {
  const lines = ["# " + heading, "version: 1"];
  if (found.items.length) {
    lines.push("items:");
    for (const [key, status] of found.items) {
      lines.push("  " + key + ":", "    status: " + status, "    changed: " + stamp);
    }
  }
  if (found.answers.length) {
    lines.push("answers:");
    for (const [key, text] of found.answers) {
      lines.push("  " + key + ":", "    text: " + yamlText(text, 4), "    changed: " + stamp);
    }
  }
  return lines.join("\n") + "\n";
}

/** The moment a snippet is dated with, to the second, e.g. 2025-01-31T13:30:00Z. */
export function stampOf(date) {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}
