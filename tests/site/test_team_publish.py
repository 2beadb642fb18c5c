"""A new client project with a status file publishes no owner, note or answer anywhere in
site/ (issue #25), while its bars still count the team's state; a project under full
shows the latest changes from its git history."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest

from generator.project import generate
from tests.conftest import FIXTURES, build_env, make_project

STATUS = """\
version: 1
items:
  customer-journey/awareness/known-for:
    status: done
    owner: Zorblax Øyvindsdóttir
    note: notecanary7781 – ring æøå-gruppen
    changed: 2026-11-20
  customer-journey/awareness/values-visible:
    status: in-progress
    owner: Qwyneth Ålander
    due: 2023-11-01
answers:
  customer-journey/awareness/recognised-without-buying:
    text: answercanary4493 – kunderne kender os på farverne
"""
SECRETS = (
    "Zorblax", "Øyvindsdóttir", "Qwyneth", "Ålander", "notecanary7781", "æøå-gruppen",
    "answercanary4493", "kender os på farverne", "2026-11-20",
)  # fmt: skip


def _forms(text: str) -> set[str]:
    """Every way a site file may hold ``text``: as it is, HTML-escaped, JSON-escaped."""
    return {
        text,
        html.escape(text),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }


@pytest.mark.slow
def test_a_new_client_project_publishes_counts_and_no_names_notes_or_answers(tmp_path):
    project = tmp_path / "client"
    init = subprocess.run(
        [sys.executable, "-m", "generator", "init", str(project), "--name", "Kunde A/S",
         "--languages", "da,en", "--package", "journey-playbook==0.1.0"],
        capture_output=True, text=True, check=False, env=build_env(),
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert "set team.publish: full in content.yaml" in init.stdout
    (project / "progress.yaml").write_text(STATUS, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(project / "content.yaml")],
        capture_output=True, text=True, check=False, env=build_env(),
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    assert (
        f"Team status ({project}/progress.yaml), team.publish: counts: the site shows statuses, "
        "due dates, overdue marks and the numbers; no owners, notes, answers or history."
    ) in build.stdout
    site = project / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    kinds = {path.suffix for path in files}
    # Pages, search, downloads (no sitemap: a site without an address has none).
    assert {".html", ".json", ".csv", ".svg"} <= kinds
    found = []
    for path in files:
        data = path.read_bytes().decode("utf-8", errors="replace")
        found += [
            f"{path.relative_to(site)}: {secret}"
            for secret in SECRETS
            for form in _forms(secret)
            if form in data
        ]
    assert found == []
    # The bars and marks still count the team: 1 of the stage's items done, 1 overdue.
    stage = (site / "stages/customer-journey/awareness/index.html").read_text("utf-8")
    assert 'data-team="done"' in stage and 'data-team="in-progress"' in stage
    assert "playbook-team-item--overdue" in stage
    team = (site / "team/index.html").read_text("utf-8")
    assert "Teamets status" in team


def _git(folder, *args):
    env = {
        "GIT_AUTHOR_NAME": "github-actions[bot]", "GIT_AUTHOR_EMAIL": "bot@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-11-25T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-25T12:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder), "PATH": "/usr/bin:/bin",
    }  # fmt: skip
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


@pytest.mark.parametrize("mode", ["full", "counts"])
def test_generate_reads_the_history_only_under_full(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    text = content.read_text(encoding="utf-8").replace("publish: full", f"publish: {mode}")
    # The commit is at 12:00 UTC; the page shows it in the site's time zone (CET in November).
    text = text.replace("site:\n", "site:\n  time_zone: Europe/Stockholm\n", 1)
    content.write_text(text, encoding="utf-8")
    _git(content.parent, "init", "-q", "-b", "main")
    (content.parent / "progress.yaml").write_text(
        "version: 1\nitems:\n  loop/first/say-hello: {status: done}\n", encoding="utf-8"
    )
    _git(content.parent, "add", "-A")
    _git(
        content.parent,
        "commit",
        "-q",
        "-m",
        "Status\n\nCo-authored-by: Åsa K <1+asa@users.noreply.github.com>",
    )
    report = generate(content)
    page = (content.parent / "playbook/team.en.md").read_text(encoding="utf-8")
    if mode == "full":
        assert "| 2026-11-25 13:00 | Åsa K | Say hello | Done |" in page
    else:
        assert "Åsa K" not in page and "{ #history }" not in page
    assert report.notes == [
        f"Team status ({content.parent}/progress.yaml), team.publish: {mode}: the site shows "
        + {"full": "statuses, owners, due dates, notes, answers and the latest changes",
           "counts": "statuses, due dates, overdue marks and the numbers; no owners, notes, answers or history"}[mode]
        + "."
    ]  # fmt: skip
