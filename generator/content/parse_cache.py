"""A cache of parsed content files, in the user's cache folder, keyed by each file's bytes.

PyYAML reads about 2-3 MB/s, so parsing was most of ``generate`` on a large playbook,
though between two saves the content rarely changes. The parsed data of a file is
kept as JSON (which json's C decoder reads many times faster, and which, unlike pickle,
cannot run code) and used only while the SHA-256 of the file's bytes and the cache format
still match. Positions are not cached: the file is composed again only when an error needs
one (see ``LazySourceMap``), so line and column stay exact.

The cache lives outside the project (issue #23): in ``.playbook/cache/`` a pull request
could commit an entry, and CI would publish content that is in no reviewed file. It is in
the user's cache folder (``$XDG_CACHE_HOME/journey-playbook``, ``~/.cache/…``; the
``PLAYBOOK_CACHE_DIR`` environment variable names another), which nothing in a work tree
reaches. An entry is read without following a symlink, up to a size limit, and checked
against the parse limits; anything wrong with it means "parse the file again", never an
error. At most MAX_ENTRIES entries are kept, the least recently used dropped first.

Data that JSON cannot hold exactly (a mapping key that is not text) is not cached.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import platformdirs
import yaml

from generator.bounded_read import read_bounded

CACHE_ENV = "PLAYBOOK_CACHE_DIR"
"""Names the cache folder instead of the user's (tests, CI runners with their own cache)."""

FORMAT = f"playbook-parse-cache 2; PyYAML {yaml.__version__}; Python {sys.version_info[:2]}"
"""A new parser or format invalidates every entry."""

MAX_ENTRY_BYTES = 96 * 1024 * 1024
"""A content file is at most 32 MB; its JSON is about as large (escapes can triple it)."""

MAX_ENTRIES = 32
"""Content files remembered, across every project on the machine."""


def cache_folder() -> Path:
    """Where parses are kept: ``$PLAYBOOK_CACHE_DIR``, else the user's cache folder."""
    named = os.environ.get(CACHE_ENV)
    base = Path(named) if named else Path(platformdirs.user_cache_dir("journey-playbook"))
    return base / "parse"


def lookup(path: Path, raw: bytes, *, max_depth: int, max_nodes: int) -> Any | None:
    """The cached data of ``path`` if its bytes are ``raw``; None on any miss or problem.

    A cached parse deeper than ``max_depth`` or larger than ``max_nodes`` (the parser's
    limits, which the caller passes: this module is below the parser) is a miss."""
    try:
        entry = _entry(path)
        cached = json.loads(read_bounded(entry, MAX_ENTRY_BYTES, follow_symlinks=False))
        if not isinstance(cached, dict) or cached.get("format") != FORMAT:
            return None
        if cached.get("sha256") != hashlib.sha256(raw).hexdigest():
            return None
        data = cached.get("data")
        if not _within(data, max_depth, max_nodes):
            return None
        os.utime(entry)  # recently used: kept when the cache is trimmed
        return data
    except Exception:  # deep JSON, a damaged file, a full disk: parse instead
        return None


def store(path: Path, raw: bytes, data: Any) -> None:
    """Keep ``data`` as the parse of ``raw``. Failing to is no error: the next run parses."""
    if not _exact_in_json(data):
        return
    record = {"format": FORMAT, "sha256": hashlib.sha256(raw).hexdigest(), "data": data}
    try:
        entry = _entry(path)
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if entry.parent.is_symlink():
            return
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(record, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, entry)
        finally:
            Path(temporary).unlink(missing_ok=True)
        _trim(entry.parent)
    except (OSError, ValueError):
        return  # a read-only home still builds, only without the cache


def _entry(path: Path) -> Path:
    """One entry per content file (so the cache grows only with files), named by its path."""
    name = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_folder() / f"{name}.json"


def _trim(folder: Path) -> None:
    entries = sorted(
        (entry.stat().st_mtime, entry)
        for entry in folder.glob("*.json")
        if entry.is_file() and not entry.is_symlink()
    )
    for _, entry in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        entry.unlink(missing_ok=True)


def _within(value: Any, max_depth: int, max_nodes: int) -> bool:
    """True if ``value`` nests at most ``max_depth`` deep and holds at most ``max_nodes``
    values: what the YAML reader allows, so the cache cannot hand on more."""
    stack = [(value, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes or depth > max_depth:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def _exact_in_json(value: Any) -> bool:
    """True if JSON gives back exactly ``value``: text keys only, finite numbers."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return False  # JSON's NaN and Infinity are Python's, but not standard JSON
        elif not isinstance(item, (str, int, float, bool, type(None))):
            return False
    return True
