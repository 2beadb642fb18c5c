// Shared by the unit tests of the page scripts (node --test tests/js/).
import { readFileSync } from "node:fs";

/* The page's lib/ folder; PLAYBOOK_JS_LIB names a copy instead (tests/js/plant-bugs.js plants
   bugs in a copy, never in the tree). */
export const LIB = process.env.PLAYBOOK_JS_LIB
  ? new URL("file://" + process.env.PLAYBOOK_JS_LIB.replace(/\/?$/, "/"))
  : new URL("../../generator/site/theme/assets/playbook/lib/", import.meta.url);

/** The lib module `name`, as the page imports it. */
export function lib(name) {
  return import(new URL(name, LIB).href);
}

/** A test fixture of tests/fixtures/, read as JSON (the Python tests read the same file). */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL("../fixtures/" + name, import.meta.url), "utf-8"));
}

/** A map without a prototype as a plain object, to compare with deepStrictEqual. */
export function plain(map) {
  return { ...map };
}

/** A map without a prototype holding `entries` (a plain object). */
export function mapOf(entries) {
  return Object.assign(Object.create(null), entries);
}
