/* Journey Playbook: share links, one reader's ticks and answers for one journey in the
   address's fragment (#share=…), which browsers never send to a server.

   A link names items by the ids the journey page lists for them (generator/team/keys.py
   `share_id`: a key without its journey's id), so it works in every language; the script
   looks ids up in that list and never builds a key. The journey's fingerprint (a hash of
   its ids) tells a link made for other content. The payload is JSON, deflate-raw
   compressed ("1.") or, where a browser cannot compress, as it is ("0."), in base64url.
   A link is untrusted: what it unpacks to and how many ids it names are bounded
   (limits.js). Pure but for the streams every browser and Node have.

   Version 2 carries the sharing format's changes (lib/changes.js) under the ids: {v: 2, j,
   f, i: {id: {status: CHANGE}}, a: {id: {text: CHANGE}}}, unticks and each change's base,
   time and author included. Links of version 1 ({v: 1, j, f, t: [id], a: {id: text}})
   still open. */

import { layered, teamStatus } from "./counting.js";
import { get, has, isMap, newMap } from "./maps.js";
import { MAX_BYTES, MAX_IDS } from "./limits.js";
import { changesDocument, readChanges } from "./changes.js";
import { normalized, recordStamp, recordTick } from "./state.js";

export const LINK_VERSION = 2;
export const LINK_PREFIX = "#share=";

export function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function through(bytes, stream) {
  const buffer = await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(buffer);
}

/** The fragment code of `payload`: "1." and deflate-raw, or "0." and the JSON itself where
    `compress` is false (a browser without CompressionStream) or compressing fails. */
export async function encodeLink(payload, compress = typeof CompressionStream !== "undefined") {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  if (!compress) return "0." + toBase64Url(bytes);
  try {
    return "1." + toBase64Url(await through(bytes, new CompressionStream("deflate-raw")));
  } catch {
    return "0." + toBase64Url(bytes);
  }
}

function tooLarge() {
  return new Error("share link too large");
}

