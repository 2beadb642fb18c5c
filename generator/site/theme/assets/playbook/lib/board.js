/* Journey Playbook: which rows of the team page a reader's filters show, and in what order
   (issue #26). Pure: a row is the plain data the page writes on each item (its journey,
   status, owner, ISO due date, `when` and its place in the content); the DOM part lives in
   playbook-board.js.

   When an item is due ("overdue", "week", "later", "none" or "past") is decided by the
   build (generator/team/summary.py due_when, judged on the site's build date, as overdue
   is); this module only compares it, so the rule has one home and the reader's clock
   plays no part. */

/** A name as people mean it: spaces around it and letter case do not matter ("åsa " is "Åsa"). */
export function sameName(a, b) {
  const fold = (name) => String(name || "").trim().toLocaleLowerCase();
  return fold(a) !== "" && fold(a) === fold(b);
}

/** Whether `row` passes `filters` ({owner, status, journey, due, mine}; an empty or missing
    field shows everything). `mine` is the reader's name: only their own items. */
export function matches(row, filters) {
  if (filters.owner && row.owner !== filters.owner) return false;
  if (filters.status && row.status !== filters.status) return false;
  if (filters.journey && row.journey !== filters.journey) return false;
  if (filters.due && row.when !== filters.due) return false;
  if (filters.mine && !sameName(row.owner, filters.mine)) return false;
  return true;
}

/** Earliest due date first; items without one last; otherwise the content's order. */
export function byDue(a, b) {
  if (a.due !== b.due) {
    if (!a.due) return 1;
    if (!b.due) return -1;
    return a.due < b.due ? -1 : 1;
  }
  return a.order - b.order;
}

/** The rows `filters` shows, in the order `filters.sort` asks ("due", else the content's). */
export function arrange(rows, filters) {
  const shown = rows.filter((row) => matches(row, filters));
  return filters.sort === "due" ? shown.sort(byDue) : shown.sort((a, b) => a.order - b.order);
}
