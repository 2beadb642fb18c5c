"""Shared fixtures. All output goes to tmp_path, never into the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://example.github.io/journey-playbook/"
"""The address the default site is built for, as CI builds it for GitHub project pages."""
BASE_PATH = "/journey-playbook/"
SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14: the sitemap's dates, so builds can be compared


@pytest.fixture(scope="session", autouse=True)
def _parse_cache_in_tmp(tmp_path_factory):
    """The parse cache of every test (and of the commands tests run) in a folder of the test
    run's own, never the user's cache folder."""
    os.environ["PLAYBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/ from the current renderer instead of comparing.",
    )


def pytest_report_header(config):
    from tests.browser import browser_description

    return f"browser tests use {browser_description()}"


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def run_cli(*args: str):
    """Run the `playbook` command in-process; exceptions propagate (no hidden tracebacks)."""
    from click.testing import CliRunner

    from generator.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_project(folder: Path, content: str | Path) -> Path:
    """A project folder with content.yaml and the repository's mkdocs.yml; returns content path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "content.yaml"
    if isinstance(content, Path):
        shutil.copyfile(content, target)
    else:
        target.write_text(content, encoding="utf-8")
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return target


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The small fixture playbook as a project in tmp_path; returns its content.yaml."""
    return make_project(tmp_path / "project", FIXTURES / "small.yaml")


@dataclass(frozen=True)
class BuiltSite:
    """A project folder after `playbook build`, and what the build printed."""

    project: Path
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.project / "site"


def build_command(content: Path, *args: str) -> list[str]:
    """`playbook build` of the default site as default_site runs it; ``args`` add options."""
    return [
        sys.executable,
        "-m",
        "generator",
        "build",
        "-c",
        str(content),
        "--site-url",
        SITE_URL,
        *args,
    ]


def build_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("PLAYBOOK_ALREADY_GENERATED", None)  # set only by `playbook build` for its mkdocs
    return env


def build_project(content: Path, *args: str) -> Path:
    """Run build_command as a subprocess, fail the test with its output unless it succeeds,
    and return the project's site folder."""
    result = subprocess.run(
        build_command(content, *args), env=build_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return content.parent / "site"


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> BuiltSite:
    """The default content built once per test run, the way CI publishes it: `playbook build`
    with a site URL, plus one hand-written page beside the generated ones.

    Shared by every test that only reads the default site (HTML checks, browser, search), so
    it is built once, not once per module. Tests must not write into it.
    """
    project = tmp_path_factory.mktemp("default-site")
    content = make_project(project, REPO / "content.yaml")
    (project / "playbook").mkdir()
    (project / "playbook/workshop-notes.md").write_text(
        "# Våra anteckningar\n\nÅ ä ö æ ø.\n", "utf-8"
    )
    result = subprocess.run(
        build_command(content),
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(project, result.stdout, result.stderr)