/* Unpacks at most MAX_BYTES: past that it stops reading, so a deflate bomb costs nothing. */
async function inflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const step = await reader.read();
    if (step.done) break;
    size += step.value.length;
    if (size > MAX_BYTES) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(step.value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** The payload of the fragment `code` ("1.…" or "0.…"); rejects anything that is not a
    share link of this version, or that unpacks past MAX_BYTES. */
export async function decodeLink(code) {
  const kind = String(code).slice(0, 2);
  const bytes = fromBase64Url(String(code).slice(2));
  if (bytes.length > MAX_BYTES) throw tooLarge();
  let json;
  if (kind === "0.") json = bytes;
  else if (kind === "1." && typeof DecompressionStream !== "undefined") json = await inflate(bytes);
  else throw new Error("unreadable share link");
  const payload = JSON.parse(new TextDecoder().decode(json));
  if (!isMap(payload) || (payload.v !== 1 && payload.v !== LINK_VERSION) || typeof payload.j !== "string") {
    throw new Error("not a share link");
  }
  return payload;
}

/** What a journey page says about its links: its id, its fingerprint, and the JSON of its
    keys with the id a link names each by (key -> id). */
export function readShare(journey, fingerprint, idsJson) {
  const ids = newMap();
  let parsed;
  try {
    parsed = JSON.parse(idsJson);
  } catch {
    parsed = null;
  }
  if (isMap(parsed)) {
    for (const key of Object.keys(parsed)) if (typeof parsed[key] === "string") ids[key] = parsed[key];
  }
  return { journey: String(journey), fingerprint: String(fingerprint), ids };
}

/** The payload of a link for `share` (readShare) with this browser's changes to the
    journey's items and answers (lib/changes.js changesDocument: `data` the page data,
    `teamAnswers` the team's answers by key, `at` the time of a change without a stamp). */
export function linkPayload(share, state, data, teamAnswers, at) {
  const known = { ticks: share.ids, answers: share.ids };
  const document = changesDocument(state, data, known, teamAnswers, at);
  const byId = (changes) => {
    const named = {};
    for (const key of Object.keys(changes)) named[share.ids[key]] = changes[key];
    return named;
  };
  return { v: LINK_VERSION, j: share.journey, f: share.fingerprint, i: byId(document.items), a: byId(document.answers) };
}

/* A version 1 payload as version 2 reads it: true ticks, answers with text, no stamps. */
function fromVersion1(payload) {
  const items = newMap();
  const answers = newMap();
  for (const id of Array.isArray(payload.t) ? payload.t : []) {
    if (typeof id === "string") items[id] = true;
  }
  const texts = isMap(payload.a) ? payload.a : {};
  for (const id of Object.keys(texts)) {
    if (typeof texts[id] === "string" && texts[id]) answers[id] = texts[id];
  }
  return { items, answers };
}

/* The ids a link names, read by the keys of this journey (`byId`): {ticks: [key], unticks:
   [key], answers, stamps, unknown: [id]}. Throws for a version 2 change that is broken. */
function readIds(payload, byId) {
  const read = { ticks: [], unticks: [], answers: newMap(), stamps: { ticks: newMap(), answers: newMap() }, unknown: [] };
  if (payload.v === 1) {
    const { items, answers } = fromVersion1(payload);
    for (const id of Object.keys(items)) {
      if (has(byId, id)) read.ticks.push(byId[id]);
      else read.unknown.push(id);
    }
    for (const id of Object.keys(answers)) {
      if (has(byId, id)) read.answers[byId[id]] = answers[id];
      else read.unknown.push(id);
    }
    return read;
  }
  const keyed = (changes) => {
    const named = {};
    for (const id of Object.keys(isMap(changes) ? changes : {})) {
      if (has(byId, id)) named[byId[id]] = changes[id];
      else read.unknown.push(id);
    }
    return named;
  };
  const known = lookupValues(byId);
  const changes = readChanges({ items: keyed(payload.i), answers: keyed(payload.a) }, { ticks: known, answers: known });
  if (changes.error) throw new Error("broken share link");
  for (const key of Object.keys(changes.ticks)) (changes.ticks[key] ? read.ticks : read.unticks).push(key);
  read.answers = changes.answers;
  read.stamps = changes.stamps;
  return read;
}

function lookupValues(map) {
  const values = newMap();
  for (const key of Object.keys(map)) values[map[key]] = true;
  return values;
}

/** What a link's `payload` would change here: {ticks: [key], answers: key -> text, unknown:
    [id as the link names it], counts (for the preview), changed (made for other content)}.
    Throws for a link that names more than MAX_IDS ids: it was not made by a playbook. */
export function readLink(payload, share, state, items) {
  const named = payload.v === 1
    ? (Array.isArray(payload.t) ? payload.t.length : 0) + Object.keys(isMap(payload.a) ? payload.a : {}).length
    : Object.keys(isMap(payload.i) ? payload.i : {}).length + Object.keys(isMap(payload.a) ? payload.a : {}).length;
  if (named > MAX_IDS) throw new Error("too many ids");
  // A link made for another journey names other items by the same short ids.
  const sameJourney = payload.j === share.journey;
  const byId = newMap();
  if (sameJourney) for (const key of Object.keys(share.ids)) byId[share.ids[key]] = key;
  const read = readIds(payload, byId);
  read.ticks = [...new Set(read.ticks)];
  read.unknown.sort();
  const answerKeys = Object.keys(read.answers);
  const isDone = (key) => layered(teamStatus(get(items, key)), get(state.ticks, key)) === "done";
  const mine = (key) => get(state.answers, key);
  read.counts = {
    ticks: read.ticks.length,
    unticks: read.unticks.length,
    answers: answerKeys.length,
    unknown: read.unknown.length,
    "new-ticks": read.ticks.filter((key) => !isDone(key)).length,
    "new-unticks": read.unticks.filter((key) => isDone(key)).length,
    "new-answers": answerKeys.filter((key) => !mine(key)).length,
    "replaced-answers": answerKeys.filter((key) => mine(key) && mine(key) !== read.answers[key]).length,
  };
  read.changed = !sameJourney || payload.f !== share.fingerprint;
  return read;
}

/** `state` with what the link `read` (readLink) holds added, each change with its stamp. */
export function applyLink(state, read, items) {
  const next = normalized(state);
  const stamps = read.stamps || { ticks: {}, answers: {} };
  const unticks = read.unticks || [];
  for (const key of [...read.ticks, ...unticks]) {
    recordTick(next.ticks, key, !unticks.includes(key), teamStatus(get(items, key)));
    delete next.stamps.ticks[key];
    recordStamp(next.stamps.ticks, next.ticks, key, get(stamps.ticks, key));
  }
  for (const key of Object.keys(read.answers)) {
    next.answers[key] = read.answers[key];
    delete next.stamps.answers[key];
    recordStamp(next.stamps.answers, next.answers, key, get(stamps.answers, key));
  }
  return normalized(next);
}
