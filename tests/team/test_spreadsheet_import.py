"""The team's spreadsheet, out and back in (issue #26): `playbook export` writes it,
a spreadsheet saves it as Excel does in a Nordic locale, `playbook progress import` reads it,
and the status file keeps every status, owner and due date."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from generator.content.source import read_yaml
from generator.site.team_import import DateError, read_date, slash_order
from generator.team.loader import validate_status
from tests.conftest import run_cli
from tests.team.conftest import write_status

STATUS = """\
version: 1
items:
  loop/first/say-hello: {status: done, owner: Åsa, changed: 2026-11-20}
  loop/first/know-names: {status: in-progress, owner: Øystein, due: 2026-12-07, note: Väntar}
  short/-/gather-team: {status: not-started, owner: PM, due: 2026-11-01}
  shared/basics/answer-fast: {status: not-applicable}
"""


@pytest.fixture
def project(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    write_status(small_project.parent, STATUS)
    return small_project


def exported(project, language: str = "sv") -> str:
    out = project.parent / "exports"
    result = run_cli("export", "-c", str(project), "-o", str(out))
    assert result.exit_code == 0, result.output
    return (out / f"team-status-{language}.csv").read_text("utf-8")


def status_of(project):
    return validate_status(read_yaml(project.parent / "progress.yaml")).items


NORDIC = {
    "nb": lambda day: f"{day:%d.%m.%Y}",  # 07.12.2026, as de too
    "fi": lambda day: f"{day.day}.{day.month}.{day.year}",  # 7.12.2026
    "da": lambda day: f"{day:%d-%m-%Y}",  # 07-12-2026
}


def as_excel_saves_it(text: str, locale: str, edit=None, *, encoding="cp1252") -> bytes:
    """What Excel writes when the file is saved as plain "CSV (semicolon separated)" on
    Windows in ``locale``: no byte-order mark, Windows-1252, CRLF, every cell it read as a
    date in the locale's short date form."""
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    for row in table[1:]:
        for position, cell in enumerate(row):
            if len(cell) == 10 and cell[4] == "-" and cell[7] == "-":
                row[position] = NORDIC[locale](date.fromisoformat(cell))
    if edit:
        edit(table)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("locale", ["nb", "fi", "da"])
def test_a_round_trip_through_excel_keeps_status_owner_and_due_date(project, locale):
    before = status_of(project)
    sheet = project.parent / "team.csv"
    sheet.write_bytes(as_excel_saves_it(exported(project), locale))
    assert (
        b"07.12.2026" in sheet.read_bytes()
        or b"7.12.2026" in sheet.read_bytes()
        or (b"07-12-2026" in sheet.read_bytes())
    )
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    # Nothing changed in the sheet, so nothing changes in the file: an error, not a success.
    assert result.exit_code == 1
    assert "nothing to import from" in result.stderr and "(7 already in the file)" in result.stderr
    assert status_of(project) == before


def test_a_change_made_in_the_spreadsheet_reaches_the_status_file(project):
    def edit(table):
        row = next(r for r in table if r[0] == "short/-/gather-team")
        row[4], row[5], row[6] = "Pågår", "Kim", "15.01.2027"
        owner_gone = next(r for r in table if r[0] == "loop/first/know-names")
        owner_gone[5] = ""  # an emptied cell removes the owner

    sheet = project.parent / "team.csv"
    sheet.write_bytes(as_excel_saves_it(exported(project), "nb", edit))
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Imported {sheet} (spreadsheet) into {project.parent / 'progress.yaml'}: 0 added, "
        "2 updated, 5 unchanged, 0 conflict(s).\n"
    )
    items = status_of(project)
    gather = items["short/-/gather-team"]
    assert (gather.status, gather.owner, gather.due) == ("in-progress", "Kim", date(2027, 1, 15))
    # Stamped with the moment of the import (SOURCE_DATE_EPOCH here), not the export's date.
    assert "changed: 2026-11-26T00:00:00+00:00}" in (project.parent / "progress.yaml").read_text()
    know = items["loop/first/know-names"]
    assert (know.status, know.owner, know.due, know.note) == (
        "in-progress", None, date(2026, 12, 7), "Väntar",
    )  # fmt: skip
    assert items["loop/first/say-hello"].owner == "Åsa"
    assert "loop/second/follow-up" not in items  # not started and nothing else: no entry


def test_utf8_with_a_bom_and_english_month_first_dates_are_read(project):
    text = exported(project, "en")
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    for row in table[1:]:
        if row[6] == "2026-12-07":
            row[6] = "12/7/2026"  # en-US: month first
        if row[6] == "2026-11-01":
            row[6] = "11/1/2026"
        if row[0] == "short/-/gather-team":
            row[6] = "11/30/2026"  # the one date that shows the order
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    sheet = project.parent / "team.csv"
    sheet.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    assert result.exit_code == 0, result.output
    items = status_of(project)
    assert items["short/-/gather-team"].due == date(2026, 11, 30)
    assert items["loop/first/know-names"].due == date(2026, 12, 7)


