"""The team's state as files for other tools (issue #26): a spreadsheet of every item, a
Markdown task list, a CSV that Jira imports and an iCalendar file of the due dates.

Per language, keyed by path under the folder asked for: ``playbook generate`` puts them
in playbook/downloads/ (the site links them from the home and team pages), ``playbook
export`` writes them anywhere. They hold what they are given: the site passes what
``team.publish`` lets through (under ``counts``, no owner, note or date of change, and
the columns for them are left out, so an import of that file cannot clear them); a local
``playbook export`` passes the whole status file. Pure: returns file contents.

The spreadsheet opens in Excel as the other CSV files do (generator/translations/
spreadsheet.py: BOM, the language's delimiter, neutralised formulas); its dates are
YYYY-MM-DD, which Excel reads as dates in every locale. ``team_import.py`` reads it back
as Excel saves it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from pathlib import PurePosixPath
from typing import TypedDict

from generator.content.model import Playbook
from generator.site.localize import Localizer, localizer
from generator.site.spreadsheet import neutralise, write_table
from generator.site.team_calendar import calendar
from generator.site.team_markdown import task_list
from generator.site.team_rows import (
    TeamGroup,
    TeamRow,
    state_fields,
    status_word,
    team_groups,
)
from generator.site.ui import UI_TEXT
from generator.team.model import TeamStatus

STATUS_COLUMNS = ["key", "journey", "stage", "text", "status", "owner", "due", "note", "changed"]
"""The spreadsheet's columns (headings: ui_text csv_<column>), all of them where owners and
notes may be shown."""
PRIVATE_COLUMNS = ("owner", "note", "changed")
"""Left out where the site may not show them (team.publish: counts)."""

JIRA_COLUMNS = (
    "Issue ID",
    "Parent",
    "Issue Type",
    "Summary",
    "Description",
    "Status",
    "Resolution",
    "Due date",
)
"""Jira's own field names, which its CSV importer maps by itself (in English, as Jira
names them in every language)."""
JIRA_SUMMARY_LIMIT = 255
"""Jira refuses a summary longer than this; the full text is in the description."""
JIRA_STATUS = {
    "not-started": ("To Do", ""),
    "in-progress": ("In Progress", ""),
    "done": ("Done", "Done"),
    "not-applicable": ("Done", "Won't Do"),
}
"""(status, resolution) in Jira's default workflow, which the importer maps by name."""

FILES = {
    "status": "team-status-{language}.csv",
    "tasks": "team-tasks-{language}.md",
    "jira": "team-jira-{language}.csv",
    "calendar": "team-calendar-{language}.ics",
}
"""Each export's file name, in the order the site links them; the calendar only where some
item has a due date."""
SITE_SUFFIX = {"tasks": ".txt"}
"""On the site, the task list is a .txt file (MkDocs would build a .md file into a page);
its link's ``download`` attribute names it .md again."""
LABELS = {
    "status": "download_team_status",
    "tasks": "download_team_tasks",
    "jira": "download_team_jira",
    "calendar": "download_team_calendar",
}
"""Each export's link text (ui_text key)."""


class TeamDownload(TypedDict):
    """A link to one of the team exports, as the home and team pages list it."""

    label: str
    href: str
    """The file under downloads/."""
    name: str
    """What the browser saves it as (the task list's .txt as .md)."""


def team_file(kind: str, language: str, *, site: bool = False) -> str:
    name = FILES[kind].format(language=language)
    if site and kind in SITE_SUFFIX:
        name = name.rsplit(".", 1)[0] + SITE_SUFFIX[kind]
    return name


def team_downloads(files: Mapping[PurePosixPath, str], language: str) -> list[TeamDownload]:
    """The links to ``language``'s team exports among ``files`` (render_team_exports with
    ``site``), in the order of FILES."""
    names = {path.name for path in files}
    return [
        {
            "label": UI_TEXT[LABELS[kind]][language],
            "href": team_file(kind, language, site=True),
            "name": team_file(kind, language),
        }
        for kind in FILES
        if team_file(kind, language, site=True) in names
    ]


