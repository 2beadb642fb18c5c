"""Fixtures for the team status tests: the small playbook, and a status file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.content.model import Playbook
from tests.conftest import FIXTURES


@pytest.fixture(scope="session")
def small_playbook() -> Playbook:
    """tests/fixtures/small.yaml: journeys loop (first, second) and short (meet, decide),
    the journey item short/-/gather-team, and the shared checklist basics."""
    return load_content(FIXTURES / "small.yaml")


def write_status(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "progress.yaml"
    path.write_text(text, encoding="utf-8")
    return path
