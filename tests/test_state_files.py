"""State files (lock files, the manifest) are read without following a symlink and up to a
size limit (issue #23): a committed link to /dev/zero exhausted memory, and one to a file
outside the project was read through. Each is one clear line and exit 1, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bounded_read import UnreadableFile, read_bounded


def _run(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "-c", str(content)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,  # a read of /dev/zero would hang until memory runs out
    )


@pytest.mark.parametrize(
    "state, command, message",
    [
        ("translations.lock", "translations", "translation lock is damaged (it is a symlink)"),
        ("upstream.lock", "validate", None),  # read only for an overlay: not read here
        (".playbook/manifest.json", "generate", "the generator's manifest is a symlink"),
    ],
)
@pytest.mark.parametrize("target", ["/dev/zero", "outside.json"])
def test_a_symlinked_state_file_is_refused_not_read(small_project, state, command, message, target):
    project = small_project.parent
    outside = project.parent / "outside.json"
    outside.write_text('{"files": {}, "confirmed": {}, "base_values": {}}', "utf-8")
    link = project / state
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(target if target.startswith("/") else outside)
    result = _run(small_project, command)
    assert "Traceback" not in result.stderr
    if message is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1, result.stdout
    (line,) = [line for line in result.stderr.splitlines() if message in line]
    assert line.startswith(("Error: ", str(link))), result.stderr


def test_a_symlinked_generator_folder_is_refused(small_project):
    project = small_project.parent
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (project / ".playbook").symlink_to(elsewhere, target_is_directory=True)
    result = _run(small_project, "generate")
    assert result.returncode == 1
    assert ".playbook is a symlink" in result.stderr and "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_oversized_manifest_is_refused(small_project, monkeypatch):
    from generator import writer
    from generator.errors import GeneratorError

    manifest = small_project.parent / ".playbook/manifest.json"
    manifest.parent.mkdir()
    manifest.write_text('{"files": {}}' + " " * 100, "utf-8")
    monkeypatch.setattr(writer, "MAX_MANIFEST_BYTES", 64)
    with pytest.raises(GeneratorError, match="manifest is 113 bytes; the limit is 64"):
        writer.read_manifest(small_project.parent)


def test_read_bounded_refuses_links_devices_fifos_and_large_files(tmp_path):
    (tmp_path / "real").write_bytes(b"12345")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    os.mkfifo(tmp_path / "fifo")
    assert read_bounded(tmp_path / "real", 5) == b"12345"
    assert read_bounded(tmp_path / "link", 5) == b"12345"  # content may be a link
    cases = [
        (tmp_path / "link", 5, False, "is a symlink"),
        (tmp_path / "real", 4, True, "is 5 bytes; the limit is 4"),
        (Path("/dev/zero"), 10, True, "is not a regular file"),
        (tmp_path / "fifo", 10, True, "is not a regular file"),
    ]
    for path, limit, follow, reason in cases:
        with pytest.raises(UnreadableFile) as raised:
            read_bounded(path, limit, follow_symlinks=follow)
        assert raised.value.reason == reason
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "missing", 5)


def test_content_linked_to_a_device_is_one_clear_error(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "content.yaml").symlink_to("/dev/zero")
    result = _run(project / "content.yaml", "validate")
    assert result.returncode == 1
    assert "the file is not a regular file" in result.stderr and "Traceback" not in result.stderr
