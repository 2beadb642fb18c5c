"""The latest changes to progress.yaml, from git when the build has the history, else from
the changed: stamps (generator/team/history.py)."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.team.history import MAX_CHANGES, Change, git_changes, latest_changes
from generator.team.model import AnswerStatus, ItemStatus, TeamStatus

FIRST = "version: 1\nitems:\n  loop/first/say-hello: {status: in-progress, owner: Åsa}\n"
SECOND = (
    "version: 1\nitems:\n"
    "  loop/first/say-hello: {status: done, owner: Åsa}\n"
    "  loop/first/know-names: {status: in-progress, due: 2026-12-01}\n"
    "answers:\n  loop/first/who-first: {text: Säljarna}\n"
)


def _git(folder: Path, *args: str, when: str = "2026-11-20T10:00:00+01:00", name: str = "t"):
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q", "-b", "main")
    (project / "progress.yaml").write_text(FIRST, encoding="utf-8")
    _git(project, "add", "progress.yaml")
    _git(project, "commit", "-q", "-m", "First", name="Kim Ö")
    (project / "progress.yaml").write_text(SECOND, encoding="utf-8")
    _git(project, "add", "progress.yaml")
    message = "Team status from #12\n\nCo-authored-by: asa-k <4242+asa-k@users.noreply.github.com>"
    _git(
        project,
        "commit",
        "-q",
        "-m",
        message,
        when="2026-11-25T23:30:00+00:00",
        name="github-actions[bot]",
    )
    return project


def test_git_history_says_what_who_and_when_newest_first(repo):
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    early = datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert git_changes(repo) == (
        Change("items", "loop/first/say-hello", late, "asa-k", "done", ("status",)),
        Change("items", "loop/first/know-names", late, "asa-k", "in-progress", ("status", "due")),
        Change("answers", "loop/first/who-first", late, "asa-k", None, ("text",)),
        Change("items", "loop/first/say-hello", early, "Kim Ö", "in-progress", ("status", "owner")),
    )


def test_times_are_given_in_the_sites_time_zone(repo):
    first = latest_changes(repo, TeamStatus.empty(), "Europe/Oslo")[0]
    assert first.when.isoformat() == "2026-11-26T00:30:00+01:00"


def test_a_version_that_does_not_load_is_skipped_not_guessed(repo):
    (repo / "progress.yaml").write_text("version: 1\nitems: [", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Broken")
    (repo / "progress.yaml").write_text(SECOND.replace("status: done", "status: not-applicable"))
    _git(repo, "commit", "-q", "-am", "Fixed")
    changes = git_changes(repo)
    assert changes is not None
    # Neither the broken version nor the one after it (compared with it) says anything.
    assert [c.status for c in changes] == ["done", "in-progress", None, "in-progress"]


STAMPED = TeamStatus(
    items={
        "loop/first/say-hello": ItemStatus(status="done", changed=date(2026, 11, 1)),
        "loop/first/know-names": ItemStatus(status="in-progress"),
    },
    answers={"loop/first/who-first": AnswerStatus(text="x", changed=datetime(2026, 11, 2, 8))},
)


def test_a_shallow_clone_falls_back_to_the_changed_stamps(repo, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    assert git_changes(shallow) is None
    assert latest_changes(shallow, STAMPED) == (
        Change("answers", "loop/first/who-first", datetime(2026, 11, 2, 8), "", None, ("text",)),
        Change("items", "loop/first/say-hello", date(2026, 11, 1), "", "done", ("status",)),
    )


def test_without_git_the_stamps_are_the_history(tmp_path):
    assert git_changes(tmp_path) is None
    assert len(latest_changes(tmp_path, STAMPED)) == 2


def test_the_page_lists_at_most_the_latest_few(repo):
    for number in range(MAX_CHANGES + 3):
        text = SECOND.replace("Säljarna", f"Säljarna {number}")
        (repo / "progress.yaml").write_text(text, encoding="utf-8")
        _git(repo, "commit", "-q", "-am", f"Answer {number}")
    changes = latest_changes(repo, TeamStatus.empty())
    assert len(changes) == MAX_CHANGES
    assert changes[0].key == "loop/first/who-first" and changes[0].who == "t"
