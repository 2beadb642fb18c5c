import { test } from "node:test";
import assert from "node:assert/strict";

import { lib } from "./helpers.js";

const { nextStep } = await lib("start.js");

const targets = { a: ["s/a/#a", "One"], b: ["s/b/#b", "Two"], c: ["s/b/#c", "Two"] };
const keys = ["a", "b", "c"];

test("nothing done: the first stage", () => {
  assert.deepEqual(nextStep(keys, targets, {}, {}), { kind: "start" });
  // An item in progress is not a start either.
  assert.deepEqual(nextStep(keys, targets, { a: { status: "in-progress" } }, {}), { kind: "start" });
});

test("something done: the first open key in the scope's order", () => {
  assert.deepEqual(nextStep(keys, targets, {}, { b: true }), { kind: "continue", key: "a" });
  assert.deepEqual(nextStep(keys, targets, { a: { status: "done" } }, {}), { kind: "continue", key: "b" });
});

test("not applicable is skipped, an untick of the team's done item reopens it", () => {
  const items = { a: { status: "done" }, b: { status: "not-applicable" } };
  assert.deepEqual(nextStep(keys, targets, items, {}), { kind: "continue", key: "c" });
  assert.deepEqual(nextStep(keys, targets, items, { c: true }), { kind: "done" });
  assert.deepEqual(nextStep(keys, targets, items, { c: true, a: false }), { kind: "continue", key: "a" });
  assert.deepEqual(nextStep(keys, targets, items, { a: false }), { kind: "start" });
});

test("keys without a target are neither counted as a start nor offered", () => {
  assert.deepEqual(nextStep(["x", "a"], targets, {}, { x: true }), { kind: "start" });
  const ticks = JSON.parse('{"a": true, "__proto__": true}');
  assert.deepEqual(nextStep(["__proto__", "a"], targets, {}, ticks), { kind: "done" });
});
