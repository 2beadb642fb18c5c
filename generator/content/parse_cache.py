"""A cache of parsed content files, keyed by a hash of each file's bytes.

PyYAML reads about 2-3 MB/s, so parsing was most of ``generate`` on a large playbook,
though between two saves the content rarely changes. The parsed data of a file is
kept as JSON (which json's C decoder reads many times faster, and which, unlike pickle,
cannot run code if someone else put the file there) in the project's ``.playbook/cache/``,
one entry per content file, and used only while the SHA-256 of the file's bytes and
the cache format still match. Positions are not cached: the file is composed again
only when an error needs one (see ``LazySourceMap``), so line and column stay exact.

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

import yaml

CACHE_FOLDER = ".playbook/cache"
"""Inside the project, among the generator's own files (.playbook/ is never committed)."""

FORMAT = f"playbook-parse-cache 1; PyYAML {yaml.__version__}; Python {sys.version_info[:2]}"
"""A new parser or format invalidates every entry."""


def lookup(project: Path, path: Path, raw: bytes) -> Any | None:
    """The cached data of ``path`` if its bytes are ``raw``; None on any miss."""
    entry = _entry(project, path)
    if entry is None:
        return None
    try:
        with entry.open("rb") as stream:
            cached = json.load(stream)
    except (OSError, ValueError):
        return None  # unreadable or half-written: parse instead
    if not isinstance(cached, dict) or cached.get("format") != FORMAT:
        return None
    if cached.get("sha256") != hashlib.sha256(raw).hexdigest():
        return None
    return cached.get("data")


def store(project: Path, path: Path, raw: bytes, data: Any) -> None:
    """Keep ``data`` as the parse of ``raw``. Failing to is no error: the next run parses."""
    entry = _entry(project, path)
    if entry is None or not _exact_in_json(data):
        return
    record = {"format": FORMAT, "sha256": hashlib.sha256(raw).hexdigest(), "data": data}
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        if _leaves_project(project, entry.parent):
            return
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(record, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, entry)
    except OSError:
        return  # a read-only project still builds, only without the cache


def _entry(project: Path, path: Path) -> Path | None:
    """One entry per content file (so the cache never grows), named by its resolved path."""
    folder = project / CACHE_FOLDER
    if _leaves_project(project, folder):
        return None
    name = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / f"{name}.json"


def _leaves_project(project: Path, folder: Path) -> bool:
    """True if ``folder`` or a folder on its way is a symlink: it could lead anywhere."""
    current = folder
    while current != project and project in current.parents:
        if current.is_symlink():
            return True
        current = current.parent
    return False


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
