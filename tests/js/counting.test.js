import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { fixture, lib, mapOf } from "./helpers.js";

const { NOT_STARTED, STATUSES, countScope, countsAs, isComplete, layered, statusOf, teamStatus } =
  await lib("counting.js");
const CASES = fixture("counting-cases.json");

function teamItems(statuses) {
  const items = Object.create(null);
  for (const [key, status] of Object.entries(statuses)) items[key] = { status };
  return items;
}

describe("one item, the table the Python is checked against too", () => {
  for (const row of CASES.items) {
    test(row.case, () => {
      const status = layered(row.team, row.own);
      assert.equal(status, row.status);
      assert.deepEqual(countsAs(status), { done: row.done, applicable: row.applicable });
    });
  }
});

describe("one scope, the table the Python is checked against too", () => {
  for (const row of CASES.scopes) {
    test(row.case, () => {
      const counted = countScope(row.keys, teamItems(row.team), mapOf(row.own));
      assert.deepEqual(counted, { done: row.done, applicable: row.applicable });
      assert.equal(isComplete(counted), row.complete);
    });
  }
});

test("the table covers every status with every kind of tick", () => {
  const seen = new Set(CASES.items.map((row) => `${row.team}|${row.own}`));
  for (const team of [null, ...STATUSES]) {
    for (const own of [null, true, false]) {
      if (team === NOT_STARTED && own !== null) continue;  // the same as no entry
      assert.ok(seen.has(`${team}|${own}`), `${team} with ${own}`);
    }
  }
});

test("a team state is an object whose status is read; anything else is not started", () => {
  assert.equal(teamStatus({ status: "done", owner: "ÅL", due: "2026-12-01" }), "done");
  assert.equal(teamStatus({ status: "in-progress" }), "in-progress");
  assert.equal(teamStatus(undefined), NOT_STARTED);
  assert.equal(teamStatus(null), NOT_STARTED);
  assert.equal(teamStatus("done"), NOT_STARTED);  // a bare string is not a state
  assert.equal(teamStatus({ status: ["done"] }), NOT_STARTED);
  assert.equal(teamStatus({}), NOT_STARTED);
});

test("only true is a tick and only false an untick", () => {
  for (const own of [1, "true", "yes", {}, [], 0, "", undefined]) {
    assert.equal(layered("done", own), "done", String(own));
    assert.equal(layered(null, own), NOT_STARTED, String(own));
  }
});

test("keys that name Object.prototype's properties are keys like any other", () => {
  // JSON.parse makes "__proto__" an own key, as a file or the page's data would.
  const items = teamItems(JSON.parse('{"__proto__": "done", "constructor": "not-applicable"}'));
  assert.equal(statusOf("__proto__", items, mapOf({})), "done");
  assert.equal(statusOf("constructor", items, mapOf({})), "not-applicable");
  assert.equal(statusOf("toString", items, mapOf({})), NOT_STARTED);
  assert.equal(statusOf("hasOwnProperty", {}, {}), NOT_STARTED);  // plain objects too
  assert.deepEqual(countScope(["__proto__", "constructor", "toString", "valueOf"], items, {}), {
    done: 1,
    applicable: 3,
  });
  assert.equal(Object.prototype.status, undefined);
});

describe("complete", () => {
  test("every item that applies is done", () => {
    assert.equal(isComplete({ done: 4, applicable: 4 }), true);
    assert.equal(isComplete({ done: 1, applicable: 1 }), true);
  });
  test("a stage with one item open is not complete", () => {
    assert.equal(isComplete({ done: 3, applicable: 4 }), false);
    assert.equal(isComplete({ done: 1, applicable: 2 }), false);
    const counted = countScope(["j/s/a", "j/s/b"], teamItems({ "j/s/a": "done" }), mapOf({}));
    assert.equal(isComplete(counted), false);
  });
  test("a scope with nothing that applies is not complete", () => {
    assert.equal(isComplete({ done: 0, applicable: 0 }), false);
    const counted = countScope(["j/s/a"], teamItems({ "j/s/a": "not-applicable" }), mapOf({}));
    assert.equal(isComplete(counted), false);
  });
  test("ticked in full on top of the team's not-applicable item", () => {
    const counted = countScope(
      ["j/s/a", "j/s/b"],
      teamItems({ "j/s/a": "done", "j/s/b": "not-applicable" }),
      mapOf({ "j/s/b": true }),
    );
    assert.deepEqual(counted, { done: 2, applicable: 2 });
    assert.equal(isComplete(counted), true);
  });
});
