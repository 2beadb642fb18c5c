import assert from "node:assert/strict";
import { test } from "node:test";

import { lib, mapOf, plain } from "./helpers.js";

const { MAX_BYTES, MAX_IDS } = await lib("limits.js");
const { lookup } = await lib("maps.js");
const { normalized } = await lib("state.js");
const { applyImport, exportText, fitsInImport, importCounts, readProgress } = await lib("transfer.js");

const A = "customer-journey/awareness/";
const KNOWN = {
  ticks: lookup([A + "known-for", A + "values-visible", A + "ask-outsiders"]),
  answers: lookup([A + "recognised-without-buying", A + "identify-with-brand"]),
};

function file(fields) {
  return JSON.stringify({ format: "journey-playbook-progress", version: 1, ticks: {}, answers: {}, ...fields });
}

const MINE = normalized({
  ticks: { [A + "known-for"]: true, [A + "values-visible"]: true },
  answers: { [A + "recognised-without-buying"]: "Vi själva." },
});
const THEIRS = file({
  ticks: { [A + "known-for"]: true, [A + "ask-outsiders"]: true, "customer-journey/gone-stage/old-item": true },
  answers: {
    [A + "recognised-without-buying"]: "Grannarna.",
    [A + "identify-with-brand"]: "På mässan.",
    [A + "removed-prompt"]: "Borta.",
  },
});

test("a file is read for the ids this site has; the others are listed, sorted", () => {
  const read = readProgress(THEIRS, KNOWN);
  assert.deepEqual(plain(read.ticks), { [A + "known-for"]: true, [A + "ask-outsiders"]: true });
  assert.deepEqual(plain(read.answers), {
    [A + "recognised-without-buying"]: "Grannarna.",
    [A + "identify-with-brand"]: "På mässan.",
  });
  assert.deepEqual(read.unknown, [A + "removed-prompt", "customer-journey/gone-stage/old-item"]);
});

test("the preview says exactly what merging and replacing would do", () => {
  assert.deepEqual(importCounts(readProgress(THEIRS, KNOWN), MINE, mapOf({})), {
    ticks: 2,
    unticks: 0,
    answers: 2,
    unknown: 2,
    "new-ticks": 1,
    "new-unticks": 0,
    "new-answers": 1,
    "replaced-answers": 1,
    "removed-ticks": 1,
    "removed-answers": 1,
  });
});

test("a tick of an item the team has done is not new", () => {
  const items = mapOf({ [A + "ask-outsiders"]: { status: "done" } });
  assert.equal(importCounts(readProgress(THEIRS, KNOWN), MINE, items)["new-ticks"], 0);
});

test("merge keeps this browser's and adds the file's; replace keeps only the file's", () => {
  const read = readProgress(THEIRS, KNOWN);
  const merged = applyImport(MINE, read, "merge", mapOf({}));
  assert.deepEqual(plain(merged.ticks), {
    [A + "known-for"]: true, [A + "values-visible"]: true, [A + "ask-outsiders"]: true,
  });
  assert.deepEqual(plain(merged.answers), {
    [A + "recognised-without-buying"]: "Grannarna.", [A + "identify-with-brand"]: "På mässan.",
  });
  const replaced = applyImport(MINE, read, "replace", mapOf({}));
  assert.deepEqual(plain(replaced.ticks), { [A + "known-for"]: true, [A + "ask-outsiders"]: true });
  assert.deepEqual(plain(replaced.answers), plain(merged.answers));
  assert.deepEqual(plain(MINE.ticks), { [A + "known-for"]: true, [A + "values-visible"]: true });  // unchanged
});

test("an imported tick of the team's done item clears this browser's untick of it", () => {
  const items = mapOf({ [A + "known-for"]: { status: "done" } });
  const state = normalized({ ticks: { [A + "known-for"]: false } });
  const merged = applyImport(state, readProgress(file({ ticks: { [A + "known-for"]: true } }), KNOWN), "merge", items);
  assert.deepEqual(plain(merged.ticks), {});
});

test("another format or version is refused before anything is read", () => {
  const cases = [
    ["- [x] not json", { error: "data-not-json" }],
    ["", { error: "data-not-json" }],
    ["null", { error: "data-failed" }],
    ["[]", { error: "data-failed" }],
    [JSON.stringify({ format: "another-tool", version: 1 }), { error: "data-failed" }],
    [file({ version: 3, ticks: {} }), { error: "data-newer", version: 3 }],
    [file({ version: 1.5 }), { error: "data-unknown-version", version: "1.5" }],
    [file({ version: "1.0" }), { error: "data-unknown-version", version: '"1.0"' }],
    [file({ version: 0 }), { error: "data-unknown-version", version: "0" }],
    [file({ version: null }), { error: "data-unknown-version", version: "null" }],
    [JSON.stringify({ format: "journey-playbook-progress" }), { error: "data-unknown-version", version: "undefined" }],
    [file({ version: true }), { error: "data-unknown-version", version: "true" }],
    [file({ ticks: [A + "known-for"] }), { error: "data-broken" }],
    [file({ answers: "x" }), { error: "data-broken" }],
    [file({ ticks: null }), { error: "data-broken" }],
    [file({ version: 3, ticks: ["even", "broken"] }), { error: "data-newer", version: 3 }],
    [file({ version: 2, items: ["broken"] }), { error: "data-broken" }],
  ];
  for (const [text, expected] of cases) assert.deepEqual(readProgress(text, KNOWN), expected, text);
});

