"""The team's state as the pages show it (issue #15): each item's status, owner and due date
as plain text, each item's status for the script to layer a reader's own ticks on (the
bars' numbers come from generator/site/progress.py), and the dashboard page.

Everything comes from generator/team/summary.py, the one home of the team's numbers, so
the site and ``playbook progress`` cannot disagree. Pure: the status and the day it is
judged on come in; no I/O, no clock.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import TypedDict

from generator.content.model import Journey, Playbook
from generator.site.localize import Localized, Localizer, derived
from generator.site.markup import html_text
from generator.site.ui import UI_TEXT
from generator.team.changes import entry_bases, field_value
from generator.team.history import Change
from generator.team.keys import JOURNEY_LEVEL, SHARED_LEVEL, checklist_items, keyed, prompts
from generator.team.model import STATUS_FILE, TeamStatus
from generator.team.published import Published
from generator.team.summary import (
    ItemState,
    Section,
    TeamSummary,
    due_when,
    item_state,
    summarize,
)

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
    """What a page needs of the team's state; ``active`` is false without a status file
    (or when team.publish is none)."""

    active: bool
    publish: str
    """full, counts or none: what the status file's owners, notes and answers become."""
    today: str
    items: dict[str, TeamItem]
    """By progress key: every item the status file has an entry for."""
    answers: dict[str, str]
    """The team's agreed answers by prompt key, escaped for HTML (line breaks as <br>)."""
    answer_texts: dict[str, str]
    """The same answers as plain text, for the script to compare a reader's answer with."""
    states: dict[str, str]
    """Each item's status by progress key, for every item the status file has an entry for."""
    entries: dict[str, dict[str, object]]
    """The page data of each of those items: its status, the owner, due date and note the
    site publishes, and the base version of each (generator/team/changes.py), so that a
    change the reader makes carries the version of the value they saw."""
    answer_bases: dict[str, str]
    """The base version of each published answer, by prompt key."""


def no_team() -> TeamView:
    """The view of a project without a status file: pages show only this browser's ticks."""
    return {
        "active": False,
        "publish": "none",
        "today": "",
        "items": {},
        "answers": {},
        "answer_texts": {},
        "states": {},
        "entries": {},
        "answer_bases": {},
    }


def team_view(playbook: Playbook, shown: Published | None, today: date, language: str) -> TeamView:
    """The team's state for the pages in ``language``; ``shown`` is what team.publish lets
    the site show of the status file (generator/team/published.py), None for nothing."""
    if shown is None:
        return no_team()
    status = shown.status
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
        "publish": shown.mode,
        "today": today.isoformat(),
        "items": items,
        "answers": {k: html_text_lines(text.rstrip("\n")) for k, text in answers.items()},
        "answer_texts": answers,
        "states": {key: item["status"] for key, item in items.items()},
        "entries": {key: page_entry(status, key) for key in items},
        "answer_bases": {key: entry_bases(status, "answers", key)["text"] for key in answers},
    }


def page_entry(status: TeamStatus, key: str) -> dict[str, object]:
    """One item's state as the page's script reads it: only what ``status`` holds, which is
    what team.publish lets the site show (owners and notes are not there under counts)."""
    entry: dict[str, object] = {"status": status.items[key].status}
    for name in ("owner", "due", "note"):
        value = field_value(status, "items", key, name)
        if value is not None:
            entry[name] = value
    entry["base"] = entry_bases(status, "items", key)
    return entry


def html_text_lines(text: str) -> str:
    """Plain text with its line breaks, escaped for one line of HTML (a raw HTML block in
    Markdown ends at a blank line, so the breaks become <br>)."""
    return "<br>".join(html_text(line) if line.strip() else "" for line in text.split("\n"))


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


class BoardItem(TypedDict):
    """One row of the team page's list: an item and the team's state of it, in words, and
    what the page script filters and sorts on (data- attributes)."""

    key: str
    text: Localized
    status: str
    label: str
    """The status in the page's language."""
    owner: str
    due: str
    """The due date, ISO (sorts as text), or ''."""
    due_text: str
    """'due 2026-12-15' in the page's language, or ''."""
    when: str
    """generator/team/summary.py due_when: overdue, week, later, none or past."""
    overdue: bool
    note: str


class DashboardRow(TypedDict):
    name: Localized | str
    link: str
    counts: dict[str, int]
    owners: str
    next: list[DashboardItem]
    items: list[BoardItem]