def test_every_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_written(project):
    def edit(table):
        table[1][4] = "Kanske"
        table[2][6] = "07.12.26"

    before = (project.parent / "progress.yaml").read_bytes()
    sheet = project.parent / "team.csv"
    sheet.write_bytes(as_excel_saves_it(exported(project), "nb", edit))
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{sheet}:2:5: status: 'Kanske' is not a status")
    assert (
        f"{sheet}:3:7: due: '07.12.26' has a two-digit year; write the year with four digits"
        in lines
    )
    assert "2 errors" in result.stderr
    assert (project.parent / "progress.yaml").read_bytes() == before


def test_a_change_in_the_file_after_the_export_is_kept_as_a_conflict(project):
    text = exported(project)
    write_status(
        project.parent,
        STATUS.replace("{status: done, owner: Åsa, changed: 2026-11-20}",
                       "{status: done, owner: Bo, changed: 2026-11-25}"),
    )  # fmt: skip

    def edit(table):
        next(r for r in table if r[0] == "loop/first/say-hello")[4] = "Pågår"

    sheet = project.parent / "team.csv"
    sheet.write_bytes(as_excel_saves_it(text, "nb", edit))
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    assert result.exit_code == 1
    assert "conflict:" in result.stderr and "newer than the import's" in result.stderr
    assert status_of(project)["loop/first/say-hello"].owner == "Bo"


def test_the_sites_file_under_counts_cannot_clear_owners(project):
    # The site under team.publish: counts writes no owner column: importing it changes no owner.
    content = project.read_text("utf-8").replace("publish: full", "publish: counts")
    project.write_text(content, "utf-8")
    out = project.parent / "exports"
    assert run_cli("export", "--as-published", "-c", str(project), "-o", str(out)).exit_code == 0
    text = (out / "team-status-sv.csv").read_text("utf-8")
    assert "ansvarig" not in text.splitlines()[0] and "Åsa" not in text

    def edit(table):
        next(r for r in table if r[0] == "loop/first/know-names")[4] = "Klar"

    sheet = project.parent / "team.csv"
    sheet.write_bytes(as_excel_saves_it(text, "nb", edit))
    result = run_cli("progress", "import", str(sheet), "-c", str(project))
    assert result.exit_code == 0, result.output
    know = status_of(project)["loop/first/know-names"]
    assert (know.status, know.owner, know.note) == ("done", "Øystein", "Väntar")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2026-12-07", date(2026, 12, 7)),  # as exported; Swedish Excel writes it back so
        ("2026/12/07", date(2026, 12, 7)),
        ("07.12.2026", date(2026, 12, 7)),  # nb, nn, de
        ("7.12.2026", date(2026, 12, 7)),  # fi
        ("07-12-2026", date(2026, 12, 7)),  # da
        ("07.12.2026 00:00", date(2026, 12, 7)),  # a date-time cell
        ("12/31/2026", date(2026, 12, 31)),  # en-US, month first: only one reading
        ("31/12/2026", date(2026, 12, 31)),  # en-GB, day first: only one reading
        ("7/7/2026", date(2026, 7, 7)),  # the same either way
    ],
)
def test_dates_as_excel_writes_them_back(cell, expected):
    assert read_date(cell) == expected


@pytest.mark.parametrize(
    "cell, message",
    [
        ("12/7/2026", "'12/7/2026' could be 2026-12-07 or 2026-07-12; write it as YYYY-MM-DD"),
        ("07.12.26", "'07.12.26' has a two-digit year; write the year with four digits"),
        ("31.02.2026", "'31.02.2026' is not a day of the calendar; write it as YYYY-MM-DD"),
        ("next week", "'next week' is not a date; write it as YYYY-MM-DD"),
        ("46000", "'46000' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_a_date_that_could_mean_two_days_or_none_is_an_error(cell, message):
    with pytest.raises(DateError) as error:
        read_date(cell)
    assert str(error.value).startswith(message)


def test_the_files_slashed_dates_are_read_one_way_as_its_unambiguous_ones_show():
    assert slash_order(["12/31/2026", "1/5/2027"]) == "month"
    assert read_date("1/5/2027", "month") == date(2027, 1, 5)
    assert slash_order(["31/12/2026", "1/5/2027"]) == "day"
    assert read_date("1/5/2027", "day") == date(2027, 5, 1)
    assert slash_order(["1/5/2027", "07.12.2026"]) is None
    with pytest.raises(DateError, match="both month first and day first"):
        slash_order(["12/31/2026", "31/12/2026"])
