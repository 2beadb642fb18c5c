import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";

import { lib, mapOf, plain } from "./helpers.js";

const { MAX_BYTES, MAX_IDS } = await lib("limits.js");
const { normalized } = await lib("state.js");
const {
  LINK_PREFIX, LINK_VERSION, applyLink, decodeLink, encodeLink, fromBase64Url, linkPayload, readLink,
  readShare, toBase64Url,
} = await lib("link.js");

const J = "first-90-days";
// As the journey page writes it (generator/team/keys.py share_id): key -> id in the link.
const IDS = JSON.stringify({
  "first-90-days/-/name-a-contact": "-/name-a-contact",
  "first-90-days/welcome/share-timeline": "welcome/share-timeline",
  "first-90-days/welcome/what-first-week": "welcome/what-first-week",
  "first-90-days/first-use/run-training": "first-use/run-training",
  "shared/every-contact/log-the-contact": "shared/every-contact/log-the-contact",
});
const SHARE = readShare(J, "0123abcd", IDS);

function code(payload) {
  return "0." + toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
}

test("the link names each key by the id the page lists, and carries every change with its stamp", () => {
  const state = normalized({
    ticks: {
      "first-90-days/welcome/share-timeline": true,
      "shared/every-contact/log-the-contact": true,
      "first-90-days/first-use/run-training": false,
      "other-journey/x/y": true,
    },
    answers: { "first-90-days/welcome/what-first-week": "Å ä ö\nrad två", "other-journey/x/p": "no" },
    stamps: { ticks: { "first-90-days/first-use/run-training": { base: "a4c3ed04", at: "2026-11-25T08:00:00Z", by: "Åsa" } } },
  });
  const data = {
    items: mapOf({ "first-90-days/first-use/run-training": { status: "done", base: { status: "a4c3ed04" } } }),
    answers: mapOf({}),
  };
  const change = (to, base, at, by) => ({ to, base, at, by });
  const payload = linkPayload(SHARE, state, data, {}, "2026-11-26T09:30:00Z");
  assert.deepEqual(payload, {
    v: 2,
    j: "first-90-days",
    f: "0123abcd",
    i: {
      "first-use/run-training": { status: change("not-started", "a4c3ed04", "2026-11-25T08:00:00Z", "Åsa") },
      "shared/every-contact/log-the-contact": { status: change("done", "-", "2026-11-26T09:30:00Z", "") },
      "welcome/share-timeline": { status: change("done", "-", "2026-11-26T09:30:00Z", "") },
    },
    a: { "welcome/what-first-week": { text: change("Å ä ö\nrad två", "", "2026-11-26T09:30:00Z", "") } },
  });
  // Opened elsewhere: the untick arrives as an untick, with the stamp it was made with.
  const at = "2026-11-26T09:15:00Z";
  const opened = readLink(
    { ...payload, i: { "first-use/run-training": { status: change("not-started", "a4c3ed04", at, "Åsa") } } },
    SHARE, normalized({}), data.items,
  );
  assert.deepEqual([opened.ticks, opened.unticks], [[], ["first-90-days/first-use/run-training"]]);
  assert.equal(opened.counts["new-unticks"], 1);
  const next = applyLink(normalized({}), opened, data.items);
  assert.deepEqual(plain(next.ticks), { "first-90-days/first-use/run-training": false });
  assert.deepEqual(next.stamps.ticks["first-90-days/first-use/run-training"], { base: "a4c3ed04", at, by: "Åsa" });
  assert.throws(() => readLink({ ...payload, i: { "first-use/run-training": { status: change("gone", "-", at, "") } } },
    SHARE, normalized({}), data.items), /broken share link/);
});

test("a link round-trips through both codes", async () => {
  const payload = { v: LINK_VERSION, j: J, f: "0123abcd", t: ["welcome/share-timeline"], a: { "x/y": "æ ø å" } };
  const packed = await encodeLink(payload, true);
  assert.equal(packed.slice(0, 2), "1.");
  assert.match(packed, /^1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeLink(packed), payload);
  const plainCode = await encodeLink(payload, false);
  assert.equal(plainCode, code(payload));
  assert.deepEqual(await decodeLink(plainCode), payload);
  assert.equal(LINK_PREFIX, "#share=");
});

