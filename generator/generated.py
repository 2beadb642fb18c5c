"""Which files the generator owns, and how a generated file is recognised without local state.

This module is the one answer to "is this file generated?". The writer, the discovery of
hand-written pages, the repository's ``.gitignore``, the ``.gitignore`` that ``playbook init``
writes and the README's "What is generated" all read it from here (tests keep the last
three in line).

None of these files is committed: each is derived from the content, CI regenerates them on
every build, and a committed copy would be a second truth that drifts (issue #10: committed
generated pages were taken for hand-written ones on every fresh clone).

A generated Markdown page carries its own mark: a front-matter line holding a hash of the
rest of the page. So a fresh clone, a CI runner and a second laptop reach the same answer
without the manifest: a marked file whose hash still matches is the generator's to replace
or delete; a marked file whose hash does not match was edited by hand.
"""

from __future__ import annotations

import fnmatch
import hashlib
from pathlib import PurePosixPath

DOCS_DIR = "playbook"
"""MkDocs' ``docs_dir``: generated pages and the consultant's own pages live here."""

GENERATED_PATHS: tuple[str, ...] = (
    ".playbook/",
    f"{DOCS_DIR}/index.md",
    f"{DOCS_DIR}/index.*.md",
    f"{DOCS_DIR}/glossary.md",
    f"{DOCS_DIR}/glossary.*.md",
    f"{DOCS_DIR}/sources.md",
    f"{DOCS_DIR}/sources.*.md",
    f"{DOCS_DIR}/comparison.md",
    f"{DOCS_DIR}/comparison.*.md",
    f"{DOCS_DIR}/team.md",
    f"{DOCS_DIR}/team.*.md",
    f"{DOCS_DIR}/accessibility.md",
    f"{DOCS_DIR}/accessibility.*.md",
    f"{DOCS_DIR}/stages/",
    f"{DOCS_DIR}/checklists/",
    f"{DOCS_DIR}/downloads/",
    f"{DOCS_DIR}/assets/brand/",
)
"""Everything the generator writes, relative to the project root. A pattern ending in ``/``
is a whole folder; ``*`` stands for a language code. Nothing else is ever written or deleted."""

GENERATOR_FOLDER = ".playbook/"
"""Wholly the generator's: the manifest, the generated MkDocs settings, the overlay schema."""

_MD_MARK = "playbook_generated: "


def is_generated_path(relative: PurePosixPath | str) -> bool:
    """True when ``relative`` (root-relative, POSIX) lies where only the generator writes."""
    text = PurePosixPath(relative).as_posix()
    for pattern in GENERATED_PATHS:
        if pattern.endswith("/"):
            if text.startswith(pattern):
                return True
        elif "/" not in text[len(DOCS_DIR) + 1 :] and fnmatch.fnmatchcase(text, pattern):
            return True
    return False


def gitignore_lines() -> list[str]:
    """The ``.gitignore`` lines that keep generated files out of git, anchored at the root."""
    return [f"/{pattern}" for pattern in GENERATED_PATHS]


def mark(relative: PurePosixPath, data: bytes) -> bytes:
    """``data`` with the generator's mark added, for files that can carry one.

    Markdown gets a front-matter key, which MkDocs keeps out of the HTML. Other files
    (settings, CSV, JSON, images) live in folders that only the generator writes, and
    the manifest records them.
    """
    if relative.suffix != ".md":
        return data
    if not data.startswith(b"---\n"):
        data = b"---\n---\n" + data
    head, rest = data.split(b"\n", 1)
    return head + b"\n" + _MD_MARK.encode() + _digest(data) + b"\n" + rest


def strip_mark(data: bytes) -> bytes:
    """The page as rendered, without the mark (for tests and for people comparing files)."""
    head, _, rest = data.partition(b"\n")
    line, _, tail = rest.partition(b"\n")
    if head != b"---" or not line.startswith(_MD_MARK.encode()):
        return data
    return tail[len(b"---\n") :] if tail.startswith(b"---\n") else head + b"\n" + tail


def mark_state(relative: PurePosixPath | str, data: bytes) -> bool | None:
    """None: the file carries no mark. True: marked and unedited. False: edited by hand."""
    if PurePosixPath(relative).suffix != ".md":
        return None
    head, _, rest = data.partition(b"\n")
    line, _, tail = rest.partition(b"\n")
    if head != b"---" or not line.startswith(_MD_MARK.encode()):
        return None
    return line[len(_MD_MARK) :] == _digest(head + b"\n" + tail)


def _digest(data: bytes) -> bytes:
    # Detects edits, not attacks: 20 hex digits keep the mark short in every page.
    return b"sha256:" + hashlib.sha256(data).hexdigest()[:20].encode()
