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
from xml.etree import ElementTree

MAX_ASSET_BYTES = 2 * 1024 * 1024
"""Logos, favicons and style sheets are small; 2 MB is generous and bounds memory."""

ASSET_SUFFIXES: dict[str, tuple[str, ...]] = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "favicon": (".ico", ".png", ".svg"),
    "extra_css": (".css",),
}
"""Extensions each branding field accepts: what a browser can show there, nothing else."""

# A style sheet must not fetch from other hosts (the site makes no third-party request).
# Escapes (`u\\72l(`, `\\68ttps`) could hide a fetch from any pattern, so a backslash is
# refused outright; url() may only name a relative path.
_CSS_FETCHES = re.compile(rb"@import|image-set|\bsrc\s*\(|\\", re.IGNORECASE)
_CSS_URL = re.compile(rb"url\(\s*(['\"]?)([^'\")]*)", re.IGNORECASE)

# What an SVG may not hold: an SVG opened by its address runs its scripts on the site's origin.
_SVG_ACTIVE_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "animate",
    "set",
}


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
        _check_svg(data, relative)
    if field == "extra_css":
        _check_css(data, relative)
    return data


def _check_svg(data: bytes, shown: str) -> None:
    """Refuse an SVG that could run a script or load something when opened on its own."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UnsafePath(
            f"'{shown}' is not a well-formed SVG ({error})",
            "export it again from your drawing program",
        ) from None
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2].lower()
        if name in _SVG_ACTIVE_ELEMENTS:
            raise UnsafePath(
                f"'{shown}' contains a <{name}> element",
                "export the SVG again without scripts or animation, or use a PNG",
            )
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            target = "".join(value.split()).lower()
            if local.startswith("on") or (local == "href" and not target.startswith("#")):
                raise UnsafePath(
                    f"'{shown}' has a '{local}' attribute",
                    "remove event handlers and links from the SVG, or use a PNG",
                )


def _check_css(data: bytes, shown: str) -> None:
    remote = _CSS_FETCHES.search(data) is not None
    for match in _CSS_URL.finditer(data):
        target = match.group(2).strip().lower()
        remote = remote or target.startswith(b"/") or b":" in target
    if remote:
        raise UnsafePath(
            f"'{shown}' imports or fetches from another address, or uses CSS escapes",
            "refer to fonts and images in the project by relative path, without backslashes",
        )


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
