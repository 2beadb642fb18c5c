"""The team's state as the pages show it (issue #15): each item's status, owner and due date
as plain text, the counts behind the progress bars, the keys the script layers a reader's
own ticks on, and the dashboard page.

Everything comes from generator/team/summary.py, the one home of the team's numbers, so
the site and ``playbook progress`` cannot disagree. Pure: the status and the day it is
judged on come in; no I/O, no clock.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TypedDict

from generator.content.model import Journey, Playbook
from generator.site.localize import Localized, Localizer, derived
from generator.site.markup import html_text
from generator.site.ui import UI_TEXT
from generator.team.keys import JOURNEY_LEVEL, SHARED_LEVEL, checklist_items, keyed, prompts
from generator.team.model import STATUS_FILE, TeamStatus
from generator.team.summary import ItemState, Section, TeamSummary, item_state, summarize

_STATUS_WORDS = {
    "done": "team_status_done",
    "in-progress": "team_status_in_progress",
    "not-applicable": "team_status_not_applicable",
    "not-started": "team_status_not_started",
}
"""Each status's word for one item (ui_text keys)."""


class TeamItem(TypedDict):
    """One item's team state, in words (never by colour alone)."""

    status: str
    """done, in-progress, not-applicable or not-started."""
    label: str
    """The status in the page's language."""
    owner: str
    due: str
    """'due 2026-12-15' in the page's language, or ''."""
    overdue: bool
    note: str


class TeamView(TypedDict):
    """What a page needs of the team's state; ``active`` is false without a status file."""

    active: bool
    today: str
    items: dict[str, TeamItem]
    """By progress key: every item the status file has an entry for."""
    answers: dict[str, str]
    """The team's agreed answers by prompt key, escaped for HTML (line breaks as <br>)."""
    answer_texts: dict[str, str]
    """The same answers as plain text, for the script to compare a reader's answer with."""
    done: list[str]
    in_progress: list[str]
    not_applicable: list[str]


def no_team() -> TeamView:
    """The view of a project without a status file: pages show only this browser's ticks."""
    return {
        "active": False,
        "today": "",
        "items": {},
        "answers": {},
        "answer_texts": {},
        "done": [],
        "in_progress": [],
        "not_applicable": [],
    }


def team_view(
    playbook: Playbook, status: TeamStatus | None, today: date, language: str
) -> TeamView:
    """The team's state for the pages in ``language``; ``status`` None: no status file."""
    if status is None:
        return no_team()
    ui = UI_TEXT
    items: dict[str, TeamItem] = {}
    for key, item in checklist_items(playbook):
        if key not in status.items:
            continue
        state = item_state(key, item, status, today)  # the one place that decides overdue
        items[key] = {
            "status": state.status,
            "label": ui[_STATUS_WORDS[state.status]][language],
            "owner": state.owner or "",
            "due": ui["cli_progress_due"][language].format(date=state.due.isoformat())
            if state.due
            else "",
            "overdue": state.overdue,
            "note": state.note or "",
        }
    known_prompts = {key for key, _ in prompts(playbook)}
    answers = {k: a.text for k, a in status.answers.items() if k in known_prompts}
    return {
        "active": True,
        "today": today.isoformat(),
        "items": items,
        "answers": {k: html_text_lines(text.rstrip("\n")) for k, text in answers.items()},
        "answer_texts": answers,
        "done": [k for k, i in items.items() if i["status"] == "done"],
        "in_progress": [k for k, i in items.items() if i["status"] == "in-progress"],
        "not_applicable": [k for k, i in items.items() if i["status"] == "not-applicable"],
    }


def html_text_lines(text: str) -> str:
    """Plain text with its line breaks, escaped for one line of HTML (a raw HTML block in
    Markdown ends at a blank line, so the breaks become <br>)."""
    return "<br>".join(html_text(line) if line.strip() else "" for line in text.split("\n"))


def team_counts(keys: list[str], team: TeamView) -> dict[str, int]:
    """The team's done items among ``keys`` and how many of them apply (not-applicable
    ones do not), as the progress bars count them before the script runs."""
    states = {key: team["items"][key]["status"] for key in keys if key in team["items"]}
    applicable = sum(1 for key in keys if states.get(key) != "not-applicable")
    done = sum(1 for key in keys if states.get(key) == "done")
    return {"done": done, "total": applicable}


