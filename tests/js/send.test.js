import assert from "node:assert/strict";
import { test } from "node:test";

import { lib } from "./helpers.js";

const { MAX_URL, issueBody, issueUrl } = await lib("send.js");
const { MARKER } = await lib("changes.js");

const NEW = "https://github.com/acme/playbook/issues/new";

test("the body is one line, a blank line and one block starting with the marker", () => {
  const yaml = MARKER + "\nformat: journey-playbook-progress\nversion: 2\n";
  assert.equal(issueBody("Ändringar från sajten.", yaml),
    "Ändringar från sajten.\n\n```yaml\n" + yaml + "```\n");
});

test("the fence is longer than any run of backticks in the text", () => {
  const yaml = MARKER + "\nanswers:\n  q:\n    text:\n      to: \"kod ```` här\"\n";
  const body = issueBody("x", yaml);
  assert.ok(body.startsWith("x\n\n`````yaml\n"));
  assert.ok(body.endsWith("\n`````\n"));
});

test("a body is prefilled while the login address stays under the limit, else left to paste", () => {
  const fits = (body) => issueUrl(NEW, "Ändringar", body);
  assert.deepEqual(fits("kort"), { url: NEW + "?title=%C3%84ndringar&body=kort", prefilled: true });
  // å is six characters encoded and ten after the login redirect: find the longest that fits.
  let n = 0;
  while (fits("å".repeat(n + 1)).prefilled) n += 1;
  const login = "https://github.com/login?return_to=" + encodeURIComponent(fits("å".repeat(n)).url);
  assert.ok(login.length <= MAX_URL && login.length > MAX_URL - 10, String(login.length));
  assert.deepEqual(fits("å".repeat(n + 1)), { url: NEW + "?title=%C3%84ndringar", prefilled: false });
  assert.equal(n, 786);
});
