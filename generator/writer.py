"""Write rendered files into a project, touching only what changed and nothing a person wrote.

Rules, in order:

* Only paths that ``generator.generated`` declares as generated are ever written or
  deleted, and never through a symlink: the real path must stay inside the project.
* A file whose bytes already match is left alone (its mtime too, so
  ``mkdocs serve`` does not rebuild in a loop).
* The writer only replaces or deletes a file that is still as the generator wrote it:
  its hash is in the manifest, or it is a page whose own mark still matches (so a fresh
  clone, which has no manifest, gets the same answer). Anything else is a person's work:
  the writer refuses, names the file, and writes nothing (``force`` overrides).
* All new contents are written to temporary files first and then renamed into
  place, so an error while preparing leaves the project as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.bounded_read import UnreadableFile, read_bounded
from generator.errors import GeneratorError, WriteConflictError
from generator.generated import (
    DOCS_DIR,
    GENERATOR_FOLDER,
    is_generated_path,
    mark,
    mark_state,
)

MANIFEST = PurePosixPath(".playbook/manifest.json")
"""Hashes of the files the generator wrote, relative to the project root. Local state only:
a lost manifest costs nothing for pages, which carry their own mark."""

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""About 100 bytes a file: far more files than the largest playbook generates."""


@dataclass
class WriteReport:
    """What a write did (or, with ``check``, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What the inputs hold that did not stop the write (e.g. orphaned status entries)."""
    languages: list[str] = field(default_factory=list)
    """The site's languages, the default first: what a build of the written pages builds."""
    notes: list[str] = field(default_factory=list)
    """What the caller should hear about the inputs (e.g. what the site shows of the team)."""

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    @property
    def files_written(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged"
        )


def write_outputs(
    outputs: Mapping[PurePosixPath, str | bytes],
    root: Path,
    *,
    check: bool = False,
    force: bool = False,
    keep: Callable[[str], bool] | None = None,
) -> WriteReport:
    """Bring ``root`` in line with ``outputs``; see the module docstring for the rules.

    ``keep`` names generated files that ``outputs`` leaves out on purpose (another
    language's pages during a one-language preview): they stay as they are, and in the
    manifest, instead of being removed."""
    root = root.resolve()
    manifest = read_manifest(root)
    report = WriteReport()
    conflicts: list[str] = []
    pending: dict[Path, bytes] = {}
    new_manifest: dict[str, str] = {}

    def is_ours(key: str, current: bytes) -> bool:
        return (
            force
            or key.startswith(GENERATOR_FOLDER)
            or manifest.get(key) == _digest(current)
            or mark_state(key, current) is True
        )

    for relative in sorted(outputs):
        target = _safe_join(root, relative)
        if not is_generated_path(relative):
            raise GeneratorError(f"refusing to write {relative}: not a generated path (a bug)")
        wanted = outputs[relative]
        data = mark(relative, wanted.encode("utf-8") if isinstance(wanted, str) else wanted)
        key = relative.as_posix()
        new_manifest[key] = _digest(data)
        current = _read(target)
        if current == data:
            report.unchanged.append(key)
        elif current is None:
            report.created.append(key)
            pending[target] = data
        elif is_ours(key, current):
            report.updated.append(key)
            pending[target] = data
        else:
            conflicts.append(key)

    for key in sorted((set(manifest) | set(_pages_in_generated_folders(root))) - set(new_manifest)):
        if keep is not None and keep(key):
            if key in manifest:
                new_manifest[key] = manifest[key]
            continue
        if not is_generated_path(key) or ".." in PurePosixPath(key).parts:
            raise GeneratorError(
                f"{root / MANIFEST}: lists '{key}', which is not a generated "
                "path; delete the manifest and run again"
            )
        target = _safe_join(root, PurePosixPath(key))
        current = _read(target)
        if current is None or not target.is_file():
            continue  # gone already, or a folder where the manifest says a file was
        if is_ours(key, current):
            report.removed.append(key)
        else:
            conflicts.append(key)

    if conflicts:
        raise WriteConflictError(conflicts)
    if check:
        return report
    _apply(root, pending, report.removed)
    if new_manifest != manifest:
        replace_atomically(_safe_join(root, MANIFEST), _manifest_bytes(new_manifest))
    return report


def read_manifest(root: Path) -> dict[str, str]:
    """The manifest of generated files, or {} when there is none yet."""
    path = root / MANIFEST
    folder = root / GENERATOR_FOLDER.rstrip("/")
    if folder.is_symlink():
        raise GeneratorError(
            f"{folder} is a symlink; the generator keeps its own files there. "
            "Delete the link (the folder is created by the next run)"
        )
    try:
        # Never through a symlink, and bounded (issue #23).
        data = json.loads(read_bounded(path, MAX_MANIFEST_BYTES, follow_symlinks=False))
    except FileNotFoundError:
        return {}
    except UnreadableFile as error:
        raise GeneratorError(
            f"{path}: the generator's manifest {error.reason}; delete it and run again"
        ) from None
    except (ValueError, OSError, RecursionError) as error:
        raise GeneratorError(
            f"{path}: the generator's manifest is unreadable ({error}); "
            "delete it and run again with --force if the generated files are yours to replace"
        ) from None
    files = data.get("files", {}) if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and "\x00" not in k for k, v in files.items()
    ):
        raise GeneratorError(
            f"{path}: the generator's manifest is damaged (expected a 'files' mapping of paths "
            "to hashes); delete it and run again"
        )
    return dict(files)


def _apply(root: Path, pending: dict[Path, bytes], removed: list[str]) -> None:
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in pending.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(target, data), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    for key in removed:
        target = _safe_join(root, PurePosixPath(key))
        target.unlink(missing_ok=True)
        _remove_empty_parents(target.parent, root)


def _stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``target`` and return its path."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def replace_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_stage(target, data), target)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    # Only folders left empty by removing a generated file; never the root itself.
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _pages_in_generated_folders(root: Path) -> list[str]:
    """Every Markdown page where only generated pages belong, found on disk.

    Without this, a generated page left behind by a lost manifest would still be built,
    and a person's page put there would silently stay out of git (those paths are ignored).
    """
    docs = root / DOCS_DIR
    found = []
    for folder, subfolders, files in os.walk(docs):  # never follows symlinked folders
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                key = Path(folder, name).relative_to(root).as_posix()
                if is_generated_path(key):
                    found.append(key)
    return found


def _safe_join(root: Path, relative: PurePosixPath) -> Path:
    """``root / relative``, refusing anything that could land outside the project.

    The text must not climb out, and no folder on the way (nor the file) may be a
    symlink: a ``playbook/downloads`` link to elsewhere must not receive our files.
    """
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise GeneratorError(f"refusing to write outside the project: {relative}")
    path = root
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            shown = path.relative_to(root).as_posix()
            raise GeneratorError(
                f"refusing to write through the symlink '{shown}' (it points to "
                f"{os.readlink(path)}); replace it with a real folder or file"
            )
    return path


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return b""  # a folder where a file should go: treat as foreign content


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_bytes(files: dict[str, str]) -> bytes:
    # One file per line keeps diffs readable without json's slow indenting encoder.
    lines = [
        f"  {json.dumps(path)}: {json.dumps(digest)}" for path, digest in sorted(files.items())
    ]
    return (
        '{"generator": "journey-playbook", "files": {\n' + ",\n".join(lines) + "\n}}\n"
    ).encode()