test("a link is compressed wherever the browser can compress", async () => {
  assert.equal(typeof CompressionStream, "function");
  const long = { v: 1, j: J, f: "0123abcd", t: Array.from({ length: 40 }, (_, i) => "welcome/item-" + i), a: {} };
  const packed = await encodeLink(long);
  assert.equal(packed.slice(0, 2), "1.");
  assert.ok(packed.length < (await encodeLink(long, false)).length);
});

// Made by the share-link code of playbook-share.js before issue #24 (its encode(), run in Node
// on this payload): links people already sent must keep opening.
const OLD_LINK =
  "1.PY29DcIwFAZXib7alhOo8CpA8WK_EEN-JOfJURSlZBNYgQW8GBIIyrvibkWCrRSusGhCnEQfSu1pmaDQwKKsdnuqnYeCwB4xc-fG" +
  "ns3UUmQtoecuDAyFj_CGE8dFu3EQcmK68aKl5R_jrECw678ytyT6u52Zb7DI9yI_ivw6DZF8ISk_sW1v";

test("a link made before the script became modules opens the same", async () => {
  const payload = await decodeLink(OLD_LINK);
  assert.deepEqual(payload, {
    v: 1,
    j: "first-90-days",
    f: "0123abcd",
    t: ["welcome/share-timeline", "shared/every-contact/log-the-contact"],
    a: { "welcome/what-first-week": "Å ä ö\nrad två" },
  });
  const read = readLink(payload, SHARE, normalized({}), mapOf({}));
  assert.deepEqual(read.ticks, ["first-90-days/welcome/share-timeline", "shared/every-contact/log-the-contact"]);
  assert.deepEqual(plain(read.answers), { "first-90-days/welcome/what-first-week": "Å ä ö\nrad två" });
  assert.deepEqual([read.unknown, read.changed], [[], false]);
  assert.equal(await encodeLink(payload, true), OLD_LINK);  // and the new code makes the same link
});

test("base64url round-trips every byte", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = toBase64Url(bytes);
  assert.doesNotMatch(text, /[+/=]/);
  assert.deepEqual(fromBase64Url(text), bytes);
  assert.equal(toBase64Url(new Uint8Array([251, 255])), "-_8");
});

test("what is not a share link of this version is refused", async () => {
  const refused = [
    "", "1.", "1.AAAA", "2." + toBase64Url(new Uint8Array([1])), "0.!!!!",
    code({ v: 3, j: J }), code({ v: 1 }), code({ v: 1, j: 7 }), code([1]), code(null), code("text"),
    "0." + toBase64Url(new TextEncoder().encode("not json")),
  ];
  for (const bad of refused) await assert.rejects(decodeLink(bad), undefined, bad);
});

test("a deflate bomb stops unpacking past the limit", async () => {
  const bomb = deflateRawSync(Buffer.alloc(MAX_BYTES + 1, 32));
  assert.ok(bomb.length < 10_000, String(bomb.length));
  await assert.rejects(decodeLink("1." + toBase64Url(bomb)), /share link too large/);
  const atTheLimit = JSON.stringify({ v: 1, j: J, pad: " ".repeat(MAX_BYTES - 40) }).padEnd(MAX_BYTES, " ");
  assert.equal(atTheLimit.length, MAX_BYTES);
  const payload = await decodeLink("1." + toBase64Url(deflateRawSync(Buffer.from(atTheLimit))));
  assert.equal(payload.j, J);
});

test("what a link would add, and the ids this page does not have as the link names them", () => {
  const state = normalized({
    ticks: { "first-90-days/welcome/share-timeline": true },
    answers: { "first-90-days/welcome/what-first-week": "Mitt svar" },
  });
  const items = mapOf({ "first-90-days/-/name-a-contact": { status: "done" } });
  const read = readLink(
    {
      v: 1, j: J, f: "0123abcd",
      t: ["welcome/share-timeline", "first-use/run-training", "-/name-a-contact", "welcome/gone-item", 7, "first-use/run-training"],
      a: { "welcome/what-first-week": "Länkens svar", "renewal/old-question": "Ja", "welcome/share-timeline": "" },
    },
    SHARE, state, items,
  );
  assert.deepEqual(read.ticks, [
    "first-90-days/welcome/share-timeline", "first-90-days/first-use/run-training", "first-90-days/-/name-a-contact",
  ]);
  assert.deepEqual(plain(read.answers), { "first-90-days/welcome/what-first-week": "Länkens svar" });
  assert.deepEqual(read.unknown, ["renewal/old-question", "welcome/gone-item"]);
  assert.deepEqual(read.counts, {
    ticks: 3, unticks: 0, answers: 1, unknown: 2, "new-ticks": 1, "new-unticks": 0, "new-answers": 0,
    "replaced-answers": 1,
  });
  assert.equal(read.changed, false);
});

