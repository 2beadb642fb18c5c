"""team.publish: what the rendered pages hold of the team's state under full, counts and none.

Rendered without mkdocs (fast); tests/site/test_team_publish.py builds a client site for
real and searches every file of it.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from generator.content.loader import load_content
from generator.content.source import read_yaml
from generator.site.render import render
from generator.team.history import stamped_changes
from generator.team.loader import validate_status
from generator.team.published import published
from tests.conftest import FIXTURES

TODAY = date(2023, 11, 14)
PRIVATE = ("ÅÄÖ-teamet", "Øystein", "Väntar på", "Kundtjänst först", "2023-11-03", "2023-11-01 |")
"""The fixture status file's owners, note, answer and change stamps (as history shows them)."""


@pytest.fixture(scope="module")
def status():
    return validate_status(read_yaml(FIXTURES / "small-progress.yaml"))


def _render(mode: str, status, **site) -> dict[str, str]:
    playbook = load_content(FIXTURES / "small.yaml")
    playbook = playbook.model_copy(
        update={
            "team": playbook.team.model_copy(update={"publish": mode}),
            "site": playbook.site.model_copy(update=site),
        }
    )
    history = stamped_changes(status) if status else ()
    pages = render(playbook, team=status, today=TODAY, history=history)
    return {path.as_posix(): text for path, text in pages.items()}


def test_full_shows_owners_notes_answers_and_history(status):
    everything = "\n".join(_render("full", status).values())
    for text in PRIVATE:
        assert text in everything, text


def test_counts_shows_no_owner_note_answer_or_history_anywhere(status):
    pages = _render("counts", status)
    everything = "\n".join(pages.values())
    assert [text for text in PRIVATE if text in everything] == []
    assert "playbook-team-answer" not in everything and "{ #history }" not in everything
    assert "data-team-answers='{}'" in pages["playbook/index.md"]


def test_counts_still_counts_statuses_due_dates_and_overdue(status):
    pages = _render("counts", status)
    stage = pages["playbook/stages/loop/first.en.md"]
    # say-hello done, know-names in progress and overdue, and the shared checklist shown on
    # the stage: answer-fast not applicable, say-thanks open. The bar counts 1 of 3.
    assert '<progress max="3" value="1" aria-label="Progress: First">' in stage
    assert 'due 2023-11-01 · <strong class="playbook-team-state__overdue">' in stage
    data = json.loads(html.unescape(re.search(r"data-progress='([^']*)'", stage).group(1)))
    # Status and due date, each with the version a reader's change is made from; no owner.
    assert data["items"] == {
        "loop/first/know-names": {
            "status": "in-progress",
            "due": "2023-11-01",
            "base": {"status": "ed1866d0", "due": "bc1a430d"},
        },
        "loop/first/say-hello": {"status": "done", "base": {"status": "a4c3ed04"}},
        "shared/basics/answer-fast": {"status": "not-applicable", "base": {"status": "976d6318"}},
    }
    assert data["answers"] == {}
    team = pages["playbook/team.en.md"]
    assert team.count("playbook-board__owner") == team.count('name="owner"') == 0
    assert team.count("playbook-board__note") == team.count('name="mine"') == 0
    # The summary line still counts the team's one answer (short/meet/who-answers).
    assert " · Answers: 1/1</p>" in team
    assert "This site shows statuses, due dates and the numbers" in team


def test_none_renders_what_a_project_without_a_status_file_renders(status):
    assert _render("none", status) == _render("full", None)


def test_none_still_links_the_existing_status_file_for_editing(status):
    repo = {"repo_url": "https://github.com/acme/small"}
    home = _render("none", status, **repo)["playbook/index.md"]
    assert "https://github.com/acme/small/edit/main/progress.yaml" in home


def test_counts_keeps_only_an_allowlist_of_each_items_fields(status):
    shown = published(status, "counts")
    assert shown is not None
    fields = {
        key: set(entry.model_dump(exclude_none=True)) for key, entry in shown.status.items.items()
    }
    assert fields == {
        "loop/first/say-hello": {"status"},
        "loop/first/know-names": {"status", "due"},
        "shared/basics/answer-fast": {"status"},
        "short/-/gather-team": {"status"},
    }
    assert shown.status.answers == {} and shown.answered == {"short/meet/who-answers"}
    assert shown.history == ()
