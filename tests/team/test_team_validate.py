"""`playbook validate` checks the status file beside the content and reports orphans."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.project import ALREADY_GENERATED, generate
from tests.conftest import run_cli
from tests.team.conftest import write_status

ORPHANED = "version: 1\nitems:\n  loop/first/say-hello: {status: done}\n  loop/first/gone: {status: done}\n"


def test_validate_reports_the_status_file_and_its_orphans(small_project, monkeypatch):
    write_status(small_project.parent, ORPHANED)
    monkeypatch.chdir(small_project.parent)
    result = run_cli("validate")
    assert result.exit_code == 0
    assert "progress.yaml: OK (2 entries, 1 orphaned)" in result.stdout
    assert result.stderr == (
        "warning: progress.yaml:4:3: items[loop/first/gone]: orphaned: the content no longer "
        "has the checklist item 'loop/first/gone'\n    hint: delete this entry, or move it to "
        "the item's new id (it is not shown on the site)\n"
    )
    strict = run_cli("validate", "--strict")
    assert strict.exit_code == 1
    assert "1 warning(s), and --strict: failing." in strict.stderr


def test_an_invalid_status_file_fails_validate_and_generate(small_project):
    write_status(small_project.parent, "items:\n  loop/first/say-hello: {status: yes}\n")
    for command in ("validate", "generate"):
        result = run_cli(command, "-c", str(small_project))
        assert result.exit_code == 1
        assert "items[loop/first/say-hello].status: True is not a status" in result.stderr
    assert not (small_project.parent / "playbook").exists()  # nothing was written


def test_no_status_file_is_no_team_status(small_project):
    result = run_cli("validate", "-c", str(small_project))
    assert result.exit_code == 0
    assert "progress.yaml" not in result.output


@pytest.mark.slow
def test_plain_mkdocs_build_stops_on_an_invalid_status_file(small_project):
    generate(small_project)  # once: mkdocs.yml inherits the generated settings
    write_status(small_project.parent, "items:\n  loop/first/say-hello: {status: klar}\n")
    env = {k: v for k, v in os.environ.items() if k != ALREADY_GENERATED}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=small_project.parent,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "items[loop/first/say-hello].status: 'klar' is not a status" in result.stderr


def test_generate_warns_about_orphaned_entries_too(small_project):
    write_status(small_project.parent, ORPHANED)
    result = run_cli("generate", "-c", str(small_project))
    assert result.exit_code == 0
    assert "items[loop/first/gone]: orphaned" in result.stderr
