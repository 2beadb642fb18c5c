"""The parse cache: the same data as a fresh parse, exact positions, and never anything the
work tree holds (issue #23): it lives in the user's cache folder, and a bad entry of any kind
is parsed again, silently."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.content import parse_cache
from generator.content.loader import load_parsed
from generator.content.source import MAX_DEPTH, MAX_NODES, read_yaml
from generator.errors import ContentError
from tests.conftest import FIXTURES, REPO

LIMITS = {"max_depth": MAX_DEPTH, "max_nodes": MAX_NODES}
"""The parser's limits, which the parser passes to the cache."""

CONTENT_FILES = sorted(
    [REPO / "content.yaml", *FIXTURES.glob("*.yaml"), *(REPO / "examples").rglob("*.yaml")]
)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(folder))
    return folder / "parse"


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
    filled = read_yaml(copy, cache=True)
    assert typed(filled.data) == typed(fresh.data)
    assert parse_cache.lookup(copy, copy.read_bytes(), **LIMITS) is not None, "not cached"
    cached = read_yaml(copy, cache=True)
    assert type(cached.source).__name__ == "LazySourceMap"  # really from the cache
    assert typed(cached.data) == typed(fresh.data)


def test_non_text_keys_are_parsed_not_cached(tmp_path):
    content = tmp_path / "odd.yaml"
    content.write_text("2: två\nno: nej\nx: .nan\n", "utf-8")
    first = read_yaml(content, cache=True)
    assert parse_cache.lookup(content, content.read_bytes(), **LIMITS) is None
    assert typed(read_yaml(content, cache=True).data) == typed(first.data)


def test_an_edit_is_parsed_again(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text("site:\n  title: Bänk\n", "utf-8")
    read_yaml(content, cache=True)
    content.write_text("site:\n  title: Benk æ ø å\n", "utf-8")
    assert read_yaml(content, cache=True).data == {"site": {"title": "Benk æ ø å"}}


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
    assert parse_cache.lookup(content, content.read_bytes(), **LIMITS) is not None
    assert error_lines(content, cache=True) == uncached


def test_the_cache_is_in_the_users_cache_folder_not_the_project(small_project: Path, cache):
    from generator.project import generate

    generate(small_project, check=True)  # --check writes nothing, not even the cache
    assert not cache.exists()
    generate(small_project)
    assert len(list(cache.glob("*.json"))) == 1
    assert not (small_project.parent / ".playbook/cache").exists()


def test_the_users_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(parse_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert parse_cache.cache_folder() == tmp_path / "xdg/journey-playbook/parse"


def _entry_for(content: Path, data) -> dict:
    import hashlib

    return {
        "format": parse_cache.FORMAT,
        "sha256": hashlib.sha256(content.read_bytes()).hexdigest(),
        "data": data,
    }


def test_an_entry_planted_in_the_project_changes_nothing(small_project: Path):
    # Issue #23: a pull request force-added .playbook/cache/<hash>.json, and CI published
    # content that is in no reviewed file. The project's folder is no longer read at all.
    import hashlib

    from generator.project import generate

    project = small_project.parent
    data = read_yaml(small_project).data
    data["site"]["title"] = {"sv": "PLANTED", "nb": "PLANTED", "en": "PLANTED"}
    planted = _entry_for(small_project, data)
    # Named as the cache in the project named its entries: by the content file's path.
    name = hashlib.sha256(str(small_project.resolve()).encode()).hexdigest()[:32]
    (project / ".playbook/cache").mkdir(parents=True)
    (project / ".playbook/cache" / f"{name}.json").write_text(json.dumps(planted), "utf-8")
    generate(small_project)
    pages = [path.read_text("utf-8") for path in (project / "playbook").rglob("*.md")]
    assert pages and not [page for page in pages if "PLANTED" in page]
    assert any("Liten resa" in page for page in pages)


@pytest.mark.parametrize(
    "entry",
    [
        "deep",  # nested past the parse limits: a RecursionError, once a traceback
        "wide",  # more values than the parser allows
        b"\xff\xfe not json",
        "symlink",  # to /dev/zero: read without following, so never read at all
        "folder",
        "huge",
    ],
)
def test_a_bad_entry_is_parsed_again_silently(tmp_path, cache, entry):
    content = tmp_path / "content.yaml"
    content.write_text("site:\n  title: Åre\n", "utf-8")
    fresh = read_yaml(content).data
    read_yaml(content, cache=True)
    (path,) = cache.glob("*.json")
    path.unlink()
    if entry == "deep":
        record = json.dumps(_entry_for(content, "DEEP"))
        path.write_text(record.replace('"DEEP"', "[" * 100_000 + "]" * 100_000), "utf-8")
    elif entry == "wide":
        path.write_text(json.dumps(_entry_for(content, [[0]] * 300_000)), "utf-8")
    elif entry == "symlink":
        path.symlink_to("/dev/zero")
    elif entry == "folder":
        path.mkdir()
    elif entry == "huge":
        with path.open("wb") as stream:
            stream.truncate(parse_cache.MAX_ENTRY_BYTES + 1)
    else:
        path.write_bytes(entry)
    assert parse_cache.lookup(content, content.read_bytes(), **LIMITS) is None
    parsed = read_yaml(content, cache=True)
    assert parsed.data == fresh and type(parsed.source).__name__ == "SourceMap"


def test_the_cache_keeps_at_most_its_number_of_entries(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    for number in range(5):
        content = tmp_path / f"c{number}.yaml"
        content.write_text(f"site:\n  title: Nr {number}\n", "utf-8")
        read_yaml(content, cache=True)
    assert len(list(cache.glob("*.json"))) == 3
    assert (
        parse_cache.lookup(content, content.read_bytes(), **LIMITS) is not None
    )  # the newest stays
