import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { lib, mapOf, plain } from "./helpers.js";

const { MARKER, changeCount, changesDocument, changesYaml, readChanges, stampFor } = await lib("changes.js");
const { lookup } = await lib("maps.js");
const { normalized, withAnswer, withTick } = await lib("state.js");

const HELLO = "loop/first/say-hello";
const NAMES = "loop/first/know-names";
const QUESTION = "short/meet/who-answers";
const KNOWN = { ticks: lookup([HELLO, NAMES]), answers: lookup([QUESTION]) };
const DATA = {
  items: mapOf({ [HELLO]: { status: "done", owner: "Åsa", base: { status: "a4c3ed04", owner: "1f0e9d7b" } } }),
  answers: mapOf({}),
};

test("a change is stamped with the version of the value the page shows, and keeps its first one", () => {
  assert.deepEqual(stampFor(DATA, "items", HELLO, "status", "T1", "Ø"), { base: "a4c3ed04", at: "T1", by: "Ø" });
  assert.deepEqual(stampFor(DATA, "items", NAMES, "status", "T1", ""), { base: "-", at: "T1", by: "" });
  assert.deepEqual(stampFor(DATA, "answers", QUESTION, "text", "T1", ""), { base: "-", at: "T1", by: "" });
  let state = withTick(normalized({}), HELLO, false, "done", { base: "a4c3ed04", at: "T1", by: "Ø" });
  state = withTick(state, HELLO, false, "done", { base: "ffffffff", at: "T2", by: "Å" });
  assert.deepEqual(state.stamps.ticks[HELLO], { base: "a4c3ed04", at: "T2", by: "Å" });
  // Ticked back to the team's value: nothing kept, no stamp left to send.
  state = withTick(state, HELLO, true, "done", { base: "a4c3ed04", at: "T3", by: "Ø" });
  assert.deepEqual(plain(state.stamps.ticks), {});
  state = withAnswer(state, QUESTION, "x", { base: "-", at: "T4", by: "" });
  assert.deepEqual(plain(withAnswer(state, QUESTION, "", null).stamps.answers), {});
});

test("a change after the team took in the last one is made over the team's value now", () => {
  // The trial of #25: a tick imported and rebuilt into the site, then unticked, still
  // carried the base from before the import, and the import called it a conflict.
  let state = withTick(normalized({}), HELLO, true, "not-started", { base: "-", at: "T1", by: "Ø" });
  assert.deepEqual(state.stamps.ticks[HELLO], { base: "-", at: "T1", by: "Ø" });
  state = withTick(state, HELLO, false, "done", { base: "a4c3ed04", at: "T2", by: "Ø" });
  assert.deepEqual(state.stamps.ticks[HELLO], { base: "a4c3ed04", at: "T2", by: "Ø" });
  const document = changesDocument(state, DATA, KNOWN, {}, "T3");
  assert.deepEqual(document.items[HELLO].status, { to: "not-started", base: "a4c3ed04", at: "T2", by: "Ø" });
  // The same for an answer the team's file now holds word for word.
  let answered = withAnswer(normalized({}), QUESTION, "Ja", { base: "-", at: "T1", by: "" });
  answered = withAnswer(answered, QUESTION, "Ja, och nej", { base: "0badc0de", at: "T2", by: "" }, "Ja");
  assert.equal(answered.stamps.answers[QUESTION].base, "0badc0de");
});

test("emptying an answer the team has is sent as a cleared value; emptying one it lacks is not", () => {
  const stamp = { base: "0badc0de", at: "T1", by: "Å" };
  const state = withAnswer(normalized({ answers: { [QUESTION]: "Ja" } }), QUESTION, "", stamp, "Ja");
  assert.deepEqual(plain(state.answers), {});
  const document = changesDocument(state, DATA, KNOWN, { [QUESTION]: "Ja" }, "T2");
  assert.deepEqual(document.answers[QUESTION].text, { to: null, base: "0badc0de", at: "T1", by: "Å" });
  assert.ok(changesYaml(document, MARKER).includes('    text:\n      to: null\n      base: "0badc0de"\n'));
  // Kept across a reload, and gone once the reader types again.
  assert.deepEqual(plain(normalized(JSON.parse(JSON.stringify(state))).cleared), { [QUESTION]: stamp });
  assert.deepEqual(plain(withAnswer(state, QUESTION, "Nej", stamp, "Ja").cleared), {});
  // A change made before the reader set a name goes with the name they share it under.
  const named = normalized({ ...JSON.parse(JSON.stringify(state)), name: "Åsa" });
  named.cleared[QUESTION] = { ...stamp, by: "" };
  assert.equal(changesDocument(named, DATA, KNOWN, { [QUESTION]: "Ja" }, "T2").answers[QUESTION].text.by, "Åsa");
  const own = withAnswer(normalized({ answers: { [QUESTION]: "Ja" } }), QUESTION, "", stamp, "");
  assert.equal(changeCount(changesDocument(own, DATA, KNOWN, {}, "T2")), 0);
});