def render_team_exports(
    playbook: Playbook,
    status: TeamStatus | None,
    today: date | None,
    folder: str,
    *,
    private: bool,
    delimiter: str | None = None,
    site: bool = False,
) -> dict[PurePosixPath, str]:
    """Every language's team exports, keyed by path under ``folder``.

    ``status``: the team's state to write (None: no status file, every item not started);
    ``private``: whether it may hold owners, notes and dates of change (their columns are
    left out otherwise); ``today``: the day overdue is judged on (None without a state);
    ``site``: name the files as the site serves them (SITE_SUFFIX).
    """
    state = status or TeamStatus.empty()
    outputs: dict[PurePosixPath, str] = {}
    for language in playbook.language_codes:
        text = localizer(playbook, language)
        groups = team_groups(playbook, state, today or date.min, text)

        def path(kind: str) -> PurePosixPath:
            return PurePosixPath(folder, team_file(kind, language, site=site))  # noqa: B023

        outputs[path("status")] = status_table(groups, language, private, delimiter)
        outputs[path("tasks")] = task_list(playbook, groups, text, today)
        outputs[path("jira")] = jira_table(groups, text)
        if any(row.state.due for group in groups for s in group.sections for row in s.rows):
            outputs[path("calendar")] = calendar(playbook, groups, text, today or date.min)
    return outputs


def status_table(
    groups: list[TeamGroup], language: str, private: bool, delimiter: str | None = None
) -> str:
    """The spreadsheet: one row per item, the status in words, dates as YYYY-MM-DD."""
    columns = [c for c in STATUS_COLUMNS if private or c not in PRIVATE_COLUMNS]
    rows = []
    for group in groups:
        for section in group.sections:
            for row in section.rows:
                cells = _status_cells(group, section.name, row, language)
                rows.append([cells[column] for column in columns])
    return write_table(columns, rows, language, delimiter)


def _status_cells(group: TeamGroup, stage: str, row: TeamRow, language: str) -> dict[str, str]:
    state = row.state
    return {
        "key": row.key,
        "journey": group.name,
        "stage": stage,
        "text": row.text,
        "status": status_word(state.status, language),
        "owner": state.owner or "",
        "due": state.due.isoformat() if state.due else "",
        "note": state.note or "",
        "changed": row.changed.isoformat() if row.changed else "",
    }


def jira_table(groups: list[TeamGroup], text: Localizer) -> str:
    """A CSV for Jira's importer: an Epic per journey (and one for the shared checklists),
    a Task per stage under it and a Sub-task per item, parents before their children
    (``Issue ID`` and ``Parent``), with status, resolution and due date.

    UTF-8 without a byte-order mark and commas, as Jira's importer expects by default;
    cells are still neutralised, since the file may be opened in a spreadsheet first.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(JIRA_COLUMNS)
    number = 0
    for group in groups:
        number += 1
        epic = number
        writer.writerow(_jira_row(epic, None, "Epic", group.name, ""))
        for section in group.sections:
            number += 1
            task = number
            writer.writerow(_jira_row(task, epic, "Task", section.name, ""))
            for row in section.rows:
                number += 1
                status, resolution = JIRA_STATUS[row.state.status]
                details = [
                    f"{group.name} › {section.name}",
                    *state_fields(row, text.language),
                    UI_TEXT["field_id"][text.language].format(id=row.key),
                ]
                writer.writerow(
                    _jira_row(
                        number,
                        task,
                        "Sub-task",
                        _summary(row.text),
                        "\n".join([row.text, "", *details]),
                        status,
                        resolution,
                        row.state.due.isoformat() if row.state.due else "",
                    )
                )
    return buffer.getvalue()


def _jira_row(
    number: int, parent: int | None, kind: str, summary: str, description: str, *rest: str
) -> list[str]:
    cells = [str(number), str(parent or ""), kind, summary, description, *rest]
    cells += [""] * (len(JIRA_COLUMNS) - len(cells))
    return [neutralise(cell) for cell in cells]


def _summary(text: str) -> str:
    """One line, at most JIRA_SUMMARY_LIMIT characters (cut at a word, with an ellipsis)."""
    line = " ".join(text.split())
    if len(line) <= JIRA_SUMMARY_LIMIT:
        return line
    cut = line[: JIRA_SUMMARY_LIMIT - 1].rsplit(" ", 1)[0]
    return cut + "…"