test("only true is a tick and only text with something in it an answer", () => {
  const read = readProgress(file({
    ticks: { [A + "known-for"]: "true", [A + "values-visible"]: 1, [A + "ask-outsiders"]: false },
    answers: { [A + "recognised-without-buying"]: "", [A + "identify-with-brand"]: 42, gone: null },
  }), KNOWN);
  assert.deepEqual(plain(read.ticks), {});
  assert.deepEqual(plain(read.answers), {});
  assert.deepEqual(read.unknown, []);
});

test("ticks and answers may be left out", () => {
  const read = readProgress(JSON.stringify({ format: "journey-playbook-progress", version: 1 }), KNOWN);
  assert.deepEqual([plain(read.ticks), plain(read.answers), read.unknown], [{}, {}, []]);
});

test("__proto__ and other Object.prototype names in a file are unknown ids, never properties", () => {
  const text = '{"format": "journey-playbook-progress", "version": 1, "ticks": {"__proto__": true, ' +
    '"constructor": true}, "answers": {"__proto__": "x", "toString": "y"}}';
  const read = readProgress(text, KNOWN);
  assert.deepEqual(read.unknown, ["__proto__", "__proto__", "constructor", "toString"]);
  assert.equal(Object.getPrototypeOf(read.ticks), null);
  const merged = applyImport(MINE, read, "merge", mapOf({}));
  assert.equal(Object.getPrototypeOf(merged.ticks), null);
  assert.equal({}.x, undefined);
});

test("a file with more ids than a share link may carry is refused unread", () => {
  const ticks = {};
  for (let i = 0; i < MAX_IDS; i += 1) ticks["j/s/item-" + i] = true;
  const atTheLimit = readProgress(file({ ticks }), KNOWN);
  assert.equal(atTheLimit.unknown.length, MAX_IDS);
  assert.deepEqual(readProgress(file({ ticks, answers: { one: "more" } }), KNOWN), { error: "data-too-large" });
  assert.equal(MAX_IDS, 5000);
});

test("a file larger than a share link may unpack to is refused unread", () => {
  assert.equal(MAX_BYTES, 4 * 1024 * 1024);
  assert.equal(fitsInImport(MAX_BYTES), true);
  assert.equal(fitsInImport(MAX_BYTES + 1), false);
  const padding = " ".repeat(MAX_BYTES);
  assert.deepEqual(readProgress(file({}) + padding, KNOWN), { error: "data-too-large" });
  assert.equal(readProgress(file({}) + " ".repeat(MAX_BYTES - file({}).length), KNOWN).error, undefined);
  assert.deepEqual(readProgress(null, KNOWN), { error: "data-too-large" });
});

test("the export carries an untick, each change's base and author, and reads the same as YAML", () => {
  const letter = "first-90-days/welcome/send-welcome-letter";
  const known = { ticks: lookup([A + "known-for", letter]), answers: KNOWN.answers };
  const data = {
    items: mapOf({ [letter]: { status: "done", base: { status: "a4c3ed04" } } }),
    answers: mapOf({}),
  };
  const state = normalized({
    ticks: { [A + "known-for"]: true, [letter]: false },
    answers: { [A + "identify-with-brand"]: "På mässan\u2028och\u0085i butiken." },
    stamps: { answers: { [A + "identify-with-brand"]: { base: "-", at: "2026-11-26T09:00:00Z", by: "Åsa" } } },
    name: "Øystein",
  });
  const text = exportText(state, data, known, {}, "2026-11-27T10:00:00Z");
  assert.equal(text, [
    "{",
    '  "format": "journey-playbook-progress",',
    '  "version": 2,',
    '  "items": {',
    '    "customer-journey/awareness/known-for": {',
    '      "status": {',
    '        "to": "done",',
    '        "base": "-",',
    '        "at": "2026-11-27T10:00:00Z",',
    '        "by": "Øystein"',
    "      }",
    "    },",
    '    "first-90-days/welcome/send-welcome-letter": {',
    '      "status": {',
    '        "to": "not-started",',
    '        "base": "a4c3ed04",',
    '        "at": "2026-11-27T10:00:00Z",',
    '        "by": "Øystein"',
    "      }",
    "    }",
    "  },",
    '  "answers": {',
    '    "customer-journey/awareness/identify-with-brand": {',
    '      "text": {',
    '        "to": "På mässan\\u2028och\\u0085i butiken.",',
    '        "base": "-",',
    '        "at": "2026-11-26T09:00:00Z",',
    '        "by": "Åsa"',
    "      }",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n"));
  const back = readProgress(text, known);
  assert.deepEqual(plain(back.answers), plain(state.answers));
  assert.deepEqual(plain(back.ticks), { [A + "known-for"]: true, [letter]: false });
  // Imported elsewhere, the untick stays an untick and keeps the version it was made from.
  const there = applyImport(normalized({}), back, "merge", data.items);
  assert.deepEqual(plain(there.ticks), { [letter]: false, [A + "known-for"]: true });
  assert.equal(there.stamps.ticks[letter].base, "a4c3ed04");
  assert.equal(there.stamps.answers[A + "identify-with-brand"].by, "Åsa");
});