class DashboardJourney(TypedDict):
    id: str
    name: Localized
    rows: list[DashboardRow]
    total: DashboardRow


class HistoryRow(TypedDict):
    when: str
    who: str
    what: Localized
    change: str
    """The new status and what else changed, in words ('In progress: owner, due date')."""


class Dashboard(TypedDict):
    today: str
    owners: list[str]
    """Everyone named as an owner, sorted (empty unless team.publish: full)."""
    statuses: list[tuple[str, str]]
    """Each status and its word, for the status filter."""
    journeys: list[DashboardJourney]
    overdue: list[DashboardItem]
    history: list[HistoryRow]
    """The latest changes, newest first (team.publish: full only)."""


def dashboard(playbook: Playbook, shown: Published, today: date, text: Localizer) -> Dashboard:
    """The team page: per journey and stage, the numbers ``playbook progress --json`` prints."""
    summary: TeamSummary = summarize(playbook, shown.status, today, shown.answered)
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
                    today,
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
                    today,
                )  # fmt: skip
            )
        total = _row(UI_TEXT["cli_progress_total"][language], "", journey.total, text, today)
        total["items"] = []  # its items are the stages' rows
        journeys.append({"id": model.id, "name": text(model.name), "rows": rows, "total": total})
    return {
        "today": today.isoformat(),
        "owners": list(summary_owners(summary)),
        "statuses": [(state, UI_TEXT[word][language]) for state, word in _STATUS_WORDS.items()],
        "journeys": journeys,
        "overdue": [_item(state, text) for state in summary.overdue],
        "history": history_rows(playbook, shown.history, text),
    }


_FIELD_WORDS = {
    "owner": "team_field_owner",
    "due": "team_field_due",
    "note": "team_field_note",
    "text": "team_field_answer",
}


def history_rows(
    playbook: Playbook, changes: tuple[Change, ...], text: Localizer
) -> list[HistoryRow]:
    """The latest changes as the team page lists them; changes to ids the content no longer
    has are left out, as orphaned entries are."""
    texts = {key: item.text for key, item in checklist_items(playbook)}
    texts.update({key: prompt.text for key, prompt in prompts(playbook)})
    language = text.language
    rows: list[HistoryRow] = []
    for change in changes:
        if change.key not in texts:
            continue
        words = [
            UI_TEXT[_FIELD_WORDS[name]][language] for name in change.fields if name in _FIELD_WORDS
        ]
        status = UI_TEXT[_STATUS_WORDS[change.status]][language] if change.status else ""
        if status and "status" not in change.fields:
            status = ""
        change_text = " · ".join(part for part in (status, ", ".join(words)) if part)
        rows.append(
            {
                # In the site's time zone when it has one (history.latest_changes).
                "when": change.when.strftime("%Y-%m-%d %H:%M")
                if isinstance(change.when, datetime)
                else change.when.isoformat(),
                "who": change.who,
                "what": text(texts[change.key]),
                "change": change_text,
            }
        )
    return rows


def summary_owners(summary: TeamSummary) -> tuple[str, ...]:
    """Everyone named as an owner anywhere, sorted as each section sorts them."""
    found = {owner for journey in summary.journeys for owner in journey.total.owners}
    found |= {owner for checklist in summary.checklists for owner in checklist.owners}
    return tuple(sorted(found, key=str.casefold))


def _row(
    name: Localized | str, link: str, section: Section, text: Localizer, today: date
) -> DashboardRow:
    return {
        "name": name,
        "link": link,
        "counts": section.counts.as_data(),
        "owners": ", ".join(section.owners),
        "next": [_item(state, text) for state in section.next_open],
        "items": [_board_item(state, text, today) for state in section.items],
    }


def _board_item(state: ItemState, text: Localizer, today: date) -> BoardItem:
    language = text.language
    due = state.due.isoformat() if state.due else ""
    return {
        "key": state.key,
        "text": text(state.item.text),
        "status": state.status,
        "label": UI_TEXT[_STATUS_WORDS[state.status]][language],
        "owner": state.owner or "",
        "due": due,
        "due_text": UI_TEXT["cli_progress_due"][language].format(date=due) if due else "",
        "when": due_when(state, today),
        "overdue": state.overdue,
        "note": state.note or "",
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
