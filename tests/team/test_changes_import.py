"""`playbook progress import` of the sharing format version 2 (issue #25 point 3): unticks
and cleared fields arrive, a change made from a value the file no longer has is a conflict
in either order, and nothing is written for its key until --keep says which to keep."""

from __future__ import annotations

import json

import pytest

from generator.team.changes import base_version
from tests.conftest import FIXTURES, run_cli
from tests.team.conftest import write_status

FILE = """\
# Reviewed every Monday.
version: 1
items:
  loop/first/say-hello:
    status: done
    owner: Åsa
    note: Klart före mötet
    changed: 2026-11-25
answers: {}
"""

HELLO = "loop/first/say-hello"
QUESTION = "short/meet/who-answers"


def change(to, base, by="Øystein", at="2026-11-26T09:15:00Z"):
    return {"to": to, "base": base, "at": at, "by": by}


def document(items=None, answers=None) -> str:
    return json.dumps(
        {
            "format": "journey-playbook-progress",
            "version": 2,
            "items": items or {},
            "answers": answers or {},
        },
        ensure_ascii=False,
        indent=1,
    )


def answer(text: str, by: str, base: str = "-") -> str:
    return document(answers={QUESTION: {"text": change(text, base, by=by)}})


@pytest.fixture
def project(small_project):
    write_status(small_project.parent, FILE)
    return small_project


def run_import(project, name: str, text: str, *args: str):
    incoming = project.parent.parent / name
    incoming.write_text(text, encoding="utf-8")
    return run_cli("progress", "import", str(incoming), "-c", str(project), *args)


def status_text(project) -> str:
    return (project.parent / "progress.yaml").read_text(encoding="utf-8")


def test_an_untick_and_cleared_fields_arrive_and_comments_stay(project):
    changes = document(
        items={
            HELLO: {
                "status": change("not-started", base_version("done")),
                "owner": change(None, base_version("Åsa")),
                "note": change("Vänta på æ, ø", base_version("Klart före mötet")),
                "due": change("2026-12-15", "-"),
            }
        },
        answers={QUESTION: {"text": change("Kundtjänst – på måndag", "-")}},
    )
    result = run_import(project, "changes.json", changes)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 1 added, 1 updated, 0 unchanged, 0 conflict(s).\n")
    assert status_text(project) == (
        "# Reviewed every Monday.\n"
        "version: 1\n"
        "items:\n"
        "  loop/first/say-hello:\n"
        "    status: not-started\n"
        "    note: Vänta på æ, ø\n"
        "    changed: 2026-11-26T09:15:00Z\n"
        "    due: 2026-12-15\n"
        "answers:\n"
        "  short/meet/who-answers:\n"
        "    text: Kundtjänst – på måndag\n"
        "    changed: 2026-11-26T09:15:00Z\n"
    )


@pytest.mark.parametrize("order", ["Åsa first", "Øystein first"])
def test_two_answers_from_the_same_start_conflict_in_either_order(project, order):
    first, second = ("Åsa", "Øystein") if order == "Åsa first" else ("Øystein", "Åsa")
    texts = {"Åsa": "Kundtjänst först", "Øystein": "Säljarna svarar"}
    assert run_import(project, "a.json", answer(texts[first], first)).exit_code == 0
    before = status_text(project)
    result = run_import(project, "b.json", answer(texts[second], second))
    assert result.exit_code == 1
    incoming = project.parent.parent / "b.json"
    assert result.stderr == (
        f"conflict: {project.parent / 'progress.yaml'}:11:5: answers[{QUESTION}].text: "
        f"the file has '{texts[first]}'; {incoming}:7 has '{texts[second]}' "
        f"(by {second}, 2026-11-26T09:15:00Z), made from another value: nothing was written "
        f"for {QUESTION}\n"
        f"    hint: choose with --keep {QUESTION}=mine|theirs|both (mine: the file's; theirs: "
        "the import's), then import again\n"
        f"Error: nothing to import from {incoming} (0 already in the file, 1 in conflict); "
        "progress.yaml was not changed\n"
    )
    assert status_text(project) == before


