"""Start where newcomers and CI start: a `git clone` holding tracked files only.

Each test clones, then runs every `run:` step of the workflow that the project ships, in
order, read from the workflow file itself (so the test and the workflow cannot drift).
Install steps use this test environment; the step that runs this test suite is skipped,
so the suite does not recurse. Issue #10: the project's first release passed here and
failed on its first fresh clone.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO

pytestmark = pytest.mark.slow

_SKIPPED_COMMANDS = ("pip install", "playwright install", "pytest")
"""Steps that install (this environment has it all) or run this very suite."""


def _git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def _clone(source: Path, target: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(source), str(target)], check=True)
    return target


def workflow_steps(workflow: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(name, command, env) of every `run:` step of the build job, in order."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    job = data["jobs"]["build"]
    steps = []
    for step in job["steps"]:
        if "run" not in step:
            continue
        env = {
            **{k: str(v) for k, v in data.get("env", {}).items()},
            **{k: str(v) for k, v in job.get("env", {}).items()},
            **{k: str(v) for k, v in step.get("env", {}).items()},
        }
        # Expressions are evaluated as on a pull request, where no Pages step has run.
        env = {k: "" if "${{" in v else v for k, v in env.items()}
        steps.append((step.get("name", step["run"]), step["run"], env))
    return steps


def run_workflow(project: Path, code: Path) -> list[str]:
    """Run the project's workflow steps in ``project``; ``code`` is the checkout whose
    `generator` package the commands must use. Returns the names of the steps run."""
    ran = []
    runner_temp = project.parent / f"{project.name}-runner-temp"
    runner_temp.mkdir(exist_ok=True)
    for name, command, step_env in workflow_steps(project / ".github/workflows/pages.yml"):
        if any(skipped in command for skipped in _SKIPPED_COMMANDS):
            continue
        env = {
            **os.environ,
            **step_env,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(code),
            "NO_MKDOCS_2_WARNING": "1",
            # Where the runner keeps what is not in the checkout (the Pages archive).
            "RUNNER_TEMP": str(runner_temp),
        }
        env.pop("PLAYBOOK_ALREADY_GENERATED", None)
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, f"step '{name}' failed:\n{result.stdout}\n{result.stderr}"
        ran.append(name)
    return ran


def snapshot(project: Path) -> dict[str, int]:
    """mtime of every generated file, to tell whether a later build rewrote any."""
    folders = [project / "playbook", project / ".playbook"]
    return {
        str(p): p.stat().st_mtime_ns for folder in folders for p in folder.rglob("*") if p.is_file()
    }


def assert_clean_and_stable(project: Path, code: Path) -> None:
    assert _git(project, "status", "--porcelain") == ""
    assert_no_duplicate_navigation(project / "site")
    before = snapshot(project)
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    second = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "Generated: 0 created, 0 updated, 0 removed" in second.stdout
    assert snapshot(project) == before
    assert _git(project, "status", "--porcelain") == ""


def assert_no_duplicate_navigation(site: Path) -> None:
    homes = [site / "index.html"] + [
        folder / "index.html"
        for folder in site.iterdir()
        if len(folder.name) == 2 and (folder / "index.html").exists()
    ]
    assert len(homes) >= 2
    for home in homes:
        html = home.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"#]+)" class="md-nav__link', html)
        twice = [link for link, count in collections.Counter(links).items() if count > 1]
        assert links and twice == [], f"{home}: listed twice in the navigation: {twice}"


def test_a_fresh_clone_passes_its_own_workflow(tmp_path):
    clone = _clone(REPO, tmp_path / "clone")
    ran = run_workflow(clone, clone)
    assert any("playbook build" in name or "Build" in name for name in ran), ran
    assert "Generated pages are up to date" in ran
    assert_clean_and_stable(clone, clone)


def test_a_fresh_clone_with_other_content_builds_cleanly(tmp_path):
    # A consultant replaces content.yaml with another playbook before the first build:
    # nothing of the default playbook may be left behind (issue #10: 30 strict warnings).
    clone = _clone(REPO, tmp_path / "clone")
    shutil.copyfile(FIXTURES / "other-playbook.yaml", clone / "content.yaml")
    (clone / "translations.lock").unlink()
    env = {**os.environ, "PYTHONPATH": str(clone), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "generator", "translations", "confirm"],
        cwd=clone,
        env=env,
        check=True,
        capture_output=True,
    )
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "-m", "Another playbook")
    run_workflow(clone, clone)
    assert (clone / "site/stages/membership/joining/index.html").exists()
    assert not (clone / "site/glossary").exists()
    assert not (clone / "site/stages/customer-journey").exists()
    assert_clean_and_stable(clone, clone)


def test_a_client_project_from_init_passes_its_workflow_on_a_fresh_clone(tmp_path):
    code = _clone(REPO, tmp_path / "tool")
    made = tmp_path / "made"
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    init = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "init",
            str(made),
            "--name",
            "Kunde AS",
            "--languages",
            "nb,en",
            "--package",
            "journey-playbook==0.1.0",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    assert "Settings -> Pages" in init.stdout
    _git(made, "init", "-q", "-b", "main")
    _git(made, "add", "-A")
    _git(made, "commit", "-q", "-m", "Client playbook")
    clone = _clone(made, tmp_path / "client")
    ran = run_workflow(clone, code)
    assert "Build (strict)" in ran
    assert "Translations (stale ones fail, missing ones are a warning)" in ran
    assert (clone / "site/nb/index.html").exists() or (clone / "site/index.html").exists()
    assert_clean_and_stable(clone, code)
