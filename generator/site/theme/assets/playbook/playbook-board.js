/* Journey Playbook: the team page's filters and sorting (issue #26). The page lists every
   item without this script; this shows the filter form, hides the rows it does not match
   and, sorted by due date, moves the rows into one list (each row then shows its journey
   and stage). Which rows and in what order is lib/board.js's. */

import { arrange } from "./lib/board.js";
import { fill } from "./lib/text.js";
import { all, load } from "./page.js";

function rowsOf(page) {
  return all(".playbook-board__item", page).map((element, order) => ({
    element,
    home: element.parentElement,
    order,
    journey: element.getAttribute("data-journey") || "",
    status: element.getAttribute("data-status") || "",
    owner: element.getAttribute("data-owner") || "",
    due: element.getAttribute("data-due") || "",
    when: element.getAttribute("data-when") || "",
  }));
}

export function setUpBoard() {
  const form = document.querySelector(".playbook-board-filters");
  const sorted = document.querySelector(".playbook-board--sorted");
  if (!form || !sorted) return;
  const page = form.parentElement;
  const rows = rowsOf(page);
  const field = (name) => form.elements.namedItem(name);
  const name = load().name;
  const mine = form.querySelector(".playbook-board-filters__mine");
  if (mine && name) {
    mine.querySelector("label").textContent = fill(form.getAttribute("data-mine"), { name });
    mine.hidden = false;
  }
  const count = form.querySelector(".playbook-board-filters__count");

  function show() {
    const value = (key) => (field(key) ? field(key).value : "");
    const filters = {
      owner: value("owner"), status: value("status"), journey: value("journey"), due: value("due"),
      sort: value("sort"), mine: field("mine") && field("mine").checked ? name : "",
    };
    const shown = arrange(rows, filters);
    const visible = new Set(shown);
    const flat = filters.sort === "due";
    for (const row of rows) {
      row.element.hidden = !visible.has(row);
      if (!flat && row.element.parentElement !== row.home) row.home.appendChild(row.element);
    }
    if (flat) for (const row of shown) sorted.appendChild(row.element);
    else for (const row of rows) row.home.appendChild(row.element);  // back in content order
    sorted.hidden = !flat;
    page.classList.toggle("playbook-board-page--flat", flat);
    // A stage or journey whose rows are all hidden goes too (its summary stays the team's).
    for (const group of all(".playbook-board-stage, .playbook-board-journey", page)) {
      group.hidden = flat || !all(".playbook-board__item", group).some((element) => !element.hidden);
    }
    count.textContent = fill(form.getAttribute("data-shown"), { shown: shown.length, total: rows.length });
  }

  form.addEventListener("change", show);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  show();
}
