"""Reading a file that the content names, without ever leaving the project.

Content is untrusted (issue #11): a client's staff may edit it, and CI publishes what the
build copies. So a path from content must name a regular file inside the project, through
no symlink that leads out, outside ``.git/``, with an allowed extension and a bounded size.
Anything else is refused with a message that never shows the file's bytes.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

MAX_ASSET_BYTES = 2 * 1024 * 1024
"""Logos, favicons and style sheets are small; 2 MB is generous and bounds memory."""

ASSET_SUFFIXES: dict[str, tuple[str, ...]] = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "favicon": (".ico", ".png", ".svg"),
    "extra_css": (".css",),
}
"""Extensions each branding field accepts: what a browser can show there, nothing else."""

# An SVG opened directly runs its scripts on the site's origin; a style sheet must not
# fetch from other hosts (the site makes no third-party request).
_ACTIVE_SVG = re.compile(rb"<\s*script|\son[a-z]+\s*=|javascript:|<\s*foreignObject", re.IGNORECASE)
_REMOTE_CSS = re.compile(rb"@import|url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class UnsafePath(ValueError):
    """A path from content that may not be read; the message says why and how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path of ``relative`` under ``root``, or UnsafePath if it leads outside.

    Symlinks inside the project are followed only while they stay inside it.
    """
    root = root.resolve()
    if not relative or "\\" in relative or PurePosixPath(relative).is_absolute():
        raise UnsafePath(
            f"'{relative}' is not a relative path",
            "give a path relative to the content file, with / between folders",
        )
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        raise UnsafePath(
            f"'{relative}' leads outside the project",
            "copy the file into the project folder and name it from there",
        )
    if ".git" in candidate.relative_to(root).parts:
        raise UnsafePath(
            f"'{relative}' is inside .git/, which is never published",
            "name a file of your own in the project",
        )
    return candidate


def read_asset(root: Path, relative: str, field: str) -> bytes:
    """Bytes of a branding file named in the content; UnsafePath or OSError otherwise."""
    allowed = ASSET_SUFFIXES[field]
    if PurePosixPath(relative).suffix.lower() not in allowed:
        raise UnsafePath(
            f"'{relative}' is not one of the file types allowed here",
            f"use a {', '.join(allowed)} file",
        )
    path = resolve_inside(root, relative)
    data = _read_regular_file(path, relative, MAX_ASSET_BYTES)
    if path.suffix.lower() == ".svg" and _ACTIVE_SVG.search(data):
        raise UnsafePath(
            f"'{relative}' contains a script, an event handler or a javascript: link",
            "export the SVG again without scripts, or use a PNG",
        )
    if field == "extra_css" and _REMOTE_CSS.search(data):
        raise UnsafePath(
            f"'{relative}' imports or fetches from another address",
            "put fonts and images in the project and refer to them by relative path",
        )
    return data


def _read_regular_file(path: Path, shown: str, limit: int) -> bytes:
    # O_NOFOLLOW: the path was resolved above; a link swapped in since is refused, not followed.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(f"'{shown}' is not a regular file", "name an ordinary file")
        if info.st_size > limit:
            raise UnsafePath(
                f"'{shown}' is {info.st_size:,} bytes; the limit is {limit:,}", "use a smaller file"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise UnsafePath(f"'{shown}' is larger than {limit:,} bytes", "use a smaller file")
    return data