@pytest.mark.parametrize(
    ("keep", "text"),
    [
        ("both", "    text: |-\n      Kundtjänst först\n\n      Säljarna svarar\n"),
        (f"{QUESTION}=theirs", "    text: Säljarna svarar\n"),
    ],
)
def test_keep_says_which_text_stays(project, keep, text):
    assert run_import(project, "a.json", answer("Kundtjänst först", "Åsa")).exit_code == 0
    result = run_import(project, "b.json", answer("Säljarna svarar", "Øystein"), "--keep", keep)
    assert result.exit_code == 0, result.output
    choice = keep.rsplit("=", 1)[-1]
    assert result.stderr == f"resolved: {QUESTION}.text: kept {choice}\n"
    assert text in status_text(project)


def test_keep_mine_leaves_the_file_and_says_so(project):
    assert run_import(project, "a.json", answer("Kundtjänst först", "Åsa")).exit_code == 0
    before = status_text(project)
    result = run_import(
        project, "b.json", answer("Säljarna svarar", "Øystein"), "--keep", f"{QUESTION}=mine"
    )
    assert result.stderr.startswith(f"resolved: {QUESTION}.text: kept mine\n")
    assert result.exit_code == 1  # nothing was imported: said, not silent
    assert status_text(project) == before


def test_a_conflict_on_one_key_writes_the_others_and_exits_1(project):
    changes = document(
        items={
            HELLO: {"status": change("in-progress", base_version("not-started"))},
            "loop/second/follow-up": {"status": change("done", "-")},
        }
    )
    result = run_import(project, "changes.json", changes)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: 1 conflict(s) not imported, nothing written for {HELLO}: import again with "
        "--keep KEY=mine|theirs|both (or --keep theirs for all)\n"
    )
    text = status_text(project)
    assert "  loop/second/follow-up:\n    status: done\n" in text
    assert "  loop/first/say-hello:\n    status: done\n" in text


def test_the_same_value_is_unchanged_never_a_conflict(project):
    result = run_import(
        project, "same.json", document(items={HELLO: {"status": change("done", "-")}})
    )
    assert result.exit_code == 1
    assert "(1 already in the file)" in result.stderr
    assert "conflict:" not in result.stderr


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"status": change("done", "xyz")},
            "changes.json:8:13: items[loop/first/say-hello].status.base: 'xyz' is not a base "
            "version",
        ),
        (
            {"status": change("finished", "-")},
            "changes.json:7:11: items[loop/first/say-hello].status.to: 'finished' is not a "
            "status\n    hint: use one of: done, in-progress, not-applicable, not-started",
        ),
        (
            {"status": change("done", "-", at="igår")},
            "changes.json:9:11: items[loop/first/say-hello].status.at: 'igår' is not a date "
            "and time",
        ),
    ],
)
def test_a_bad_change_is_refused_with_its_line_and_nothing_written(
    project, fields, expected, monkeypatch
):
    monkeypatch.chdir(project.parent.parent)
    before = status_text(project)
    result = run_import(project, "changes.json", document(items={HELLO: fields}))
    assert result.exit_code == 1
    assert expected in result.stderr, result.stderr
    assert status_text(project) == before


def test_the_snippet_the_page_writes_imports(project):
    # tests/fixtures/changes-v2.yaml is exactly what lib/changes.js writes for an issue
    # (tests/js/changes.test.js checks that): an untick of the team's done item, a tick and
    # a new answer, under the marker line.
    write_status(project.parent, FILE.replace("    owner: Åsa\n    note: Klart före mötet\n", ""))
    text = (FIXTURES / "changes-v2.yaml").read_text(encoding="utf-8")
    result = run_import(project, "issue.yaml", text)
    assert result.exit_code == 0, result.output
    assert status_text(project) == (
        "# Reviewed every Monday.\n"
        "version: 1\n"
        "items:\n"
        "  loop/first/say-hello:\n"
        "    status: not-started\n"
        "    changed: 2026-11-26T09:15:00Z\n"
        "  loop/first/know-names:\n"
        "    status: done\n"
        "    changed: 2026-11-26T09:30:00Z\n"
        "answers:\n"
        "  short/meet/who-answers:\n"
        "    text: |-\n"
        "      Kundtjänst först,\n"
        "      sedan säljarna – på måndag.\n"
        "    changed: 2026-11-26T09:20:00Z\n"
    )