def journey_fingerprint(playbook: Playbook, journey: Journey) -> str:
    """A short hash of a journey's item and prompt ids, so a share link made for other
    content says so when opened. Ids, not texts: a reworded item is the same item."""
    ids = "\n".join(sorted(journey_keys(playbook, journey)))
    return hashlib.sha256(ids.encode()).hexdigest()[:8]


def journey_keys(playbook: Playbook, journey: Journey) -> list[str]:
    """Every key a share link for ``journey`` may carry: its items (shared checklists shown
    on its stages included) and its prompts."""
    found = [key for key, _ in keyed(journey.id, JOURNEY_LEVEL, journey.checklist)]
    refs = set()
    for stage in journey.stages:
        found += [key for key, _ in keyed(journey.id, stage.id, stage.checklist)]
        found += [key for key, _ in keyed(journey.id, stage.id, stage.prompts)]
        refs.add(f"{journey.id}/{stage.id}")
    for shared in playbook.checklists:
        if refs & set(shared.stages):
            found += [key for key, _ in keyed(SHARED_LEVEL, shared.id, shared.items)]
    return found


class DashboardItem(TypedDict):
    text: Localized
    owner: str
    due: str
    overdue: bool
    status: str


class DashboardRow(TypedDict):
    name: Localized | str
    link: str
    counts: dict[str, int]
    owners: str
    next: list[DashboardItem]


class DashboardJourney(TypedDict):
    id: str
    name: Localized
    rows: list[DashboardRow]
    total: DashboardRow


class Dashboard(TypedDict):
    today: str
    journeys: list[DashboardJourney]
    overdue: list[DashboardItem]


def dashboard(playbook: Playbook, status: TeamStatus, today: date, text: Localizer) -> Dashboard:
    """The team page: per journey and stage, the numbers ``playbook progress --json`` prints."""
    summary: TeamSummary = summarize(playbook, status, today)
    language = text.language
    journeys: list[DashboardJourney] = []
    for model, journey in zip(playbook.journeys, summary.journeys, strict=True):
        rows = []
        if journey.before:
            rows.append(
                _row(
                    UI_TEXT["before_you_start"][language],
                    f"stages/{model.id}/index.md",
                    journey.before,
                    text,
                )  # fmt: skip
            )
        for number, (stage, section) in enumerate(zip(model.stages, journey.stages, strict=True)):
            name = text(stage.name)
            rows.append(
                _row(
                    derived(f"{number + 1}. {name}", name, foreign=name.foreign),
                    f"stages/{model.id}/{stage.id}.md",
                    section,
                    text,
                )  # fmt: skip
            )
        total = _row(UI_TEXT["cli_progress_total"][language], "", journey.total, text)
        journeys.append({"id": model.id, "name": text(model.name), "rows": rows, "total": total})
    return {
        "today": today.isoformat(),
        "journeys": journeys,
        "overdue": [_item(state, text) for state in summary.overdue],
    }


def _row(name: Localized | str, link: str, section: Section, text: Localizer) -> DashboardRow:
    return {
        "name": name,
        "link": link,
        "counts": section.counts.as_data(),
        "owners": ", ".join(section.owners),
        "next": [_item(state, text) for state in section.next_open],
    }


def _item(state: ItemState, text: Localizer) -> DashboardItem:
    return {
        "text": text(state.item.text),
        "owner": state.owner or "",
        "due": UI_TEXT["cli_progress_due"][text.language].format(date=state.due.isoformat())
        if state.due
        else "",
        "overdue": state.overdue,
        "status": state.status,
    }


def editor_link(repo_url: str | None, file_exists: bool) -> str:
    """Where GitHub's web editor opens the status file: its edit page when the project has
    one, else the page that creates it (the script adds the snippet as its text).

    ``repo_url`` is the repository (https://github.com/acme/playbook) or the folder of the
    content file on a branch (…/tree/BRANCH/FOLDER); without a branch, ``main``.
    """
    if not repo_url:
        return ""
    base, _, where = repo_url.rstrip("/").partition("/tree/")
    branch, _, folder = where.partition("/")
    branch = branch or "main"
    path = "/".join(part for part in (folder, STATUS_FILE) if part)
    if file_exists:
        return f"{base}/edit/{branch}/{path}"
    where = "/".join(part for part in (branch, folder) if part)
    return f"{base}/new/{where}?filename={STATUS_FILE}"