test("the snippet for an issue starts with the marker and reads as the Python side expects", () => {
  const state = normalized({
    ticks: { [HELLO]: false, [NAMES]: true },
    answers: { [QUESTION]: "Kundtjänst först,\nsedan säljarna – på måndag." },
    stamps: {
      ticks: { [HELLO]: { base: "a4c3ed04", at: "2026-11-26T09:15:00Z", by: "Øystein Ærø" } },
      answers: { [QUESTION]: { base: "-", at: "2026-11-26T09:20:00Z", by: "Øystein Ærø" } },
    },
    name: "Øystein Ærø",
  });
  const document = changesDocument(state, DATA, KNOWN, {}, "2026-11-26T09:30:00Z");
  assert.equal(changeCount(document), 3);
  const expected = readFileSync(new URL("../fixtures/changes-v2.yaml", import.meta.url), "utf-8");
  assert.equal(changesYaml(document, MARKER), expected);
});

test("a change the team already has is not sent, and an answer without a stamp is sent as unseen", () => {
  const state = normalized({ ticks: { [HELLO]: true }, answers: { [QUESTION]: "Ja" } });
  const document = changesDocument(state, DATA, KNOWN, {}, "T");
  assert.deepEqual(plain(document.items), {});
  assert.deepEqual(document.answers[QUESTION].text, { to: "Ja", base: "", at: "T", by: "" });
  assert.equal(changeCount(changesDocument(state, DATA, KNOWN, { [QUESTION]: "Ja" }, "T")), 0);
});

test("reading a version 2 file: an untick is false, a cleared answer is listed, a bad change refuses the file", () => {
  const at = "2026-11-26T09:15:00Z";
  const read = readChanges({
    items: { [HELLO]: { status: { to: "not-started", base: "a4c3ed04", at, by: "Å" } }, gone: { status: { to: "done", base: "-", at } } },
    answers: { [QUESTION]: { text: { to: null, base: "1f0e9d7b", at } } },
  }, KNOWN);
  assert.deepEqual(plain(read.ticks), { [HELLO]: false });
  assert.deepEqual(read.cleared, [QUESTION]);
  assert.deepEqual(read.unknown, ["gone"]);
  assert.deepEqual(read.stamps.ticks[HELLO], { base: "a4c3ed04", at, by: "Å" });
  for (const bad of [
    { to: "finished", base: "-", at },
    { to: "done", base: "<script>", at },
    { to: "done", base: "-", at: "igår" },
    { to: "done", base: "-", at, by: "x".repeat(81) },
  ]) {
    assert.deepEqual(readChanges({ items: { [HELLO]: { status: bad } } }, KNOWN), { error: "data-broken" }, JSON.stringify(bad));
  }
});

test("a status, owner, due date and note set on an item travel as changes, a cleared owner as null", async () => {
  const { withField, withStatus } = await lib("state.js");
  const json = (value) => JSON.parse(JSON.stringify(value));
  const stamp = (at) => ({ base: "-", at, by: "Åsa" });
  let state = withStatus(normalized({}), NAMES, "in-progress", "not-started", stamp("2026-12-01T08:00:00Z"));
  state = withStatus(state, HELLO, "not-applicable", "done", { base: "a4c3ed04", at: "2026-12-01T08:01:00Z", by: "Åsa" });
  state = withField(state, NAMES, "owner", "  Øystein  ", "", stamp("2026-12-01T08:02:00Z"));
  state = withField(state, NAMES, "due", "2026-12-24", "", stamp("2026-12-01T08:03:00Z"));
  state = withField(state, NAMES, "note", "Väntar på svar – ”snart”.", "", stamp("2026-12-01T08:04:00Z"));
  state = withField(state, HELLO, "owner", "", "Åsa", { base: "1f0e9d7b", at: "2026-12-01T08:05:00Z", by: "Åsa" });
  // A due date that is no date, and a field that is none, change nothing.
  assert.deepEqual(json(withField(state, NAMES, "due", "24/12", "", stamp("X")).fields), json(state.fields));
  assert.deepEqual(json(withField(state, NAMES, "colour", "red", "", stamp("X")).fields), json(state.fields));
  // Back to the team's value: nothing kept.
  assert.deepEqual(json(withStatus(state, NAMES, "not-started", "not-started", null).ticks), { [HELLO]: "not-applicable" });
  const document = changesDocument(state, DATA, KNOWN, {}, "2026-12-01T09:00:00Z");
  assert.deepEqual(json(document.items), {
    [HELLO]: {
      status: { to: "not-applicable", base: "a4c3ed04", at: "2026-12-01T08:01:00Z", by: "Åsa" },
      owner: { to: null, base: "1f0e9d7b", at: "2026-12-01T08:05:00Z", by: "Åsa" },
    },
    [NAMES]: {
      status: { to: "in-progress", base: "-", at: "2026-12-01T08:00:00Z", by: "Åsa" },
      owner: { to: "Øystein", base: "-", at: "2026-12-01T08:02:00Z", by: "Åsa" },
      due: { to: "2026-12-24", base: "-", at: "2026-12-01T08:03:00Z", by: "Åsa" },
      note: { to: "Väntar på svar – ”snart”.", base: "-", at: "2026-12-01T08:04:00Z", by: "Åsa" },
    },
  });
  // Stored and read back, it is the same state.
  const { parseStored, storedText } = await lib("state.js");
  assert.deepEqual(json(parseStored(storedText(state))), json(state));
});
