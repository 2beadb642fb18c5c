import assert from "node:assert/strict";
import { test } from "node:test";

import { lib, mapOf } from "./helpers.js";

const { lookup } = await lib("maps.js");
const { normalized } = await lib("state.js");
const { changes, snippet, stampOf } = await lib("snippet.js");

const W = "first-90-days/welcome/";
const KNOWN = {
  ticks: lookup([W + "send-welcome-letter", W + "share-timeline", W + "print-welcome-pack", "shared/every/log"]),
  answers: lookup([W + "what-first-week", W + "other"]),
};
const ITEMS = mapOf({
  [W + "send-welcome-letter"]: { status: "done" },
  [W + "share-timeline"]: { status: "in-progress" },
  [W + "print-welcome-pack"]: { status: "not-applicable" },
});

test("what this browser holds that the status file does not: ticks, unticks and answers", () => {
  const state = normalized({
    ticks: {
      [W + "share-timeline"]: true,          // the team has it in progress: a change
      [W + "send-welcome-letter"]: false,    // unticked what the team has done: a change
      [W + "print-welcome-pack"]: false,     // a stale untick of a not-applicable item: none
      "shared/every/log": true,
      "gone/stage/item": true,               // an id this content lacks: left out
    },
    answers: {
      [W + "what-first-week"]: "Samma som teamets",
      [W + "other"]: "Eget svar",
      "gone/stage/prompt": "Borta",
    },
  });
  const found = changes(state, KNOWN, ITEMS, { [W + "what-first-week"]: "Samma som teamets" });
  assert.deepEqual(found, {
    items: [
      [W + "send-welcome-letter", "not-started"],
      [W + "share-timeline", "done"],
      ["shared/every/log", "done"],
    ],
    answers: [[W + "other", "Eget svar"]],
  });
});

test("a tick of the team's done item is nothing to share", () => {
  const state = normalized({ ticks: { [W + "send-welcome-letter"]: true } });
  assert.deepEqual(changes(state, KNOWN, ITEMS, {}), { items: [], answers: [] });
});

test("a cleared answer is nothing to share, even where the team has one", () => {
  const state = normalized({ answers: { [W + "what-first-week"]: "" } });
  assert.deepEqual(changes(state, KNOWN, ITEMS, { [W + "what-first-week"]: "Teamets" }), { items: [], answers: [] });
});

test("team answers named like Object.prototype's properties are compared as answers", () => {
  const known = { ticks: lookup([]), answers: lookup(["constructor"]) };
  const state = normalized({ answers: JSON.parse('{"constructor": "Eget"}') });
  assert.deepEqual(changes(state, known, mapOf({}), {}).answers, [["constructor", "Eget"]]);
});

test("the snippet is the status file's format, each entry dated", () => {
  const text = snippet(
    {
      items: [[W + "send-welcome-letter", "not-started"], [W + "share-timeline", "done"]],
      answers: [[W + "other", "Första raden:\nå ä ö æ ø – “citat”"], [W + "what-first-week", " börjar med blanksteg"]],
    },
    "2026-11-20T13:30:00Z",
    "Mina ändringar (2026-11-20T13:30:00Z)",
  );
  assert.equal(text, [
    "# Mina ändringar (2026-11-20T13:30:00Z)",
    "version: 1",
    "items:",
    "  first-90-days/welcome/send-welcome-letter:",
    "    status: not-started",
    "    changed: 2026-11-20T13:30:00Z",
    "  first-90-days/welcome/share-timeline:",
    "    status: done",
    "    changed: 2026-11-20T13:30:00Z",
    "answers:",
    "  first-90-days/welcome/other:",
    "    text: |-",
    "      Första raden:",
    "      å ä ö æ ø – “citat”",
    "    changed: 2026-11-20T13:30:00Z",
    "  first-90-days/welcome/what-first-week:",
    '    text: " börjar med blanksteg"',
    "    changed: 2026-11-20T13:30:00Z",
    "",
  ].join("\n"));
  assert.equal(snippet({ items: [], answers: [] }, "x", "h"), "# h\nversion: 1\n");
});

test("a snippet is dated to the second, in UTC", () => {
  assert.equal(stampOf(new Date(Date.UTC(2026, 10, 20, 13, 30, 5, 678))), "2026-11-20T13:30:05Z");
});
