import assert from "node:assert/strict";
import { test } from "node:test";

import { lib } from "./helpers.js";

const { arrange, byDue, matches, sameName } = await lib("board.js");

// The team page's rows as playbook-board.js reads them: `when` is the build's verdict
// (generator/team/summary.py due_when), `order` the place in the content.
const ROWS = [
  { id: "a", journey: "onboarding", status: "done", owner: "Åsa", due: "", when: "none", order: 0 },
  { id: "b", journey: "onboarding", status: "in-progress", owner: "Øystein", due: "2026-12-01", when: "overdue", order: 1 },
  { id: "c", journey: "onboarding", status: "not-started", owner: "", due: "2026-12-10", when: "week", order: 2 },
  { id: "d", journey: "renewal", status: "not-started", owner: "åsa ", due: "2027-01-15", when: "later", order: 3 },
  { id: "e", journey: "renewal", status: "done", owner: "Øystein", due: "2026-11-20", when: "past", order: 4 },
  { id: "f", journey: "renewal", status: "in-progress", owner: "Åsa", due: "2026-12-10", when: "week", order: 5 },
];

const ids = (rows) => rows.map((row) => row.id).join("");

test("no filter shows every row in the content's order", () => {
  assert.equal(ids(arrange([...ROWS].reverse(), {})), "abcdef");
  assert.equal(ids(arrange(ROWS, { owner: "", status: "", journey: "", due: "", mine: "" })), "abcdef");
});

test("each filter keeps exactly its rows, and filters combine", () => {
  assert.equal(ids(arrange(ROWS, { owner: "Øystein" })), "be");
  assert.equal(ids(arrange(ROWS, { status: "not-started" })), "cd");
  assert.equal(ids(arrange(ROWS, { journey: "renewal" })), "def");
  assert.equal(ids(arrange(ROWS, { due: "overdue" })), "b");
  assert.equal(ids(arrange(ROWS, { due: "week" })), "cf");
  assert.equal(ids(arrange(ROWS, { due: "later" })), "d");
  assert.equal(ids(arrange(ROWS, { due: "none" })), "a");
  assert.equal(ids(arrange(ROWS, { journey: "renewal", due: "week" })), "f");
  assert.equal(ids(arrange(ROWS, { owner: "Åsa", status: "done" })), "a");
});

test("a closed item due in the past is in no due group but shows under all", () => {
  for (const due of ["overdue", "week", "later", "none"]) assert.ok(!matches(ROWS[4], { due }), due);
  assert.ok(matches(ROWS[4], {}));
});

test("the owner filter is exact; mine takes the reader's name without case or spaces", () => {
  assert.equal(ids(arrange(ROWS, { owner: "Åsa" })), "af");
  assert.equal(ids(arrange(ROWS, { mine: " ÅSA" })), "adf");
  assert.equal(ids(arrange(ROWS, { mine: "Øystein", due: "overdue" })), "b");
  assert.equal(ids(arrange(ROWS, { mine: "Åse" })), "");
  assert.ok(!sameName("", ""), "no name is nobody's, not the unowned items'");
  assert.ok(!sameName("  ", ""));
  assert.ok(sameName("Ærlig Øst", "ærlig øst"));
});

test("by due date: earliest first, undated last, same day in the content's order", () => {
  assert.equal(ids(arrange(ROWS, { sort: "due" })), "ebcfda");
  assert.equal(ids(arrange(ROWS, { sort: "due", journey: "renewal" })), "efd");
  assert.equal(byDue(ROWS[2], ROWS[5]), -3);
  assert.ok(byDue(ROWS[0], ROWS[1]) > 0 && byDue(ROWS[1], ROWS[0]) < 0);
});
