import assert from "node:assert/strict";
import { test } from "node:test";

import { lib, plain } from "./helpers.js";

const { readPageData, scopeKeys } = await lib("page-data.js");

test("a page's data blocks read as one", () => {
  const data = readPageData([
    '{"scopes": {"stage:j/s": ["j/s/a", "shared/c/x"], "shared:c": ["shared/c/x"]}, "items": {"j/s/a": {"status": "done"}}}',
    '{"scopes": {"page:notes": ["page:notes/book-room"]}, "items": {}}',
  ]);
  assert.deepEqual(plain(data.scopes), {
    "stage:j/s": ["j/s/a", "shared/c/x"],
    "shared:c": ["shared/c/x"],
    "page:notes": ["page:notes/book-room"],
  });
  assert.deepEqual(plain(data.items), { "j/s/a": { status: "done" } });
  assert.deepEqual(scopeKeys(data, "shared:c"), ["shared/c/x"]);
});

test("a scope the page does not list has no keys", () => {
  const data = readPageData(['{"scopes": {}, "items": {}}']);
  assert.deepEqual(scopeKeys(data, "stage:j/s"), []);
  assert.deepEqual(scopeKeys(data, "constructor"), []);
  assert.deepEqual(scopeKeys(data, null), []);
});

test("what is not of the data's form is left out", () => {
  const data = readPageData([
    "not json",
    "[]",
    "null",
    null,
    '{"scopes": [], "items": []}',
    '{"scopes": {"a": "j/s/a", "b": ["j/s/b", 7], "c": ["j/s/c"], "d": [null, "j/s/d"]}, ' +
      '"items": {"x": "done", "y": {"status": 1}, "z": {"status": "done", "owner": "ÅL"}}}',
  ]);
  assert.deepEqual(plain(data.scopes), { c: ["j/s/c"] });
  assert.deepEqual(plain(data.items), { z: { status: "done", owner: "ÅL" } });
});

test("__proto__ in the data is a key, never a prototype", () => {
  const data = readPageData(['{"scopes": {"__proto__": ["a"]}, "items": {"__proto__": {"status": "done"}}}']);
  assert.deepEqual(scopeKeys(data, "__proto__"), ["a"]);
  assert.deepEqual(Object.keys(data.items), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(data.scopes), null);
  assert.equal({}.status, undefined);
});
