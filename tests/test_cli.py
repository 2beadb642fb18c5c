"""The playbook command: exit codes, messages without tracebacks, help with examples."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator import __version__
from tests.conftest import run_cli as run


def test_validate_ok(small_project):
    result = run("validate", "-c", str(small_project))
    assert result.exit_code == 0
    assert "OK (2 journeys, 4 stages)" in result.output


def test_validate_reports_errors_with_exit_1_and_no_traceback(small_project):
    text = small_project.read_text(encoding="utf-8")
    small_project.write_text(text.replace("cyclic: true", "cylic: true"), encoding="utf-8")
    result = run("validate", "-c", str(small_project))
    assert result.exit_code == 1
    assert f"{small_project}:12:5: journeys[loop].cylic: unknown key 'cylic'" in result.output
    assert "Traceback" not in result.output


def test_generate_then_check_passes_and_writes_nothing_more(small_project):
    assert run("generate", "-c", str(small_project)).exit_code == 0
    result = run("generate", "--check", "-c", str(small_project))
    assert result.exit_code == 0 and "Up to date" in result.output


def test_generate_check_fails_when_content_changed(small_project):
    generated = run("generate", "-c", str(small_project))
    # 76: the pages, exports and, per language, the team's spreadsheet, task list and Jira
    # file (no calendar: without a status file nothing has a due date).
    assert generated.exit_code == 0 and "Generated: 76 created" in generated.output
    text = small_project.read_text(encoding="utf-8")
    small_project.write_text(text.replace("Säg hej", "Säg hejsan"), encoding="utf-8")
    result = run("generate", "--check", "-c", str(small_project))
    assert result.exit_code == 1
    assert "would change: playbook/stages/loop/first.md" in result.output
    # Only the Swedish page shows that text.
    assert "first.nb.md" not in result.output


def test_generate_check_fails_when_a_file_would_only_be_removed(small_project):
    # A page left behind (a stage renamed while the manifest was lost) is all that differs:
    # nothing to create or update, one file to remove. --check once said "Up to date" (issue #30).
    assert run("generate", "-c", str(small_project)).exit_code == 0
    stages = small_project.parent / "playbook/stages/loop"
    left_over = stages / "left-over.md"
    left_over.write_bytes((stages / "first.md").read_bytes())  # carries the generator's mark
    result = run("generate", "--check", "-c", str(small_project))
    assert result.exit_code == 1
    assert result.output == (
        "would change: playbook/stages/loop/left-over.md\n"
        "Generated files are out of date: run 'playbook generate'.\n"
    )
    assert left_over.exists()  # --check writes and removes nothing
    assert run("generate", "-c", str(small_project)).output == (
        "Generated: 0 created, 0 updated, 1 removed, 76 unchanged.\n"
    )
    assert not left_over.exists()


def test_generate_refuses_hand_edit_then_force_overrides(small_project):
    assert run("generate", "-c", str(small_project)).exit_code == 0
    page = small_project.parent / "playbook/stages/loop/first.md"
    page.write_text("hand edit", encoding="utf-8")
    text = small_project.read_text(encoding="utf-8")
    small_project.write_text(text.replace("Säg hej", "Säg hejsan"), encoding="utf-8")
    refused = run("generate", "-c", str(small_project))
    assert refused.exit_code == 1 and "playbook/stages/loop/first.md" in refused.output
    assert page.read_text(encoding="utf-8") == "hand edit"
    forced = run("generate", "--force", "-c", str(small_project))
    assert forced.exit_code == 0 and "hejsan" in page.read_text(encoding="utf-8")


def test_missing_content_file_is_a_clear_error(tmp_path):
    result = run("validate", "-c", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1 and "file not found" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "generate",
        "build",
        "serve",
        "schema",
        "translations",
        "diff",
        "show",
        "init",
        "upgrade",
        "export",
    ],
)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"playbook {command}" in result.output


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_a_corrupt_manifest_is_one_clear_error(small_project):
    import subprocess
    import sys

    manifest = small_project.parent / ".playbook/manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"files": {"playbook/index.md": ', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "-c", str(small_project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "manifest.json" in lines[0] and "unreadable" in lines[0], lines
