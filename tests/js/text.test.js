import assert from "node:assert/strict";
import { test } from "node:test";

import { lib } from "./helpers.js";

const { fill, jsonForYaml, yamlQuoted, yamlText } = await lib("text.js");
const { filtered, get, has, isMap, lookup, newMap, splitKeys } = await lib("maps.js");

test("fill puts each value in once, and leaves names without a value", () => {
  assert.equal(fill("{done} of {total} done", { done: 3, total: 5 }), "3 of 5 done");
  assert.equal(fill("Import {file}?", { file: "{file} {count}.json", count: 9 }), "Import {file} {count}.json?");
  assert.equal(fill("{count} and {missing}", { count: 0 }), "0 and {missing}");
  assert.equal(fill("{toString} {constructor}", {}), "{toString} {constructor}");
  assert.equal(fill(null, { a: 1 }), "");
  assert.equal(fill("{a}", { a: undefined }), "undefined");
});

test("maps read only their own keys, and store __proto__ as a key", () => {
  const map = newMap();
  map["__proto__"] = "x";
  assert.equal(get(map, "__proto__"), "x");
  assert.equal(Object.getPrototypeOf(map), null);
  assert.equal(get({}, "constructor"), undefined);
  assert.equal(get({}, "toString"), undefined);
  assert.equal(has(null, "a"), false);
  assert.equal(has("text", "length"), false);
  assert.deepEqual(Object.keys(lookup(["a", "__proto__", "a"])), ["a", "__proto__"]);
  const copy = filtered(JSON.parse('{"__proto__": 1, "b": "2", "c": 3}'), (value) => typeof value === "number");
  assert.deepEqual(Object.keys(copy), ["__proto__", "c"]);
  assert.equal(Object.getPrototypeOf(copy), null);
  assert.deepEqual(Object.keys(filtered(["a"], () => true)), []);
  assert.deepEqual(Object.keys(filtered(null, () => true)), []);
  assert.equal({}.polluted, undefined);
});

test("isMap is a JSON object and nothing else", () => {
  assert.equal(isMap({}), true);
  assert.equal(isMap(newMap()), true);
  for (const value of [null, [], "x", 1, true, undefined]) assert.equal(isMap(value), false, String(value));
});

test("splitKeys reads a data- attribute's list", () => {
  assert.deepEqual(splitKeys("a/b/c  d/-/e "), ["a/b/c", "d/-/e"]);
  assert.deepEqual(splitKeys(""), []);
  assert.deepEqual(splitKeys(null), []);
});

test("jsonForYaml escapes what YAML would read differently", () => {
  assert.equal(jsonForYaml({ a: "x\u0085y\u2028z\ufeff\u007f" }), '{"a":"x\\u0085y\\u2028z\\ufeff\\u007f"}');
  assert.equal(jsonForYaml({ a: 1 }, 2), '{\n  "a": 1\n}');
  assert.equal(jsonForYaml("å ä ö æ ø"), '"å ä ö æ ø"');
});

test("yamlText keeps a text exactly: a literal block where it can, quoted where not", () => {
  assert.equal(yamlText("one\ntwo", 4), "|-\n      one\n      two");
  assert.equal(yamlText("one\n\ntwo\n", 4), "|\n      one\n\n      two");
  assert.equal(yamlText("å: ä – “ö”", 2), "|-\n    å: ä – “ö”");
  assert.equal(yamlText(" leading", 4), '" leading"');
  assert.equal(yamlText("trailing \nx", 4), '"trailing \\nx"');
  assert.equal(yamlText("two breaks\n\n", 4), '"two breaks\\n\\n"');
  assert.equal(yamlText("tab\there", 4), '"tab\\there"');
  assert.equal(yamlText("line\u2028separator", 4), '"line\\u2028separator"');
  assert.equal(yamlText("", 4), '""');
  assert.equal(yamlQuoted("a\u0085b"), '"a\\u0085b"');
});
