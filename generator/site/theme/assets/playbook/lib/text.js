/* Journey Playbook: filling interface texts and writing text that YAML reads exactly.
   Pure: no DOM. */

import { has } from "./maps.js";

/** "{done} of {total}" with its values, in one pass, so that a value holding "{x}" (a file
    name, a checklist's name) is never filled in again. A name without a value stays. */
export function fill(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (whole, name) =>
    has(values, name) ? String(values[name]) : whole);
}

/* What YAML does not take as it is: characters outside its printable set (C0 and C1
   controls, DEL, U+FFFE/U+FFFF), the BOM, and the line breaks YAML 1.1 knows besides \n
   (NEL, LS, PS), which a reader would fold into a space. JSON.stringify escapes only C0;
   the rest are escaped here, with the \u escapes JSON and YAML read alike. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const YAML_ESCAPED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function escapeRest(json) {
  return json.replace(JSON_UNESCAPED, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** JSON that YAML reads the same (`playbook progress import` reads an export as YAML). */
export function jsonForYaml(value, indent) {
  return escapeRest(JSON.stringify(value, null, indent));
}

/** A text as a YAML double-quoted string (JSON's escapes are YAML's). */
export function yamlQuoted(text) {
  return jsonForYaml(String(text));
}

/** A text as a YAML scalar under a key indented by `indent` spaces: a literal block when
    that keeps it exactly, else a double-quoted string. */
export function yamlText(text, indent) {
  const body = text.replace(/\n$/, "");  // "|" keeps that one line break, "|-" none
  const safe = body.length > 0 && !/^\s/.test(body) && !/\n$/.test(body) &&
    body.split("\n").every((line) => !/\s$/.test(line) && !YAML_ESCAPED.test(line));
  if (!safe) return yamlQuoted(text);
  const pad = " ".repeat(indent + 2);
  const chomp = /\n$/.test(text) ? "|" : "|-";
  return chomp + "\n" + body.split("\n").map((line) => (line ? pad + line : "")).join("\n");
}
