"""The parse cache: the same data as a fresh parse, exact positions, never outside the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content import parse_cache
from generator.content.loader import load_parsed
from generator.content.source import read_yaml
from generator.errors import ContentError
from tests.conftest import FIXTURES, REPO

CONTENT_FILES = sorted(
    [REPO / "content.yaml", *FIXTURES.glob("*.yaml"), *(REPO / "examples").rglob("*.yaml")]
)


def typed(value):
    """``value`` with every type spelt out: True == 1 == 1.0 would hide a changed type."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


@pytest.mark.parametrize("source", CONTENT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_cached_data_is_identical_to_a_fresh_parse(source: Path, tmp_path):
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    fresh = read_yaml(copy)
    filled = read_yaml(copy, cache=tmp_path)
    assert typed(filled.data) == typed(fresh.data)
    assert parse_cache.lookup(tmp_path, copy, copy.read_bytes()) is not None, "not cached"
    cached = read_yaml(copy, cache=tmp_path)
    assert type(cached.source).__name__ == "LazySourceMap"  # really from the cache
    assert typed(cached.data) == typed(fresh.data)


def test_non_text_keys_are_parsed_not_cached(tmp_path):
    content = tmp_path / "odd.yaml"
    content.write_text("2: två\nno: nej\nx: .nan\n", "utf-8")
    first = read_yaml(content, cache=tmp_path)
    assert parse_cache.lookup(tmp_path, content, content.read_bytes()) is None
    assert typed(read_yaml(content, cache=tmp_path).data) == typed(first.data)


def test_an_edit_is_parsed_again(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text("site:\n  title: Bänk\n", "utf-8")
    read_yaml(content, cache=tmp_path)
    content.write_text("site:\n  title: Benk æ ø å\n", "utf-8")
    assert read_yaml(content, cache=tmp_path).data == {"site": {"title": "Benk æ ø å"}}


def error_lines(content: Path, cache: bool) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_parsed(content, display_name="content.yaml", cache=cache)
    return [str(issue) for issue in raised.value.issues]


def test_errors_point_at_the_same_line_and_column_from_the_cache(tmp_path):
    text = (REPO / "content.yaml").read_text("utf-8")
    # A checklist item's id that is not an id, deep inside the file.
    broken = text.replace("id: find-ambassadors", "id: Hitta ambassadörer", 1)
    assert broken != text
    content = tmp_path / "content.yaml"
    content.write_text(broken, "utf-8")
    uncached = error_lines(content, cache=False)
    assert any(":" in line and "Hitta ambassadörer" in line for line in uncached), uncached
    error_lines(content, cache=True)  # fills the cache (the parse itself succeeds)
    assert parse_cache.lookup(tmp_path, content, content.read_bytes()) is not None
    assert error_lines(content, cache=True) == uncached


def test_a_symlinked_cache_folder_is_never_used(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    (project / ".playbook").mkdir(parents=True)
    (project / ".playbook/cache").symlink_to(outside, target_is_directory=True)
    content = project / "content.yaml"
    content.write_text("site:\n  title: Åre\n", "utf-8")
    read_yaml(content, cache=project)
    assert list(outside.iterdir()) == []


def test_generate_check_writes_no_cache(small_project: Path):
    from generator.project import generate

    generate(small_project, check=True)
    assert not (small_project.parent / ".playbook/cache").exists()
    generate(small_project)
    assert list((small_project.parent / ".playbook/cache").glob("*.json"))
