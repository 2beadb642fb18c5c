"""Writer: only changed bytes are written, stale pages go, and a person's files are never lost."""

from __future__ import annotations

import os
from pathlib import PurePosixPath

import pytest

from generator.errors import GeneratorError, WriteConflictError
from generator.generated import mark, strip_mark
from generator.writer import MANIFEST, read_manifest, write_outputs

P = PurePosixPath


def page_text(path) -> str:
    """A written page without the generator's mark."""
    return strip_mark(path.read_bytes()).decode("utf-8")


def outputs(**pages: str) -> dict[PurePosixPath, str]:
    return {P(f"playbook/stages/{name}.md"): text for name, text in pages.items()}


def test_first_write_creates_files_and_manifest(tmp_path):
    report = write_outputs(outputs(a="A", b="B – å ø"), tmp_path)
    assert report.created == ["playbook/stages/a.md", "playbook/stages/b.md"]
    assert page_text(tmp_path / "playbook/stages/b.md") == "B – å ø"
    assert set(read_manifest(tmp_path)) == {"playbook/stages/a.md", "playbook/stages/b.md"}


def test_unchanged_files_are_not_rewritten(tmp_path):
    write_outputs(outputs(a="A", b="B"), tmp_path)
    page = tmp_path / "playbook/stages/a.md"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    manifest_mtime = (tmp_path / MANIFEST).stat().st_mtime_ns
    report = write_outputs(outputs(a="A", b="B"), tmp_path)
    assert report.files_written == 0 and not report.changed
    assert page.stat().st_mtime_ns == 1_000_000_000
    assert (tmp_path / MANIFEST).stat().st_mtime_ns == manifest_mtime


def test_only_the_changed_file_is_rewritten(tmp_path):
    write_outputs(outputs(a="A", b="B"), tmp_path)
    report = write_outputs(outputs(a="A", b="B2"), tmp_path)
    assert report.updated == ["playbook/stages/b.md"] and report.files_written == 1


def test_stale_generated_pages_are_removed_with_empty_folders(tmp_path):
    pages = {P("playbook/stages/j/x.md"): "X", P("playbook/stages/k/y.md"): "Y"}
    write_outputs(pages, tmp_path)
    report = write_outputs({P("playbook/stages/j/x.md"): "X"}, tmp_path)
    assert report.removed == ["playbook/stages/k/y.md"]
    assert not (tmp_path / "playbook/stages/k").exists()
    assert (tmp_path / "playbook/stages/j/x.md").exists()
    assert "playbook/stages/k/y.md" not in read_manifest(tmp_path)


def test_hand_edited_page_is_refused_and_nothing_is_written(tmp_path):
    write_outputs(outputs(a="A", b="B"), tmp_path)
    edited = tmp_path / "playbook/stages/a.md"
    edited.write_text("A, improved by hand", encoding="utf-8")
    with pytest.raises(WriteConflictError) as caught:
        write_outputs(outputs(a="A2", b="B2"), tmp_path)
    assert "playbook/stages/a.md" in str(caught.value) and "--force" in str(caught.value)
    assert edited.read_text(encoding="utf-8") == "A, improved by hand"
    assert page_text(tmp_path / "playbook/stages/b.md") == "B"


def test_hand_edited_stale_page_is_not_deleted(tmp_path):
    write_outputs(outputs(a="A", b="B"), tmp_path)
    edited = tmp_path / "playbook/stages/b.md"
    edited.write_text("my notes", encoding="utf-8")
    with pytest.raises(WriteConflictError):
        write_outputs(outputs(a="A"), tmp_path)
    assert edited.read_text(encoding="utf-8") == "my notes"


def test_hand_written_file_at_a_generated_path_is_refused(tmp_path):
    page = tmp_path / "playbook/stages/a.md"
    page.parent.mkdir(parents=True)
    page.write_text("written by a person", encoding="utf-8")
    with pytest.raises(WriteConflictError):
        write_outputs(outputs(a="A"), tmp_path)
    assert page.read_text(encoding="utf-8") == "written by a person"


