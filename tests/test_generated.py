"""One answer to "which files does the generator own", read by everyone who needs it."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest

from generator.fork.init import render_project
from generator.generated import (
    GENERATED_PATHS,
    gitignore_lines,
    is_generated_path,
    mark,
    mark_state,
    strip_mark,
)
from tests.conftest import REPO


def test_the_repository_gitignore_lists_exactly_the_generated_paths():
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = [line for line in lines if line.startswith(("/playbook", "/.playbook"))]
    assert ignored == gitignore_lines()


def test_the_readme_lists_exactly_the_generated_paths():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- generated-paths: start -->")[1].split(
        "<!-- generated-paths: end -->"
    )[0]
    assert re.findall(r"^\* `([^`]+)`$", block, re.MULTILINE) == list(GENERATED_PATHS)


def test_the_gitignore_that_init_writes_lists_the_generated_paths():
    files = render_project("Acme", "default", ["sv", "en"], "journey-playbook==1.0")
    lines = files[".gitignore"].splitlines()
    assert [
        line for line in lines if line.startswith(("/playbook", "/.playbook"))
    ] == gitignore_lines()


def test_no_generated_file_is_tracked_in_the_repository():
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    if not tracked:
        pytest.skip("not a git checkout")
    keep = {"playbook/stages/.gitkeep"}  # keeps the layout's folder in a fresh clone
    assert [path for path in tracked if is_generated_path(path) and path not in keep] == []


@pytest.mark.parametrize(
    "path, expected",
    [
        ("playbook/index.md", True),
        ("playbook/index.nb.md", True),
        ("playbook/glossary.en.md", True),
        ("playbook/stages/customer-journey/awareness.md", True),
        ("playbook/downloads/checklists-sv.csv", True),
        (".playbook/manifest.json", True),
        ("playbook/workshop-notes.md", False),
        ("playbook/notes/index.md", False),  # index.md only at the top of playbook/
        ("playbook/glossary-extra.md", False),
        ("content.yaml", False),
        ("mkdocs.yml", False),
    ],
)
def test_is_generated_path(path, expected):
    assert is_generated_path(path) is expected


@pytest.mark.parametrize(
    "page",
    [b"# Title\n\nText with \xc3\xa5\xc3\xa4\xc3\xb6\n", b"---\ntitle: X\n---\n\n# X\n", b""],
)
def test_a_mark_survives_until_the_page_is_edited(page):
    path = PurePosixPath("playbook/stages/j/s.md")
    marked = mark(path, page)
    assert mark_state(path, marked) is True
    assert strip_mark(marked) == page
    assert mark_state(path, marked.replace(b"---\n", b"---\n\n", 1)) is None
    assert mark_state(path, marked + b"edited\n") is False
    assert mark_state(path, page) is None


def test_other_files_carry_no_mark():
    data = b"a;b\n1;2\n"
    assert mark(PurePosixPath("playbook/downloads/x.csv"), data) == data
