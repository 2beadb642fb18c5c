import assert from "node:assert/strict";
import { test } from "node:test";

import { lib, plain } from "./helpers.js";

const {
  FORMAT, VERSION, cleared, countKept, emptyState, normalized, parseStored, recordTick, restored,
  storedText, withAnswer, withTick,
} = await lib("state.js");

// What today's site (and every site since issue #15) has stored in localStorage.
const STORED_BY_THE_OLD_SCRIPT =
  '{"format":"journey-playbook-progress","version":1,"ticks":{"customer-journey/awareness/known-for":true,' +
  '"first-90-days/welcome/send-welcome-letter":false},"answers":{"customer-journey/awareness/' +
  'recognised-without-buying":"Grannarna.\\nÅ ä ö æ ø"}}';

test("progress stored by the old script reads the same with the new one, and is stored back unchanged", () => {
  const state = parseStored(STORED_BY_THE_OLD_SCRIPT);
  assert.deepEqual(plain(state.ticks), {
    "customer-journey/awareness/known-for": true,
    "first-90-days/welcome/send-welcome-letter": false,
  });
  assert.deepEqual(plain(state.answers), {
    "customer-journey/awareness/recognised-without-buying": "Grannarna.\nÅ ä ö æ ø",
  });
  assert.equal(storedText(state), STORED_BY_THE_OLD_SCRIPT);
});

test("nothing stored, or something unreadable, is no progress", () => {
  for (const raw of [null, undefined, "", "not json", "null", "[]", "42", '"text"', "{"]) {
    const state = parseStored(raw);
    assert.equal(storedText(state), `{"format":"${FORMAT}","version":${VERSION},"ticks":{},"answers":{}}`, String(raw));
  }
});

test("only ticks that are true or false and answers with text are kept", () => {
  const state = parseStored(JSON.stringify({
    ticks: { a: true, b: false, c: "true", d: 1, e: null, f: {} },
    answers: { a: "text", b: "", c: 5, d: ["x"], e: null, f: { text: "x" } },
  }));
  assert.deepEqual(plain(state.ticks), { a: true, b: false });
  assert.deepEqual(plain(state.answers), { a: "text" });
  assert.deepEqual(plain(parseStored('{"ticks": [true], "answers": "x"}').ticks), {});
});

test("a __proto__ key is kept as a key and changes no prototype", () => {
  const state = parseStored('{"ticks": {"__proto__": true}, "answers": {"__proto__": "x", "constructor": "y"}}');
  assert.deepEqual(Object.keys(state.ticks), ["__proto__"]);
  assert.equal(state.ticks["__proto__"], true);
  assert.deepEqual(Object.keys(state.answers), ["__proto__", "constructor"]);
  assert.equal(Object.getPrototypeOf(state.ticks), null);
  assert.equal({}.constructor, Object);
  assert.equal(storedText(state),
    '{"format":"journey-playbook-progress","version":1,"ticks":{"__proto__":true},"answers":{"__proto__":"x","constructor":"y"}}');
});

test("a tick is kept only where it differs from the team's state", () => {
  const cases = [
    // [team, checked, what is kept]
    ["not-started", true, true],
    ["not-started", false, undefined],
    ["in-progress", true, true],
    ["in-progress", false, undefined],
    ["not-applicable", true, true],
    ["not-applicable", false, undefined],
    ["done", true, undefined],
    ["done", false, false],  // an untick of the team's done item
  ];
  for (const [team, checked, kept] of cases) {
    const state = withTick(emptyState(), "j/s/a", checked, team);
    assert.equal(state.ticks["j/s/a"], kept, `${team} ${checked}`);
    assert.deepEqual(Object.keys(state.ticks), kept === undefined ? [] : ["j/s/a"]);
  }
});

test("ticking and unticking again leaves nothing behind", () => {
  let state = emptyState();
  state = withTick(state, "shared/c/x", true, "not-started");
  state = withTick(state, "shared/c/x", false, "not-started");
  assert.deepEqual(plain(state.ticks), {});
  state = withTick(state, "shared/c/y", false, "done");
  state = withTick(state, "shared/c/y", true, "done");
  assert.deepEqual(plain(state.ticks), {});
});

test("a change makes a new state and leaves the old one alone", () => {
  const before = parseStored(STORED_BY_THE_OLD_SCRIPT);
  const after = withTick(before, "j/s/new", true, "not-started");
  assert.equal(before.ticks["j/s/new"], undefined);
  assert.equal(after.ticks["j/s/new"], true);
  const answered = withAnswer(before, "j/s/p", "Svar");
  assert.equal(before.answers["j/s/p"], undefined);
  assert.equal(answered.answers["j/s/p"], "Svar");
  const ticks = Object.create(null);
  recordTick(ticks, "k", true, "in-progress");
  assert.deepEqual(plain(ticks), { k: true });
});

test("a cleared answer field is removed, not kept empty", () => {
  let state = withAnswer(emptyState(), "j/s/p", "Första\nandra");
  assert.deepEqual(plain(state.answers), { "j/s/p": "Första\nandra" });
  state = withAnswer(state, "j/s/p", "");
  assert.deepEqual(plain(state.answers), {});
  assert.deepEqual(plain(withAnswer(emptyState(), "j/s/p", 42).answers), {});
  assert.deepEqual(plain(withAnswer(emptyState(), "j/s/p", " ").answers), { "j/s/p": " " });
});

test("a reset counts and clears exactly the keys it lists, and its undo puts them back", () => {
  const state = normalized({
    ticks: { "j/s/a": true, "j/s/b": false, "j/t/a": true, "shared/c/x": true },
    answers: { "j/s/p": "Svar", "j/t/p": "Annat" },
  });
  const lines = [
    { kind: "ticks", keys: ["j/s/a", "j/s/b", "j/s/c"] },
    { kind: "answers", keys: ["j/s/p", "j/s/q"] },
    { kind: "ticks", keys: ["shared/c/x", "shared/c/y"] },
  ];
  assert.deepEqual(lines.map((line) => countKept(state, line.kind, line.keys)), [2, 1, 1]);
  assert.equal(countKept(state, "ticks", ["j/s/a", "j/s/a"]), 1);
  const result = cleared(state, lines);
  assert.deepEqual(plain(result.state.ticks), { "j/t/a": true });
  assert.deepEqual(plain(result.state.answers), { "j/t/p": "Annat" });
  assert.deepEqual(plain(result.removed.ticks), { "j/s/a": true, "j/s/b": false, "shared/c/x": true });
  assert.deepEqual(plain(result.removed.answers), { "j/s/p": "Svar" });
  const back = restored(result.state, result.removed);
  assert.equal(storedText(back), storedText(normalized({
    ticks: { "j/t/a": true, "j/s/a": true, "j/s/b": false, "shared/c/x": true },
    answers: { "j/t/p": "Annat", "j/s/p": "Svar" },
  })));
  assert.deepEqual(plain(state.ticks), { "j/s/a": true, "j/s/b": false, "j/t/a": true, "shared/c/x": true });
});
