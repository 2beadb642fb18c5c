import assert from "node:assert/strict";
import { test } from "node:test";

import { lib } from "./helpers.js";

const { journeyMarkdown, stageMarkdown } = await lib("markdown.js");
const { readPageData } = await lib("page-data.js");
const { normalized } = await lib("state.js");

test("a stage's checklists and answers as Markdown", () => {
  const text = stageMarkdown("Kännedom", [
    { heading: "Checklista", checklist: [{ text: "Säg hej", done: true }, { text: "Lär dig namnen: å, ä, ö", done: false }] },
    { heading: "Frågor att diskutera", prompts: [{ text: "Vem först?", answer: "  Säljarna\noch kundtjänst \n" }, { text: "Varför?", answer: "" }] },
  ]);
  assert.equal(text, [
    "# Kännedom", "",
    "## Checklista", "",
    "- [x] Säg hej",
    "- [ ] Lär dig namnen: å, ä, ö", "",
    "## Frågor att diskutera", "",
    "1. Vem först?",
    "   > Säljarna",
    "   > och kundtjänst", "",
    "2. Varför?", "",
  ].join("\n"));
  assert.equal(stageMarkdown("Tom", []), "# Tom\n");
});

const JOURNEY = {
  title: "Slingan",
  checklist_heading: "Checklista",
  prompts_heading: "Frågor",
  progress: "{done} av {total} klara",
  sections: [
    {
      heading: "1. Första", scope: "stage:loop/first",
      checklist: [{ key: "loop/first/a", text: "A" }, { key: "loop/first/b", text: "B" }],
      prompts: [{ key: "loop/first/p", text: "Vem?" }],
    },
    { heading: "2. Andra", scope: "stage:loop/second", checklist: [], prompts: [] },
    { heading: "Grunderna", scope: "shared:basics", checklist: [{ key: "shared/basics/x", text: "X" }], prompts: [] },
  ],
};
const DATA = readPageData([JSON.stringify({
  scopes: {
    "stage:loop/first": ["loop/first/a", "loop/first/b", "shared/basics/x"],
    "stage:loop/second": [],
    "shared:basics": ["shared/basics/x"],
  },
  items: { "loop/first/b": { status: "done" }, "shared/basics/x": { status: "not-applicable" } },
})]);

test("a journey's summary counts each section's scope, with this browser's ticks on the team's", () => {
  const state = normalized({ ticks: { "loop/first/a": true, "loop/first/b": false }, answers: { "loop/first/p": "Vi.\nAlla." } });
  assert.equal(journeyMarkdown(JOURNEY, state, DATA), [
    "# Slingan", "",
    "## 1. Första", "",
    "1 av 2 klara", "",
    "### Checklista", "",
    "- [x] A",
    "- [ ] B", "",
    "### Frågor", "",
    "1. Vem?",
    "   > Vi.",
    "   > Alla.", "",
    "## 2. Andra", "",
    "## Grunderna", "",
    "0 av 0 klara", "",
    "### Checklista", "",
    "- [ ] X", "",
  ].join("\n"));
});

test("a section whose scope the page lacks counts nothing rather than guessing", () => {
  const journey = { ...JOURNEY, sections: [{ ...JOURNEY.sections[0], scope: "stage:loop/gone" }] };
  assert.match(journeyMarkdown(journey, normalized({}), DATA), /\n0 av 0 klara\n/);
});
