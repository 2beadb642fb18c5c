"""Shared fixtures. All output goes to tmp_path, never into the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