def test_hand_written_pages_elsewhere_are_left_alone(tmp_path):
    own = tmp_path / "playbook/about.md"
    own.parent.mkdir(parents=True)
    own.write_text("about us", encoding="utf-8")
    write_outputs(outputs(a="A"), tmp_path)
    write_outputs(outputs(b="B"), tmp_path)
    assert own.read_text(encoding="utf-8") == "about us"


def test_force_replaces_hand_edits(tmp_path):
    write_outputs(outputs(a="A"), tmp_path)
    (tmp_path / "playbook/stages/a.md").write_text("edited", encoding="utf-8")
    report = write_outputs(outputs(a="A2"), tmp_path, force=True)
    assert report.updated == ["playbook/stages/a.md"]
    assert page_text(tmp_path / "playbook/stages/a.md") == "A2"


def test_check_reports_changes_without_writing(tmp_path):
    write_outputs(outputs(a="A"), tmp_path)
    report = write_outputs(outputs(a="A2", b="B"), tmp_path, check=True)
    assert report.changed and report.created == ["playbook/stages/b.md"]
    assert page_text(tmp_path / "playbook/stages/a.md") == "A"
    assert not (tmp_path / "playbook/stages/b.md").exists()


def test_identical_existing_file_is_adopted(tmp_path):
    page = tmp_path / "playbook/stages/a.md"
    page.parent.mkdir(parents=True)
    page.write_bytes(mark(P("playbook/stages/a.md"), b"A"))
    report = write_outputs(outputs(a="A"), tmp_path)
    assert report.unchanged == ["playbook/stages/a.md"]
    assert "playbook/stages/a.md" in read_manifest(tmp_path)


def test_no_temporary_files_are_left_behind(tmp_path):
    write_outputs(outputs(a="A", b="B"), tmp_path)
    write_outputs(outputs(a="A2", b="B2"), tmp_path)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_paths_outside_the_project_are_refused(tmp_path):
    with pytest.raises(GeneratorError, match="outside the project"):
        write_outputs({P("../escape.md"): "x"}, tmp_path / "project")
    assert not (tmp_path / "escape.md").exists()


