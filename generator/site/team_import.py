"""The team's spreadsheet read back (issue #26): ``playbook progress import team-status.csv``.

The file is what ``team_exports.status_table`` writes, after a spreadsheet saved it: any
encoding, delimiter and heading language ``translations/spreadsheet.py`` reads, the status
in words of any language the tool speaks (or its code, ``in-progress``), and dates as
Excel writes them back in the locale it runs in:

* ``2026-12-07`` (sv, and the file as exported; also ``2026/12/07``, ``2026.12.07``);
* ``7.12.2026`` and ``07.12.2026`` (fi, nb, nn, de), ``07-12-2026`` (da): a day first
  whenever the year is last and the parts are joined by dots or hyphens;
* ``12/7/2026`` (en-US, month first) or ``07/12/2026`` (en-GB, day first): the file's
  slashed dates are read one way for the whole file, the way its dates with a part over 12
  show (``12/31/2026`` can only be month first). Where every slashed date could be read
  either way, one that means two different days is an error, never a guess;
* a time after the date (``07.12.2026 00:00``, what Excel writes for a date-time cell) is
  read as that date; a two-digit year is an error (which century?).

Each row becomes a snapshot entry (``team/incoming.py``): an empty owner, due date or note
cell removes that field from the status file, and a column the file lacks (the site's
file under ``team.publish: counts`` has no owners or notes) changes nothing. Every problem
is reported at once with its row and column, as a spreadsheet numbers them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from generator.errors import ContentError, Issue
from generator.site.spreadsheet import read_table
from generator.site.team_exports import STATUS_COLUMNS
from generator.site.team_rows import STATUS_WORDS
from generator.site.ui import UI_TEXT
from generator.team.incoming import Entry
from generator.team.model import ITEM_STATES, ItemStatus

EXPORTED_BY = "playbook export"
KIND = "spreadsheet"

REQUIRED = ["key", "status"]
OPTIONAL = tuple(c for c in STATUS_COLUMNS if c not in REQUIRED)
CLEARABLE = ("owner", "due", "note")
"""Fields an empty cell removes from the item's entry (where the file has the column)."""

_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?"
_YEAR_FIRST = re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_DAY_FIRST = re.compile(rf"(\d{{1,2}})([-.])(\d{{1,2}})\2(\d{{4}}){_TIME}")
_SLASHED = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_TIME}")
_SHORT_YEAR = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2}(?:\D.*)?")


def status_by_word() -> dict[str, str]:
    """Every word a status cell may hold (casefolded) -> the status: each language's word
    for it, and the status file's own code."""
    words = {state: state for state in ITEM_STATES}
    for state, key in STATUS_WORDS.items():
        words.update({word.casefold(): state for word in UI_TEXT[key].values()})
    return words


class DateError(ValueError):
    """A cell that is not a date the spreadsheet could have written; says how to fix it."""


def slash_order(cells: list[str]) -> str | None:
    """'month' or 'day' first for the file's slashed dates, as its unambiguous ones show;
    None when none shows it. Raises DateError when they contradict each other."""
    months_first = days_first = False
    for cell in cells:
        match = _SLASHED.fullmatch(cell.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            days_first |= first > 12
            months_first |= second > 12
    if months_first and days_first:
        raise DateError(
            "the file's dates with slashes are written both month first and day first; "
            "write them as YYYY-MM-DD"
        )
    return "month" if months_first else "day" if days_first else None


def read_date(cell: str, order: str | None = None) -> date:
    """The day ``cell`` means, in any of the forms the module docstring lists."""
    value = cell.strip()
    if match := _YEAR_FIRST.fullmatch(value):
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match := _SLASHED.fullmatch(value):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if order is None and first != second and first <= 12 and second <= 12:
            raise DateError(
                f"'{value}' could be {_iso(year, first, second)} or {_iso(year, second, first)}; "
                "write it as YYYY-MM-DD (no date in the file shows whether the month or the "
                "day comes first)"
            )
        if order is None:  # the cell shows the order itself, or both readings are one day
            order = "month" if second > 12 else "day"
        month, day = (first, second) if order == "month" else (second, first)
    elif _SHORT_YEAR.fullmatch(value):
        raise DateError(f"'{value}' has a two-digit year; write the year with four digits")
    else:
        raise DateError(f"'{value}' is not a date; write it as YYYY-MM-DD")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{value}' is not a day of the calendar; write it as YYYY-MM-DD") from None


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d}"


def read_moment(cell: str, order: str | None = None) -> date | datetime:
    """A ``changed`` cell: an ISO date and time as exported, or a date as Excel rewrote it."""
    value = cell.strip()
    if "T" in value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    return read_date(value, order)


def read_status_table(path: Path, *, name: str | None = None) -> list[Entry]:
    """The spreadsheet's rows as snapshot entries; ContentError listing every bad cell."""
    name = name or str(path)
    table = read_table(path, REQUIRED, name=name, optional=OPTIONAL, exported_by=EXPORTED_BY)
    head = {column: position + 1 for column, position in table.columns.items()}
    words = status_by_word()
    issues: list[Issue] = []

    def problem(row: int, column: str, message: str, hint: str = "") -> None:
        issues.append(Issue(name, row, head.get(column, 0), column, message, hint))

    dated = [cells[c] for _, cells in table.rows for c in ("due", "changed") if cells.get(c)]
    order = None
    try:
        order = slash_order(dated)
    except DateError as error:
        issues.append(Issue(name, 1, 0, "", str(error)))
    entries = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        key = cells["key"].strip()
        if not key:
            problem(number, "key", "the row has no id", "keep the id column as it was exported")
            continue
        if key in seen:
            problem(number, "key", f"'{key}' is also on row {seen[key]}", "keep one row per id")
            continue
        seen[key] = number
        fields: dict[str, str] = {}
        status = words.get(cells["status"].strip().casefold() or "not-started")
        if status is None:
            problem(
                number,
                "status",
                f"'{cells['status'].strip()}' is not a status",
                "write one of " + ", ".join(sorted({w for w in words if "-" not in w})),
            )
            continue
        fields["status"] = status
        for column in ("owner", "note"):
            if cells.get(column, "").strip():
                fields[column] = cells[column].strip() if column == "owner" else cells[column]
        for column, reader in (("due", read_date), ("changed", read_moment)):
            if not cells.get(column, "").strip():
                continue
            try:
                fields[column] = reader(cells[column], order).isoformat()
            except DateError as error:
                problem(number, column, str(error))
        if any(issue.line == number for issue in issues):
            continue
        try:
            model = ItemStatus.model_validate(fields)
        except ValidationError as error:
            for detail in error.errors():
                column = str(detail["loc"][0]) if detail["loc"] else "status"
                problem(number, column, detail["msg"])
            continue
        clears = tuple(c for c in CLEARABLE if c in table.columns and c not in fields)
        entries.append(Entry("items", key, fields, model, snapshot=True, clears=clears))
    if issues:
        raise ContentError(issues)
    return entries
