/* Journey Playbook: "Send to the team" (issue #25 point 2): the reader's changes as the
   body of a new GitHub issue, which the repository's intake workflow merges.

   The body is the contract the workflow reads (generator/team/intake.py): one line of prose,
   a blank line, and ONE fenced code block (info string yaml, a fence longer than any run of
   backticks inside) whose first line is the marker, then the sharing format's YAML
   (lib/changes.js changesYaml with MARKER). The form's address (`newIssue`, e.g.
   https://github.com/acme/playbook/issues/new) comes from the build; this module only adds
   the query. Pure. */

/** Longest address GitHub takes, with room to spare: a reader who is not signed in is sent
    to the login page with the whole address percent-encoded once more in return_to (å
    becomes %C3%A5, then %25C3%25A5), so that login address must fit. */
export const MAX_URL = 8000;
/** How much the login redirect adds before the encoded address: "https://", the host (the
    new-issue address's own, github.com or an Enterprise server) and "/login?return_to=". */
function loginLength(newIssue) {
  return new URL(newIssue).origin.length + "/login?return_to=".length;
}

/** The issue body for `yaml` (which starts with the marker line) under the line `prose`. */
export function issueBody(prose, yaml) {
  const longest = Math.max(0, ...(yaml.match(/`+/g) || []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const text = yaml.endsWith("\n") ? yaml : yaml + "\n";
  return prose + "\n\n" + fence + "yaml\n" + text + fence + "\n";
}

/** The new-issue address with `title` and, when it fits (MAX_URL after the login
    redirect), `body` prefilled: {url, prefilled}. When it does not, the address has the
    title only and the page copies the body for the reader to paste. */
export function issueUrl(newIssue, title, body) {
  const base = newIssue + "?title=" + encodeURIComponent(title);
  const full = base + "&body=" + encodeURIComponent(body);
  if (loginLength(newIssue) + encodeURIComponent(full).length <= MAX_URL) return { url: full, prefilled: true };
  return { url: base, prefilled: false };
}
