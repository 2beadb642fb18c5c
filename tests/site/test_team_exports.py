"""The team's state as files for other tools (issue #26): the spreadsheet, the Markdown task
list, the Jira CSV and the iCalendar file, rendered from the small fixture's status file."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from generator.content.loader import load_content
from generator.content.source import read_yaml
from generator.site.render import render
from generator.site.team_calendar import escape_text, fold
from generator.site.team_exports import render_team_exports
from generator.team.loader import validate_status
from generator.team.published import published
from tests.conftest import FIXTURES

TODAY = date(2023, 11, 14)
"""After loop/first/know-names was due (2023-11-01): it is overdue."""


@pytest.fixture(scope="module")
def playbook():
    return load_content(FIXTURES / "small.yaml")


@pytest.fixture(scope="module")
def status():
    return validate_status(read_yaml(FIXTURES / "small-progress.yaml"))


@pytest.fixture(scope="module")
def full(playbook, status):
    files = render_team_exports(playbook, status, TODAY, "out", private=True)
    return {path.name: text for path, text in files.items()}


@pytest.fixture(scope="module")
def counts(playbook, status):
    shown = published(status, "counts")
    files = render_team_exports(playbook, shown.status, TODAY, "out", private=False)
    return {path.name: text for path, text in files.items()}


def rows(text: str, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


# --- The spreadsheet ---------------------------------------------------------------------


def test_the_spreadsheet_has_every_item_once_with_its_state_in_the_files_language(full):
    text = full["team-status-sv.csv"]
    assert text.startswith("\ufeffid;resa;steg;text;status;ansvarig;sista datum;anteckning;")
    table = rows(text)
    assert table[1:] == [
        ["loop/first/say-hello", "Slingan", "1. Första", "Säg hej", "Klar", "ÅÄÖ-teamet", "", "",
         "2023-11-01"],
        ["loop/first/know-names", "Slingan", "1. Första", "Lär dig namnen: å, ä, ö", "Pågår",
         "Øystein", "2023-11-01", 'Väntar på <b>listan</b> & "namnen"', ""],
        ["loop/second/follow-up", "Slingan", "2. Andra <steget> & #1", "Följ upp", "Ej påbörjad",
         "", "", "", ""],
        ["short/-/gather-team", "Den korta vägen", "Innan ni börjar", "Samla gruppen", "Klar", "",
         "", "", ""],
        ["short/meet/list-touchpoints", "Den korta vägen", "1. Mötet", "Lista alla kontaktpunkter",
         "Ej påbörjad", "", "", "", ""],
        ["shared/basics/answer-fast", "Gemensamma checklistor", "Grunderna", "Svara inom en dag",
         "Ej aktuell", "", "", "", ""],
        ["shared/basics/say-thanks", "Gemensamma checklistor", "Grunderna", "Tacka kunden",
         "Ej påbörjad", "", "", "", ""],
    ]  # fmt: skip
    # English: Excel there expects commas; the headings and statuses are English.
    english = rows(full["team-status-en.csv"], ",")
    assert english[0] == [
        "id", "journey", "stage", "text", "status", "owner", "due date", "note", "changed",
    ]  # fmt: skip
    assert english[2][4] == "In progress"


def test_under_counts_the_spreadsheet_has_no_owner_note_or_change_column(counts):
    assert rows(counts["team-status-sv.csv"])[0] == [
        "id",
        "resa",
        "steg",
        "text",
        "status",
        "sista datum",
    ]
    assert rows(counts["team-status-sv.csv"])[2] == [
        "loop/first/know-names", "Slingan", "1. Första", "Lär dig namnen: å, ä, ö", "Pågår",
        "2023-11-01",
    ]  # fmt: skip


def test_under_counts_no_team_file_holds_an_owner_or_a_note(counts, full):
    assert sorted(counts) == sorted(full)
    for name, text in counts.items():
        for private in ("ÅÄÖ-teamet", "Øystein", "Väntar på", "2023-11-01T"):
            assert private not in text, (name, private)
    # Under full they are there, so the test above can fail.
    assert "Øystein" in full["team-tasks-nb.md"] and "Øystein" in full["team-calendar-en.ics"]


def test_a_formula_in_an_item_text_is_neutralised(tmp_path, status):
    content = tmp_path / "content.yaml"
    text = (FIXTURES / "small.yaml").read_text("utf-8")
    content.write_text(text.replace("{sv: Säg hej,", "{sv: '=SUM(A1)',"), "utf-8")
    files = render_team_exports(load_content(content), status, TODAY, "o", private=True)
    by_name = {path.name: text for path, text in files.items()}
    assert rows(by_name["team-status-sv.csv"])[1][3] == "'=SUM(A1)"
    assert rows(by_name["team-jira-sv.csv"], ",")[3][3] == "'=SUM(A1)"


# --- The task list -----------------------------------------------------------------------


def test_the_task_list_gives_each_item_its_id_and_the_state_as_separate_fields(full):
    text = full["team-tasks-sv.md"]
    assert text.startswith("# Liten resa: teamets uppgifter\n\nTeamets läge den 2023-11-14, ")
    assert (
        "### 1\\. Första\n\n"
        "- [x] Säg hej `loop/first/say-hello`\n"
        "    - Status: Klar\n"
        "    - Ansvarig: ÅÄÖ-teamet\n"
        "- [ ] Lär dig namnen: å, ä, ö `loop/first/know-names`\n"
        "    - Status: Pågår\n"
        "    - Ansvarig: Øystein\n"
        "    - Sista datum: 2023-11-01 · ⚠ Försenad\n"
        '    - Anteckning: Väntar på &lt;b&gt;listan&lt;/b&gt; &amp; "namnen"\n'
    ) in text
    assert (
        "- [x] ~~Svara inom en dag~~ `shared/basics/answer-fast`\n    - Status: Ej aktuell\n"
        in text
    )
    assert "### 2\\. Andra &lt;steget&gt; &amp; \\#1\n" in text


# --- Jira --------------------------------------------------------------------------------


def test_the_jira_csv_puts_parents_first_and_names_jiras_fields(full):
    table = rows(full["team-jira-en.csv"], ",")
    assert table[0] == [
        "Issue ID", "Parent", "Issue Type", "Summary", "Description", "Status", "Resolution",
        "Due date",
    ]  # fmt: skip
    seen: set[str] = set()
    for row in table[1:]:
        assert row[1] == "" or row[1] in seen, row  # a parent comes before its children
        seen.add(row[0])
    kinds = [(row[2], row[3]) for row in table[1:]]
    assert kinds[:4] == [
        ("Epic", "The loop"), ("Task", "1. First"), ("Sub-task", "Say hello"),
        ("Sub-task", "Learn the names"),
    ]  # fmt: skip
    know_names = table[4]
    assert know_names[5:] == ["In Progress", "", "2023-11-01"]
    assert know_names[4] == (
        "Learn the names\n\nThe loop › 1. First\nStatus: In progress\nOwner: Øystein\n"
        'Due date: 2023-11-01 · ⚠ Overdue\nNote: Väntar på <b>listan</b> & "namnen"\n'
        "ID: loop/first/know-names"
    )
    not_applicable = next(row for row in table if row[3] == "Answer within a day")
    assert not_applicable[5:7] == ["Done", "Won't Do"]
    assert ("Epic", "Shared checklists") in kinds


# --- The calendar ------------------------------------------------------------------------


def test_the_calendar_has_an_all_day_event_per_due_date(full):
    text = full["team-calendar-sv.ics"]
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20231101\r\nDTEND;VALUE=DATE:20231102\r\n" in unfolded
    assert "DTSTAMP:20231114T000000Z\r\n" in unfolded
    assert "SUMMARY:Lär dig namnen: å\\, ä\\, ö\r\n" in unfolded
    assert (
        "DESCRIPTION:Slingan › 1. Första\\nStatus: Pågår\\nAnsvarig: Øystein\\n"
        "Sista datum: 2023-11-01 · ⚠ Försenad\\nAnteckning: Väntar på <b>listan</b> & "
        '"namnen"\r\n'
    ) in unfolded


def test_the_calendar_uid_is_stable_and_differs_per_item_and_site(playbook, status, full):
    again = render_team_exports(playbook, status, date(2024, 1, 1), "o", private=True)
    other = {p.name: t for p, t in again.items()}["team-calendar-sv.ics"]
    uid = re.findall(r"^UID:([^\r\n]*)\r$", full["team-calendar-sv.ics"].replace("\r\n ", ""), re.M)
    assert uid == re.findall(r"^UID:([^\r\n]*)\r$", other.replace("\r\n ", ""), re.M)
    assert uid[0].startswith("loop/first/know-names.") and uid[0].endswith("@journey-playbook")
    site = playbook.site.model_copy(update={"url": "https://example.org/other/"})
    elsewhere = render_team_exports(
        playbook.model_copy(update={"site": site}), status, TODAY, "o", private=True
    )
    moved = {p.name: t for p, t in elsewhere.items()}["team-calendar-sv.ics"]
    assert re.findall(r"^UID:([^\r\n]*)\r$", moved.replace("\r\n ", ""), re.M) != uid


def test_without_a_due_date_there_is_no_calendar(playbook):
    files = render_team_exports(playbook, None, None, "o", private=True)
    names = sorted(path.name for path in files)
    assert "team-calendar-sv.ics" not in names
    assert "team-status-sv.csv" in names
    assert "Teamets läge" not in {p.name: t for p, t in files.items()}["team-tasks-sv.md"]


def test_folding_never_splits_a_character_and_keeps_every_octet():
    line = "SUMMARY:" + "å" * 40 + "x" * 3 + "ø" * 30
    folded = fold(line)
    parts = folded.split("\r\n")
    assert [len(part.encode("utf-8")) for part in parts] == [
        74,
        74,
        5,
    ]  # a 2-octet å or ø never split
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") if i else part for i, part in enumerate(parts)) == line


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\r\ne\nf\x07g") == "a\\,b\\;c\\\\d\\ne\\nfg"


# --- On the site -------------------------------------------------------------------------


def test_the_home_and_team_pages_link_the_team_files_and_the_site_serves_the_task_list_as_txt(
    playbook, status
):
    pages = {p.as_posix(): t for p, t in render(playbook, team=status, today=TODAY).items()}
    assert "playbook/downloads/team-tasks-sv.txt" in pages
    assert "playbook/downloads/team-tasks-sv.md" not in pages  # MkDocs would make it a page
    links = (
        "Varje punkt med teamets status, för andra verktyg: "
        '[kalkylark (CSV)](downloads/team-status-sv.csv){ download="team-status-sv.csv" } · '
        '[uppgiftslista (Markdown)](downloads/team-tasks-sv.txt){ download="team-tasks-sv.md" } · '
        '[Jira (CSV)](downloads/team-jira-sv.csv){ download="team-jira-sv.csv" } · '
        "[sista datum för kalendern (iCalendar)](downloads/team-calendar-sv.ics)"
        '{ download="team-calendar-sv.ics" }\n'
    )
    assert links in pages["playbook/index.md"]
    assert links in pages["playbook/team.md"]


def test_under_counts_the_sites_team_files_hold_no_owner_or_note(playbook, status):
    counted = playbook.model_copy(
        update={"team": playbook.team.model_copy(update={"publish": "counts"})}
    )
    pages = render(counted, team=status, today=TODAY)
    downloads = {p.name: t for p, t in pages.items() if p.parent.name == "downloads"}
    assert "team-status-sv.csv" in downloads
    for name, text in downloads.items():
        assert "Øystein" not in text and "listan" not in text, name
