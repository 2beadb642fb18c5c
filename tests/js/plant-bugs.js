// Plants realistic bugs in a copy of the page scripts' lib/, one at a time, and checks that
// a unit test fails for each (issue #24: tests that can fail). Run by hand, not by `make
// test` (a minute or two): `node tests/js/plant-bugs.js`. Prints each bug and the tests
// that caught it; exits 1 if any bug went unnoticed or no longer applies.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const LIB = fileURLToPath(new URL("../../generator/site/theme/assets/playbook/lib/", import.meta.url));
const TESTS = fileURLToPath(new URL(".", import.meta.url));
const TEST_FILES = readdirSync(TESTS).filter((name) => name.endsWith(".test.js")).map((name) => join(TESTS, name));

// [module, kind, what the bug does, text in the module, its replacement]
const BUGS = [
  ["counting.js", "off-by-one", "a stage shows complete with one item open",
    "counted.done === counted.applicable", "counted.done >= counted.applicable - 1"],
  ["counting.js", "dropped branch", "an untick of the team's done item changes nothing",
    '  if (own === false && team === "done") return NOT_STARTED;\n', ""],
  ["counting.js", "wrong default", "an unknown team status reads as in progress",
    "return STATUSES.includes(status) ? status : NOT_STARTED;", 'return STATUSES.includes(status) ? status : "in-progress";'],
  ["maps.js", "off-by-one", "lookup skips the first key",
    "for (const key of keys) map[key] = true;", "for (const key of keys.slice(1)) map[key] = true;"],
  ["maps.js", "dropped branch", "get reads inherited properties",
    "return has(map, key) ? map[key] : undefined;", "return map[key];"],
  ["maps.js", "wrong default", "a new map has Object.prototype",
    "return Object.create(null);", "return {};"],
  ["text.js", "off-by-one", "a literal block is indented one space short",
    'const pad = " ".repeat(indent + 2);', 'const pad = " ".repeat(indent + 1);'],
  ["text.js", "dropped branch", "fill puts 'undefined' for a name without a value",
    "has(values, name) ? String(values[name]) : whole", "String(values[name])"],
  ["text.js", "wrong default", "a text ending in a line break loses it",
    'const chomp = /\\n$/.test(text) ? "|" : "|-";', 'const chomp = "|-";'],
  ["page-data.js", "off-by-one", "a scope's first key goes unchecked",
    'Array.isArray(keys) && keys.every((key) => typeof key === "string")',
    'Array.isArray(keys) && keys.slice(1).every((key) => typeof key === "string")'],
  ["page-data.js", "dropped branch", "a data block that is not an object is read anyway",
    "    if (!isMap(block)) continue;\n", ""],
  ["page-data.js", "wrong default", "a scope the page lacks has no key list at all",
    "return get(data.scopes, id) || [];", "return get(data.scopes, id);"],
  ["state.js", "off-by-one", "a reset counts one item too few",
    "return [...new Set(keys)].filter((key) => has(state[kind], key)).length;",
    "return [...new Set(keys)].filter((key) => has(state[kind], key)).length - 1;"],
  ["state.js", "dropped branch", "a tick equal to the team's state is kept as only here",
    'if (checked === (team === "done")) delete ticks[key];\n  else ticks[key] = checked;', "ticks[key] = checked;"],
  ["state.js", "wrong default", "a cleared answer is kept, empty",
    'if (typeof text === "string" && text !== "") next.answers[key] = text;',
    'if (typeof text === "string") next.answers[key] = text;'],
  ["transfer.js", "off-by-one", "a file with exactly as many ids as a link may carry is refused",
    "if (tickIds.length + answerIds.length > MAX_IDS)", "if (tickIds.length + answerIds.length >= MAX_IDS)"],
  ["transfer.js", "dropped branch", "a file from a newer playbook is called an unknown version",
    '  if (Number.isInteger(version) && version > CHANGES_VERSION) return { error: "data-newer", version };\n', ""],
  ["transfer.js", "wrong default", "the export is written unindented",
    "jsonForYaml(changesDocument(state, data, known, teamAnswers, at), 2)", "jsonForYaml(changesDocument(state, data, known, teamAnswers, at), 0)"],
  ["snippet.js", "off-by-one", "an answer's lines are indented one space short",
    'yamlText(text, 4)', 'yamlText(text, 3)'],
  ["snippet.js", "dropped branch", "ids this content lacks are shared",
    "    if (!has(known.ticks, key)) continue;\n", ""],
  ["snippet.js", "wrong default", "the snippet says another format version",
    '"version: 1"', '"version: 0"'],
  ["link.js", "off-by-one", "a link that unpacks to exactly the limit is refused",
    "if (size > MAX_BYTES) {", "if (size >= MAX_BYTES) {"],
  ["link.js", "dropped branch", "a link for another journey is read as this one's",
    "if (sameJourney) for (const key of Object.keys(share.ids))", "for (const key of Object.keys(share.ids))"],
  ["link.js", "wrong default", "links are not compressed where they could be",
    'compress = typeof CompressionStream !== "undefined"', "compress = false"],
  ["markdown.js", "off-by-one", "questions are numbered from 0",
    'lines.push(index + 1 + ". " + prompt.text, ...answerLines(get(', 'lines.push(index + ". " + prompt.text, ...answerLines(get('],
  ["markdown.js", "dropped branch", "a stage without questions gets an empty questions heading",
    "    if (section.prompts.length) {\n      lines.push(\"### \" + journey.prompts_heading",
    "    {\n      lines.push(\"### \" + journey.prompts_heading"],
  ["markdown.js", "wrong default", "a section counts all its keys as applicable",
    "{ done: counted.done, total: counted.applicable }", "{ done: counted.done, total: scopeKeys(data, section.scope).length }"],
  ["start.js", "wrong default", "a card counts an item in progress as started",
    'statusOf(key, items, ticks) === "done")) return { kind: "start" }', 'statusOf(key, items, ticks) !== "not-started")) return { kind: "start" }'],
  ["state.js", "dropped branch", "a change after an import keeps the base from before it",
    "  if (has(next.ticks, key) && next.ticks[key] === (team === \"done\")) delete next.stamps.ticks[key];\n", ""],
  ["changes.js", "skipped last row", "an emptied answer is not sent",
    "    answers[key] = { text: change(null, state.cleared[key], state.name) };", "    continue;"],
  ["search.js", "off-by-one", "a word is stemmed one round too many",
    "round < MAX_ROUNDS", "round <= MAX_ROUNDS"],
  ["search.js", "dropped branch", "a quoted word is stemmed",
    "      if (!/^[\\p{L}\\p{N}]+$/u.test(word)) return word;\n", ""],
  ["search.js", "wrong default", "a query is stemmed without lower-casing",
    "let current = word.toLowerCase();", "let current = word;"],
  ["board.js", "off-by-one", "sorting by due date puts undated items first",
    "if (!a.due) return 1;", "if (!a.due) return -1;"],
  ["board.js", "dropped branch", "the due filter is ignored",
    "  if (filters.due && row.when !== filters.due) return false;\n", ""],
  ["board.js", "wrong default", "a reader without a name sees the unowned items as theirs",
    'return fold(a) !== "" && fold(a) === fold(b);', "return fold(a) === fold(b);"],
];