test("a link made for other content or another journey says so; another journey's ids are unknown", () => {
  const other = readLink({ v: 1, j: J, f: "ffffffff", t: ["welcome/share-timeline"] }, SHARE, normalized({}), mapOf({}));
  assert.equal(other.changed, true);
  assert.deepEqual(other.ticks, ["first-90-days/welcome/share-timeline"]);
  const elsewhere = readLink(
    { v: 1, j: "buyers-journey", f: "0123abcd", t: ["welcome/share-timeline"], a: { "welcome/what-first-week": "x" } },
    SHARE, normalized({}), mapOf({}),
  );
  assert.equal(elsewhere.changed, true);
  assert.deepEqual(elsewhere.ticks, []);
  assert.deepEqual(elsewhere.unknown, ["welcome/share-timeline", "welcome/what-first-week"]);
});

test("ticks and answers of the wrong kind are left out", () => {
  const read = readLink({ v: 1, j: J, f: "0123abcd", t: "welcome/share-timeline", a: ["x"] }, SHARE, normalized({}), mapOf({}));
  assert.deepEqual([read.ticks, plain(read.answers), read.unknown], [[], {}, []]);
  const nulls = readLink({ v: 1, j: J, f: "0123abcd", t: [null, {}, ["welcome/share-timeline"]], a: null }, SHARE, normalized({}), mapOf({}));
  assert.deepEqual([nulls.ticks, nulls.unknown], [[], []]);
});

test("__proto__ in a link is an unknown id, never a property", () => {
  const payload = JSON.parse('{"v": 1, "j": "first-90-days", "f": "0123abcd", "t": ["__proto__", "constructor"], "a": {"__proto__": "x", "toString": "y"}}');
  const read = readLink(payload, SHARE, normalized({}), mapOf({}));
  assert.deepEqual(read.ticks, []);
  assert.deepEqual(read.unknown, ["__proto__", "__proto__", "constructor", "toString"]);
  assert.equal(Object.getPrototypeOf(read.answers), null);
});

test("a link naming more ids than a journey can have is refused", () => {
  const ids = Array.from({ length: MAX_IDS }, (_, i) => "s/item-" + i);
  const atTheLimit = readLink({ v: 1, j: J, f: "x", t: ids }, SHARE, normalized({}), mapOf({}));
  assert.equal(atTheLimit.unknown.length, MAX_IDS);
  assert.throws(() => readLink({ v: 1, j: J, f: "x", t: ids, a: { one: "more" } }, SHARE, normalized({}), mapOf({})), /too many ids/);
});

test("adding a link's ticks and answers keeps what is only in this browser as it should be", () => {
  const items = mapOf({ "first-90-days/-/name-a-contact": { status: "done" } });
  const state = normalized({
    ticks: { "first-90-days/-/name-a-contact": false },
    answers: { "first-90-days/welcome/what-first-week": "Mitt" },
  });
  const read = readLink(
    { v: 1, j: J, f: "0123abcd", t: ["-/name-a-contact", "welcome/share-timeline"], a: { "welcome/what-first-week": "Länkens" } },
    SHARE, state, items,
  );
  const next = applyLink(state, read, items);
  assert.deepEqual(plain(next.ticks), { "first-90-days/welcome/share-timeline": true });
  assert.deepEqual(plain(next.answers), { "first-90-days/welcome/what-first-week": "Länkens" });
  assert.deepEqual(plain(state.ticks), { "first-90-days/-/name-a-contact": false });  // unchanged
});

test("a page's share data that is broken gives a link with nothing in it", () => {
  for (const broken of ["", "not json", "[]", "null", '{"a": 1}']) {
    const share = readShare(J, "f", broken);
    assert.deepEqual(Object.keys(share.ids), [], broken);
  }
  const nothing = { items: mapOf({}), answers: mapOf({}) };
  assert.deepEqual(linkPayload(readShare(J, "f", "{"), normalized({ ticks: { a: true } }), nothing, {}, "T"), { v: 2, j: J, f: "f", i: {}, a: {} });
});
