/* Journey Playbook: a stage's and a journey's ticks and answers as Markdown, for the
   workshop summary. The page hands over the texts and keys (the journey's in its data-
   attribute, written by the build; the stage's read from the page); nothing is guessed.
   Pure. */

import { countScope, statusOf } from "./counting.js";
import { get } from "./maps.js";
import { scopeKeys } from "./page-data.js";
import { fill } from "./text.js";

function box(done) {
  return "- [" + (done ? "x" : " ") + "] ";
}

function answerLines(answer) {
  const text = String(answer || "").trim();
  return text ? text.split("\n").map((line) => "   > " + line) : [];
}

function joined(lines) {
  return lines.join("\n").replace(/\n+$/, "\n");
}

/** A stage page as Markdown: `title`, then each of its `sections` in page order, a
    checklist ({heading, checklist: [{text, done}]}) or a list of questions ({heading,
    prompts: [{text, answer}]}). */
export function stageMarkdown(title, sections) {
  const lines = ["# " + title, ""];
  for (const section of sections) {
    lines.push("## " + section.heading, "");
    if (section.checklist) {
      for (const item of section.checklist) lines.push(box(item.done) + item.text);
      lines.push("");
    } else {
      section.prompts.forEach((prompt, index) => {
        lines.push(index + 1 + ". " + prompt.text, ...answerLines(prompt.answer), "");
      });
    }
  }
  return joined(lines);
}

/** A journey's summary: every section's progress line (its scope's numbers from the page's
    `data`), its ticks and its answers, with this browser's `state` on the team's. */
export function journeyMarkdown(journey, state, data) {
  const lines = ["# " + journey.title, ""];
  for (const section of journey.sections) {
    lines.push("## " + section.heading, "");
    if (section.checklist.length) {
      const counted = countScope(scopeKeys(data, section.scope), data.items, state.ticks);
      lines.push(fill(journey.progress, { done: counted.done, total: counted.applicable }), "");
      lines.push("### " + journey.checklist_heading, "");
      for (const item of section.checklist) {
        lines.push(box(statusOf(item.key, data.items, state.ticks) === "done") + item.text);
      }
      lines.push("");
    }
    if (section.prompts.length) {
      lines.push("### " + journey.prompts_heading, "");
      section.prompts.forEach((prompt, index) => {
        lines.push(index + 1 + ". " + prompt.text, ...answerLines(get(state.answers, prompt.key)), "");
      });
    }
  }
  return joined(lines);
}