function failedTests(output) {
  return [...output.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((match) => match[1]);
}

let unnoticed = 0;
for (const [module, kind, what, text, replacement] of BUGS) {
  const copy = mkdtempSync(join(tmpdir(), "playbook-lib-"));
  try {
    cpSync(LIB, copy, { recursive: true });
    const path = join(copy, module);
    const source = readFileSync(path, "utf-8");
    if (!source.includes(text)) {
      console.log(`NOT PLANTED ${module} (${kind}): its text is no longer in the module`);
      unnoticed += 1;
      continue;
    }
    writeFileSync(path, source.replace(text, replacement));
    const run = spawnSync(process.execPath, ["--test", ...TEST_FILES], {
      env: { ...process.env, PLAYBOOK_JS_LIB: copy },
      encoding: "utf-8",
    });
    const caught = failedTests(run.stdout).filter((name) => !/\.test\.js$/.test(name));
    if (run.status === 0) {
      unnoticed += 1;
      console.log(`UNNOTICED ${module} (${kind}): ${what}`);
    } else {
      console.log(`caught    ${module} (${kind}): ${what}\n          by: ${caught.join("; ")}`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
console.log(`${BUGS.length - unnoticed} of ${BUGS.length} planted bugs caught`);
process.exitCode = unnoticed ? 1 : 0;
