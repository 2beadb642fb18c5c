"""Reading a file that the content names, without ever leaving the project.

Content is untrusted (issue #11): a client's staff may edit it, and CI publishes what the
build copies. So a path from content must name a regular file inside the project, through
no symlink that leads out, outside ``.git/``, with an allowed extension and a bounded size.
Anything else is refused with a message that never shows the file's bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from generator.brand_css import StyleProblem, check_style_sheet, decode_style_sheet
from generator.brand_svg import SvgProblem, clean_svg

MAX_ASSET_BYTES = 2 * 1024 * 1024
"""Logos, favicons and style sheets are small; 2 MB is generous and bounds memory."""

ASSET_SUFFIXES: dict[str, tuple[str, ...]] = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "favicon": (".ico", ".png", ".svg"),
    "extra_css": (".css",),
}
"""Extensions each branding field accepts: what a browser can show there, nothing else."""


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
    """The bytes to publish for a branding file named in the content (an SVG re-serialised, a
    style sheet as checked UTF-8 text); UnsafePath or OSError otherwise."""
    allowed = ASSET_SUFFIXES[field]
    suffix = PurePosixPath(relative).suffix.lower()  # the name it is published under
    if suffix not in allowed:
        raise UnsafePath(
            f"'{relative}' is not one of the file types allowed here",
            f"use a {', '.join(allowed)} file",
        )
    try:
        path = resolve_inside(root, relative)
        if path != root.resolve().joinpath(relative):
            # A link inside the project could give an SVG a .png name, or the reverse.
            raise UnsafePath(
                f"'{relative}' is a symlink or lies in a symlinked folder",
                "copy the file itself into the project",
            )
        data = _read_regular_file(path, relative, MAX_ASSET_BYTES)
    except (RuntimeError, ValueError) as error:  # symlink loops, NUL bytes
        if isinstance(error, UnsafePath):
            raise
        raise UnsafePath(f"'{relative}' cannot be resolved", "name an ordinary file") from None
    if suffix == ".svg":
        return _clean_svg(data, relative)
    if field == "extra_css":
        return _clean_css(data, relative)
    return data


def _clean_svg(data: bytes, shown: str) -> bytes:
    """The SVG as it is published: its drawing alone, re-serialised (brand_svg.py)."""
    try:
        return clean_svg(data)
    except SvgProblem as problem:
        raise UnsafePath(f"'{shown}' {problem}", problem.hint) from None


def _clean_css(data: bytes, shown: str) -> bytes:
    """The style sheet as it is published: checked as a browser decodes and reads it
    (brand_css.py), and written out as the UTF-8 text that was checked."""
    try:
        text = decode_style_sheet(data)
        check_style_sheet(text)
    except StyleProblem as problem:
        raise UnsafePath(
            f"'{shown}' {problem}",
            "save it as UTF-8, and refer to fonts and images in the project by relative path "
            "(see 'What a brand style sheet may contain' in SECURITY.md)",
        ) from None
    return text.encode("utf-8")


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
