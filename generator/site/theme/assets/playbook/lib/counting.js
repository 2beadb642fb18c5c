/* Journey Playbook: how one item counts, the one rule the page keeps (issue #26).

   Which items a stage, a journey, a shared checklist or the playbook counts is not decided
   here: the page's data lists each scope's keys, written by the build
   (generator/team/scopes.py). This module only sums them. An item is done when its status
   is done; a not-applicable item does not count; any other counts as open. A reader's own
   tick lies on top of the team's status: a tick (true) makes the item done, an untick
   (false) of an item the team has done makes it not started, and nothing else changes.
   generator/team/counting.py states the same rule; tests/fixtures/counting-cases.json is
   the table both test suites check it against.

   An item's team state is an object ({status}), so that it can later carry an owner, a due
   date, a note, an author, a time and a base version beside its status without a change
   to these functions. Pure: no DOM, no storage. */

import { get } from "./maps.js";

export const NOT_STARTED = "not-started";
export const STATUSES = Object.freeze(["done", "in-progress", "not-applicable", NOT_STARTED]);

/** The status of a team state ({status, …}); no state, or one this page does not know,
    is not started. */
export function teamStatus(state) {
  const status = state !== null && typeof state === "object" ? state.status : undefined;
  return STATUSES.includes(status) ? status : NOT_STARTED;
}

/** The status this reader sees: the team's `status` with their own tick (true), untick
    (false), status they chose (one of STATUSES, issue #25) or nothing (anything else) on
    top. */
export function layered(status, own) {
  const team = STATUSES.includes(status) ? status : NOT_STARTED;
  if (STATUSES.includes(own)) return own;
  if (own === true) return "done";
  if (own === false && team === "done") return NOT_STARTED;
  return team;
}

/** What one item of `status` adds to its scope: {done, applicable}. */
export function countsAs(status) {
  if (status === "not-applicable") return { done: 0, applicable: 0 };
  return { done: status === "done" ? 1 : 0, applicable: 1 };
}

/** The status of `key` as this reader sees it: the team's state in `items` (key -> {status})
    with this browser's entry in `ticks` (key -> true or false) on top. */
export function statusOf(key, items, ticks) {
  return layered(teamStatus(get(items, key)), get(ticks, key));
}

/** {done, applicable} of one scope's `keys`. A key listed twice counts once. */
export function countScope(keys, items, ticks) {
  let done = 0;
  let applicable = 0;
  for (const key of new Set(keys)) {
    const counted = countsAs(statusOf(key, items, ticks));
    done += counted.done;
    applicable += counted.applicable;
  }
  return { done, applicable };
}

/** A scope is complete when it has items that apply and every one of them is done. */
export function isComplete(counted) {
  return counted.applicable > 0 && counted.done === counted.applicable;
}
