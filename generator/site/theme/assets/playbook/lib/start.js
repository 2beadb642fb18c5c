/* Journey Playbook: where a home-page card's start link goes (issue #29).

   The card's progress bar counts one scope's keys (from the page data); `targets` says,
   for each key the card can send a reader to, where it is ticked. Until one of them is done
   the link goes to the journey's first stage; then to the first open one, in the scope's
   order; once none is open, to the journey page. Pure: no DOM, no storage. */

import { statusOf } from "./counting.js";
import { has } from "./maps.js";

/** {kind: "start"} | {kind: "continue", key} | {kind: "done"} for the scope's `keys`. */
export function nextStep(keys, targets, items, ticks) {
  const known = keys.filter((key) => has(targets, key));
  if (!known.some((key) => statusOf(key, items, ticks) === "done")) return { kind: "start" };
  const open = known.find((key) => {
    const status = statusOf(key, items, ticks);
    return status !== "done" && status !== "not-applicable";
  });
  return open === undefined ? { kind: "done" } : { kind: "continue", key: open };
}
