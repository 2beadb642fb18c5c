/* Journey Playbook: maps keyed by progress keys, safe for any key.

   Keys come from this browser's storage, from files and links that other people made, and
   from the page: "__proto__", "constructor" or "toString" must read as a key like any
   other, never as a property of Object.prototype, and must never change a prototype.
   So every map here has no prototype, and every read asks for an own property. Pure: no
   DOM, no storage. */

const hasOwn = Object.prototype.hasOwnProperty;

/** A new map with no prototype: `map["__proto__"] = x` stores a key like any other. */
export function newMap() {
  return Object.create(null);
}

/** True when `map` holds `key` itself (not through a prototype). */
export function has(map, key) {
  return map !== null && typeof map === "object" && hasOwn.call(map, key);
}

/** The value `map` holds under `key`, or undefined. */
export function get(map, key) {
  return has(map, key) ? map[key] : undefined;
}

/** An object that is neither null nor an array (what JSON calls an object). */
export function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A set of `keys` as a map: key -> true. */
export function lookup(keys) {
  const map = newMap();
  for (const key of keys) map[key] = true;
  return map;
}

/** A copy of `map` with only the entries `keep(value, key)` accepts, as a map without a
    prototype; anything that is not a map gives an empty one. */
export function filtered(map, keep) {
  const copy = newMap();
  if (!isMap(map)) return copy;
  for (const key of Object.keys(map)) {
    if (keep(map[key], key)) copy[key] = map[key];
  }
  return copy;
}

/** The keys of a space-separated list, as the pages write them in data- attributes. */
export function splitKeys(text) {
  return typeof text === "string" ? text.split(" ").filter(Boolean) : [];
}
