import assert from "node:assert/strict";
import { test } from "node:test";

import { lib, plain } from "./helpers.js";

const { applyUndo, parseUndo, undoText } = await lib("undo.js");
const { cleared, normalized, withTick } = await lib("state.js");

const A = "customer-journey/awareness/";

test("the undo of a reset survives storing and puts back only what the reset removed", () => {
  const stamp = { base: "-", at: "2026-11-26T09:15:00Z", by: "Åsa" };
  const before = withTick(normalized({ answers: { [A + "q"]: "Å ä ö" } }), A + "known-for", true, "not-started", stamp);
  const reset = cleared(before, [{ kind: "ticks", keys: [A + "known-for"] }, { kind: "answers", keys: [A + "q"] }]);
  const record = parseUndo(undoText("/sv/stages/x/#0", "restore", reset.removed));
  assert.equal(record.place, "/sv/stages/x/#0");
  // Ticked after the reset and before the reload: the undo keeps that tick too.
  const since = withTick(reset.state, A + "values-visible", true, "not-started", null);
  const back = applyUndo(since, record);
  assert.deepEqual(plain(back.ticks), { [A + "values-visible"]: true, [A + "known-for"]: true });
  assert.deepEqual(plain(back.answers), { [A + "q"]: "Å ä ö" });
  assert.deepEqual(back.stamps.ticks[A + "known-for"], stamp);
});

test("the undo of an import puts back the state from before it", () => {
  const before = normalized({ ticks: { [A + "known-for"]: false }, name: "Øystein" });
  const record = parseUndo(undoText("/#1", "replace", before));
  const back = applyUndo(normalized({ ticks: { [A + "other"]: true } }), record);
  assert.deepEqual([plain(back.ticks), back.name], [{ [A + "known-for"]: false }, "Øystein"]);
});

test("anything else stored is no undo", () => {
  for (const raw of [null, "", "{", "[]", '{"place": 1, "kind": "replace", "saved": {}}',
    '{"place": "/", "kind": "wipe", "saved": {}}', '{"place": "/", "kind": "replace", "saved": null}']) {
    assert.equal(parseUndo(raw), null, String(raw));
  }
});
