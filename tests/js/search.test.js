import assert from "node:assert/strict";
import { test } from "node:test";

import { lib } from "./helpers.js";

const { MAX_ROUNDS, stemQuery, stemmerFor, withGroupTerms } = await lib("search.js");

/* A lunr of two languages, enough to drive the wrapper: lunr's Token, English at the top
   level and Norwegian under `no`, each with a stemmer that cuts one known ending per round,
   and a stop-word filter. */
function fakeLunr(endings, stopWords = []) {
  class Token {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }
  const stemmerOf = (cuts) => (token) => {
    const word = token.toString();
    const ending = cuts.find((end) => word.endsWith(end) && word.length > end.length);
    return new Token(ending ? word.slice(0, -ending.length) : word);
  };
  const stopWordFilter = (token) => (stopWords.includes(token.toString()) ? undefined : token);
  return {
    Token,
    stemmer: stemmerOf(endings.en),
    stopWordFilter,
    no: { stemmer: stemmerOf(endings.no), stopWordFilter },
    sv: {},
  };
}

const NORWEGIAN = fakeLunr({ en: ["s"], no: ["en", "et"] }, ["ingen"]);

test("a word is stemmed again until it stops changing: a prefix of every inflection's stem", () => {
  const stem = stemmerFor({ lang: ["no"], pipeline: ["stemmer"] }, NORWEGIAN);
  assert.equal(stem("lojaliteten"), "lojalit");
  assert.equal(stem("lojalitet"), "lojalit");
  assert.equal(stem("ingen"), "ingen");  // a stop word is searched as typed, unstemmed
});

test("stemming stops after MAX_ROUNDS, and never leaves less than two letters", () => {
  const stem = stemmerFor({ lang: ["en"], pipeline: ["stemmer"] }, fakeLunr({ en: ["a"] }));
  assert.equal(MAX_ROUNDS, 3);
  assert.equal(stem("baaaaa"), "baa");
  const short = stemmerFor({ lang: ["en"], pipeline: ["stemmer"] }, fakeLunr({ en: ["b"] }));
  assert.equal(short("ab"), "ab");
});

test("no stemmer where lunr has none or the index was built without one", () => {
  assert.equal(stemmerFor({ lang: ["sv"], pipeline: ["stemmer"] }, NORWEGIAN), null);  // no sv stemmer here
  assert.equal(stemmerFor({ lang: ["fr"], pipeline: ["stemmer"] }, NORWEGIAN), null);
  assert.equal(stemmerFor({ lang: ["no"], pipeline: ["trimmer"] }, NORWEGIAN), null);
  assert.equal(stemmerFor({ lang: ["no"] }, NORWEGIAN), null);
  assert.equal(stemmerFor({ lang: ["no"], pipeline: ["stemmer"] }, undefined), null);
  // An index that names no language is English.
  assert.equal(stemmerFor({ pipeline: ["stemmer"] }, NORWEGIAN)("cats"), "cat");
  assert.equal(stemmerFor({ lang: ["no"], pipeline: ["stemmer"] }, NORWEGIAN)("cats"), "cats");
});

test("only plain words are stemmed; the rest of a query stays as typed", () => {
  const stem = stemmerFor({ lang: ["no"], pipeline: ["stemmer"] }, NORWEGIAN);
  assert.equal(stemQuery("Lojaliteten  og  KUNDEN", stem), "lojalit  og  kund");
  assert.equal(stemQuery("ingen kunden", stem), "ingen kund");
  assert.equal(stemQuery("+lojaliteten -kunden title:reisen \"kunden\" kund*", stem),
    "+lojaliteten -kunden title:reisen \"kunden\" kund*");
  assert.equal(stemQuery("kundtjänsten 2024", stem), "kundtjänst 2024");
  assert.equal(stemQuery("lojaliteten", null), "lojaliteten");
  assert.equal(stemQuery("", stem), "");
});

test("a page listed for its sections gets the terms they matched", () => {
  const result = {
    items: [
      [
        { location: "page/", terms: {} },
        { location: "page/#a", terms: { lojalit: true, kund: false } },
        { location: "page/#b", terms: { reis: true } },
      ],
      [{ location: "other/", terms: { kund: true } }],
    ],
  };
  assert.equal(withGroupTerms(result), result);
  assert.deepEqual(result.items[0][0].terms, { lojalit: true, reis: true });
  assert.deepEqual(result.items[0][1].terms, { lojalit: true, kund: false });
  assert.deepEqual(result.items[1][0].terms, { kund: true });
  assert.deepEqual(withGroupTerms({}), {});
});
