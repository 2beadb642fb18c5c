"""`playbook progress`: the table, --json, --overdue and --lang, on a real project folder."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.team.conftest import write_status

STATUS = """\
version: 1
items:
  loop/first/say-hello: {status: done, owner: AK}
  loop/first/know-names: {status: in-progress, owner: Åsa, due: 2026-12-01}
  short/-/gather-team: {status: not-started, owner: PM, due: 2026-11-01}
  shared/basics/answer-fast: {status: not-applicable}
answers:
  loop/first/who-first: {text: Säljarna}
"""


@pytest.fixture
def project(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    write_status(small_project.parent, STATUS)
    return small_project


def test_the_table_is_in_the_default_language(project):
    result = run_cli("progress", "-c", str(project))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Slingan (loop): 1 av 4 klara, 25 %"
    assert lines[1].split() == [
        "Steg", "Klar", "Pågår", "Ej", "aktuell", "Ej", "påbörjad", "Försenad", "Svar",
        "Ansvariga",
    ]  # fmt: skip
    assert lines[2].split() == ["1.", "Första", "1", "1", "1", "1", "0", "1/1", "AK,", "Åsa"]
    assert "  - (!) Samla gruppen (PM, klart senast 2026-11-01)" in lines


def test_lang_picks_the_tables_language_and_refuses_others(project):
    result = run_cli("progress", "--lang", "en", "-c", str(project))
    assert result.stdout.splitlines()[0] == "The loop (loop): 1 of 4 done, 25%"
    wrong = run_cli("progress", "--lang", "de", "-c", str(project))
    assert wrong.exit_code == 2
    assert "'de' is not a language of this playbook (sv, nb, en)" in wrong.stderr


def test_json_has_the_summarys_numbers(project):
    result = run_cli("progress", "--json", "-c", str(project))
    data = json.loads(result.stdout)
    assert data["version"] == 1  # the format of --json, raised when a field changes meaning
    assert data["today"] == "2026-11-26"
    assert data["scope"] == "playbook"
    assert data["counts"] == {
        "total": 7, "done": 1, "applicable": 6, "in_progress": 1, "not_applicable": 1,
        "not_started": 4, "overdue": 1, "prompts": 2, "answered": 1, "percent": 16,
    }  # fmt: skip
    assert [journey["id"] for journey in data["journeys"]] == ["loop", "short"]
    assert [journey["scope"] for journey in data["journeys"]] == ["journey:loop", "journey:short"]
    assert data["journeys"][1]["before_you_start"]["scope"] == "before:short"
    assert [stage["scope"] for stage in data["journeys"][0]["stages"]] == [
        "stage:loop/first",
        "stage:loop/second",
    ]
    (basics,) = data["checklists"]
    assert (basics["id"], basics["scope"]) == ("basics", "shared:basics")
    assert (basics["counts"]["done"], basics["counts"]["applicable"]) == (0, 1)
    assert data["journeys"][1]["before_you_start"]["owners"] == ["PM"]


def test_overdue_exits_1_with_one_line_naming_the_items_in_the_sites_language(project):
    # Texts, not ids, in the language of the site (issue #26: it was English with raw ids).
    result = run_cli("progress", "--overdue", "-c", str(project))
    assert result.exit_code == 1
    assert result.stdout == (
        "Försenat den 2026-11-26 (1): Samla gruppen (Den korta vägen › Innan ni börjar; "
        "PM, klart senast 2026-11-01)\n"
    )
    english = run_cli("progress", "--overdue", "--lang", "en", "-c", str(project))
    assert english.stdout == (
        "Overdue on 2026-11-26 (1): Gather the team (The short way › Before you start; "
        "PM, due 2026-11-01)\n"
    )


def test_markdown_is_the_teams_progress_for_a_chat(project):
    result = run_cli("progress", "--markdown", "--lang", "nb", "-c", str(project))
    assert result.exit_code == 0
    assert result.stdout == (
        "**Liten reise**\n"
        "\n"
        "**Sløyfen**: 1 av 4 fullført (25 %)\n"
        "- 1\\. Første: 1 av 3 fullført\n"
        "- 2\\. Andre: 0 av 1 fullført\n"
        "- Neste:\n"
        "    - Lær navnene: æ, ø, å (Åsa, frist 2026-12-01)\n"
        "    - Takk kunden\n"
        "    - Følg opp\n"
        "\n"
        "**Den korte veien**: 0 av 3 fullført (0 %) · Forsinket: 1\n"
        "- Før dere begynner: 0 av 1 fullført · Forsinket: 1\n"
        "- 1\\. Møtet: 0 av 2 fullført\n"
        "- Neste:\n"
        "    - ⚠ Forsinket: Samle gruppen (PM, frist 2026-11-01)\n"
        "    - List opp alle kontaktpunkter\n"
        "    - Takk kunden\n"
        "\n"
        "**Forsinket per 2026-11-26**\n"
        "\n"
        "- **Samle gruppen** (Den korte veien › Før dere begynner): PM, frist 2026-11-01\n"
        "\n"
    )


def test_overdue_exits_0_when_nothing_is(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    result = run_cli("progress", "--overdue", "-c", str(project))
    assert result.exit_code == 0
    assert result.stdout == "Inget är försenat den 2023-11-14.\n"


def test_without_a_status_file_it_says_so(small_project):
    result = run_cli("progress", "-c", str(small_project))
    assert result.exit_code == 0
    assert "every item counts as not started" in result.stderr
    assert "Slingan (loop): 0 av 5 klara, 0 %" in result.stdout


def test_an_invalid_status_file_is_an_error_without_traceback(project):
    write_status(project.parent, "items:\n  loop/first/say-hello: {status: klar}\n")
    result = run_cli("progress", "-c", str(project))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{project.parent / 'progress.yaml'}:2:34: items[loop/first/say-hello].status: "
        "'klar' is not a status"
    )


def test_escape_sequences_from_the_files_never_reach_the_terminal(small_project, monkeypatch):
    # An owner or an id from a pull request must not set the terminal's title, clear the
    # CI log or reorder a line (security review of #15): shown as \uXXXX, and --json still
    # says exactly what the file says.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    owner = "Åsa\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202eøæ"
    status = (
        "version: 1\nitems:\n"
        f"  loop/first/say-hello: {{status: in-progress, owner: {json.dumps(owner)}, "
        "due: 2026-11-01}\n"
    )
    write_status(small_project.parent, status)
    unsafe = ("\x1b", "\x07", "\x9b", "\u202e")
    for args in ([], ["--overdue"], ["--json"]):
        result = run_cli("progress", *args, "-c", str(small_project))
        shown = result.stdout + result.stderr
        assert "Åsa\\u001b]0;PWNED\\u0007" in shown, args
        assert not any(char in shown for char in unsafe), args
    data = json.loads(run_cli("progress", "--json", "-c", str(small_project)).stdout)
    assert data["journeys"][0]["owners"] == [owner]

    export = small_project.parent / "export.json"
    export.write_text(
        json.dumps(
            {
                "format": "journey-playbook-progress",
                "version": 1,
                "ticks": {"loop/first/say-hello": True, "x\x1b[2J\u202e": True},
            }
        ),
        encoding="utf-8",
    )
    result = run_cli("progress", "import", str(export), "-c", str(small_project))
    assert "x\\u001b[2J\\u202e" in result.stderr
    assert not any(char in result.stdout + result.stderr for char in unsafe)