def test_a_failure_while_preparing_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    from generator import writer

    write_outputs(outputs(a="A", b="B", c="C"), tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    real_stage = writer._stage
    calls = []

    def failing_stage(target, data):
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_stage(target, data)

    monkeypatch.setattr(writer, "_stage", failing_stage)
    with pytest.raises(OSError, match="disk full"):
        write_outputs(outputs(a="A2", b="B2", c="C2"), tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # no page replaced, no manifest change, no temporary files


def test_content_errors_write_nothing(small_project):
    from generator.errors import ContentError
    from generator.project import generate

    small_project.write_text("site: [broken\n", encoding="utf-8")
    with pytest.raises(ContentError):
        generate(small_project)
    assert not (small_project.parent / "playbook").exists()
    assert not (small_project.parent / ".playbook").exists()


# Issue #10: a fresh clone has no manifest; the pages' own marks give the same answer.


def test_without_a_manifest_marked_pages_are_still_recognised(tmp_path):
    write_outputs(outputs(a="A", b="B", c="C"), tmp_path)
    (tmp_path / MANIFEST).unlink()
    report = write_outputs(outputs(a="A", b="B2"), tmp_path)
    assert report.unchanged == ["playbook/stages/a.md"]
    assert report.updated == ["playbook/stages/b.md"]
    assert report.removed == ["playbook/stages/c.md"]
    assert not (tmp_path / "playbook/stages/c.md").exists()


def test_without_a_manifest_an_edited_page_is_still_refused(tmp_path):
    write_outputs(outputs(a="A"), tmp_path)
    (tmp_path / MANIFEST).unlink()
    page = tmp_path / "playbook/stages/a.md"
    page.write_bytes(page.read_bytes() + b"\nmy addition\n")
    with pytest.raises(WriteConflictError, match="playbook/stages/a.md"):
        write_outputs(outputs(a="A2"), tmp_path)
    assert page.read_bytes().endswith(b"my addition\n")


def test_a_persons_page_in_a_generated_folder_is_reported_not_deleted(tmp_path):
    # The folder is not committed, so a page left there would be lost on the next clone.
    notes = tmp_path / "playbook/stages/notes.md"
    notes.parent.mkdir(parents=True)
    notes.write_text("our notes", encoding="utf-8")
    with pytest.raises(WriteConflictError, match="playbook/stages/notes.md"):
        write_outputs(outputs(a="A"), tmp_path)
    assert notes.read_text(encoding="utf-8") == "our notes"
    assert not (tmp_path / "playbook/stages/a.md").exists()


def test_outputs_outside_the_generated_paths_are_refused(tmp_path):
    with pytest.raises(GeneratorError, match="not a generated path"):
        write_outputs({P("playbook/about.md"): "x"}, tmp_path)
    assert not (tmp_path / "playbook/about.md").exists()


# Issue #11: the writer never writes or deletes through a symlink.


def test_a_symlinked_folder_does_not_receive_generated_files(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    (project / "playbook").mkdir(parents=True)
    (project / "playbook/downloads").symlink_to(outside, target_is_directory=True)
    with pytest.raises(GeneratorError, match="symlink 'playbook/downloads'"):
        write_outputs({P("playbook/downloads/x.csv"): "a;b"}, project)
    assert list(outside.iterdir()) == []


def test_a_symlinked_file_is_not_written_through(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("keep", encoding="utf-8")
    project = tmp_path / "project"
    (project / "playbook/stages").mkdir(parents=True)
    (project / "playbook/stages/a.md").symlink_to(secret)
    with pytest.raises(GeneratorError, match="symlink"):
        write_outputs(outputs(a="A"), project)
    assert secret.read_text(encoding="utf-8") == "keep"


def test_a_crafted_manifest_cannot_delete_outside_the_project(tmp_path):
    victim = tmp_path / "victim.md"
    victim.write_text("mine", encoding="utf-8")
    project = tmp_path / "project"
    write_outputs(outputs(a="A"), project)
    manifest = project / MANIFEST
    import hashlib
    import json

    digest = hashlib.sha256(b"mine").hexdigest()
    for key in ("../victim.md", "playbook/stages/../../../victim.md"):
        manifest.write_text(json.dumps({"files": {key: digest}}), encoding="utf-8")
        with pytest.raises(GeneratorError, match="not a generated path"):
            write_outputs(outputs(a="A"), project)
    assert victim.read_text(encoding="utf-8") == "mine"


# Mutation testing (docs/testing.md) found these unchecked by the writer's fast tests.
DAMAGED_MANIFESTS = {
    "a list": "[]",
    "files as a list": '{"files": []}',
    "a hash that is not text": '{"files": {"playbook/stages/a.md": 1}}',
    "a path with a NUL": '{"files": {"playbook/stages/\\u0000.md": "a"}}',
}


@pytest.mark.parametrize("data", list(DAMAGED_MANIFESTS.values()), ids=list(DAMAGED_MANIFESTS))
def test_a_damaged_manifest_is_one_clear_error(tmp_path, data):
    (tmp_path / ".playbook").mkdir()
    (tmp_path / MANIFEST).write_text(data, encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / MANIFEST}: the generator's manifest is damaged (expected a 'files' "
        "mapping of paths to hashes); delete it and run again"
    )


def test_an_unreadable_manifest_says_how_to_start_over(tmp_path):
    (tmp_path / ".playbook").mkdir()
    (tmp_path / MANIFEST).write_text("nope", encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / MANIFEST}: the generator's manifest is unreadable (Expecting value: line 1 "
        "column 1 (char 0)); delete it and run again with --force if the generated files are "
        "yours to replace"
    )


def test_hidden_files_and_folders_and_other_files_among_the_pages_are_left_alone(tmp_path):
    write_outputs(outputs(a="A"), tmp_path)
    stages = tmp_path / "playbook/stages"
    (stages / ".cache").mkdir()
    kept = [stages / ".draft.md", stages / ".cache/x.md", stages / "notes.txt"]
    for path in kept:
        path.write_text("a person's", encoding="utf-8")
    report = write_outputs(outputs(a="A"), tmp_path)
    assert (report.removed, report.unchanged) == ([], ["playbook/stages/a.md"])
    assert all(path.read_text(encoding="utf-8") == "a person's" for path in kept)
