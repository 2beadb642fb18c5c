"""What an overlay changes relative to its base, and upstream drift.

Drift: when the base (for example a newer default playbook) changes a text
that the overlay overrides, the consultant should look again. ``upstream.lock``
beside the overlay records a short hash of each overridden base value as it was
when the consultant last accepted it (``playbook diff --accept``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.paths import join_path
from generator.lockfile import UPSTREAM_LOCK

LOCK_NAME = UPSTREAM_LOCK.name


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed", "moved"
    path: str
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        return self.describe()

    def describe(self, full: bool = False) -> str:
        """One line, texts shortened to about 60 characters; with ``full``, a changed
        value's old and new text in full, each on a line of its own."""
        mark = {"added": "+", "removed": "-", "changed": "~", "moved": "↕"}[self.kind]
        if self.kind == "changed" and full:
            return f"{mark} {self.path}\n    was: {_full(self.old)}\n    now: {_full(self.new)}"
        if self.kind == "changed":
            old, new = _short(self.old), _short(self.new)
            whole = (list, dict)
            if old == new or isinstance(self.old, whole) or isinstance(self.new, whole):
                # Shortened, both sides could look the same: show lists and such texts whole.
                old, new = _full(self.old), _full(self.new)
            return f"{mark} {self.path}: {old} → {new}"
        return f"{mark} {self.path}"


def changes(base: Any, merged: Any, path: str = "") -> list[Change]:
    """Every difference between the base data and the merged data, in document order."""
    if isinstance(base, dict) and isinstance(merged, dict):
        found: list[Change] = []
        for key in merged:
            child = join_path(path, key)
            if key not in base:
                found.append(Change("added", child, new=merged[key]))
            else:
                found += changes(base[key], merged[key], child)
        found += [Change("removed", join_path(path, key)) for key in base if key not in merged]
        return found
    if _id_list(base) and _id_list(merged):
        return _list_changes(base, merged, path)
    return [] if base == merged else [Change("changed", path, base, merged)]


def _list_changes(base: list, merged: list, path: str) -> list[Change]:
    base_by_id = {item["id"]: item for item in base}
    merged_ids = [item["id"] for item in merged]
    found: list[Change] = []
    for item in merged:
        here = join_path(path, item["id"], item=True)
        if item["id"] not in base_by_id:
            found.append(Change("added", here))
        else:
            found += changes(base_by_id[item["id"]], item, here)
    found += [
        Change("removed", join_path(path, i, item=True)) for i in base_by_id if i not in merged_ids
    ]
    kept = [i for i in merged_ids if i in base_by_id]
    if kept != [i for i in base_by_id if i in merged_ids]:
        found.append(Change("moved", path))
    return found


def overridden_texts(base: Any, merged: Any) -> dict[str, str]:
    """Path -> base value, for every base text the overlay replaces."""
    return {
        c.path: c.old
        for c in changes(base, merged)
        if c.kind == "changed" and isinstance(c.old, str)
    }


def drift(content: Path, base: Any, merged: Any) -> list[str]:
    """Paths whose base value changed since the overlay author last accepted it."""
    lock = read_lock(content)
    return [
        path
        for path, old in overridden_texts(base, merged).items()
        if path in lock and lock[path] != _hash(old)
    ]


@dataclass(frozen=True)
class Drift:
    """A base text the overlay overrides that changed since it was accepted."""

    path: str
    accepted: str | None
    """The base text when it was accepted; None when upstream.lock predates recording it."""
    now: str
    """The base text today."""
    yours: Any
    """What the overlay makes of it."""

    def describe(self, full: bool = False) -> str:
        line = f"! upstream changed {self.path} since you accepted it"
        if not full:
            return line
        was = _full(self.accepted) if self.accepted is not None else "(not recorded)"
        return (
            f"{line}\n    base then: {was}\n    base now:  {_full(self.now)}"
            f"\n    yours:     {_full(self.yours)}"
        )


def drift_details(content: Path, base: Any, merged: Any) -> list[Drift]:
    """Each drifted path with the base text as accepted, as it is now, and the overlay's."""
    sections = UPSTREAM_LOCK.read_sections(content)
    lock, texts = sections[UPSTREAM_LOCK.key], sections["base_texts"]
    yours = {c.path: c.new for c in changes(base, merged) if c.kind == "changed"}
    return [
        Drift(path, texts.get(path), old, yours.get(path))
        for path, old in overridden_texts(base, merged).items()
        if path in lock and lock[path] != _hash(old)
    ]


def unrecorded(content: Path, base: Any, merged: Any) -> list[str]:
    """Overridden texts whose base value was never accepted: drift there goes unnoticed."""
    lock = read_lock(content)
    return [path for path in overridden_texts(base, merged) if path not in lock]


def accept_upstream(content: Path, base: Any, merged: Any) -> int:
    """Record the current base value of every overridden text; returns how many."""
    texts = overridden_texts(base, merged)
    UPSTREAM_LOCK.write(
        content, {path: _hash(old) for path, old in texts.items()}, base_texts=texts
    )
    return len(texts)


def read_lock(content: Path) -> dict[str, str]:
    """Accepted base values (path -> hash); GeneratorError if the file is damaged."""
    return UPSTREAM_LOCK.read(content)


def _hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)
    )


def _full(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
