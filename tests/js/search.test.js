import { test } from "node:test";
import assert from "node:assert/strict";

import { lib } from "./helpers.js";
import { stemmer as norwegian } from "../../generator/site/theme/assets/playbook/stemmers/no.js";
import { stemmer as swedish } from "../../generator/site/theme/assets/playbook/stemmers/sv.js";

const { MAX_ROUNDS, stemQuery } = await lib("search.js");

test("an inflected word and its base form meet at one stem", () => {
  assert.equal(stemQuery("lojaliteten", norwegian), "lojalit");
  assert.equal(stemQuery("lojalitet", norwegian), "lojalit");
  assert.equal(stemQuery("Kundtjänsten", swedish), stemQuery("kundtjänst", swedish));
});

test("without a stemmer the query is searched as typed", () => {
  assert.equal(stemQuery("Kundtjänsten Å", null), "Kundtjänsten Å");
});

test("only words of letters and digits are stemmed; others stay as typed", () => {
  const calls = [];
  const stemmer = (word) => { calls.push(word); return word.slice(0, -1); };
  assert.equal(stemQuery('"kund" e-post abcdef', stemmer), '"kund" e-post abc');
  assert.equal(calls.length, MAX_ROUNDS);
});

test("a stem never gets shorter than two letters", () => {
  assert.equal(stemQuery("abc", (word) => word.slice(1)), "bc");
});
