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

from generator.errors import GeneratorError
from generator.writer import replace_atomically

LOCK_NAME = "upstream.lock"


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed", "moved"
    path: str
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~", "moved": "↕"}[self.kind]
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
            child = f"{path}.{key}" if path else str(key)
            if key not in base:
                found.append(Change("added", child, new=merged[key]))
            else:
                found += changes(base[key], merged[key], child)
        found += [
            Change("removed", f"{path}.{key}" if path else str(key))
            for key in base
            if key not in merged
        ]
        return found
    if _id_list(base) and _id_list(merged):
        return _list_changes(base, merged, path)
    return [] if base == merged else [Change("changed", path, base, merged)]


def _list_changes(base: list, merged: list, path: str) -> list[Change]:
    base_by_id = {item["id"]: item for item in base}
    merged_ids = [item["id"] for item in merged]
    found: list[Change] = []
    for item in merged:
        here = f"{path}[{item['id']}]"
        if item["id"] not in base_by_id:
            found.append(Change("added", here))
        else:
            found += changes(base_by_id[item["id"]], item, here)
    found += [Change("removed", f"{path}[{i}]") for i in base_by_id if i not in merged_ids]
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


def accept_upstream(content: Path, base: Any, merged: Any) -> int:
    """Record the current base value of every overridden text; returns how many."""
    recorded = {path: _hash(old) for path, old in overridden_texts(base, merged).items()}
    body = {
        "comment": "Written by 'playbook diff --accept'. Do not edit by hand.",
        "base_values": dict(sorted(recorded.items())),
    }
    replace_atomically(
        content.resolve().parent / LOCK_NAME,
        (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    )
    return len(recorded)


def read_lock(content: Path) -> dict[str, str]:
    """Accepted base values (path -> hash); GeneratorError if the file is damaged."""
    path = content.resolve().parent / LOCK_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise _damaged(path, str(error)) from None
    except ValueError as error:
        raise _damaged(path, f"not JSON: {error}") from None
    values = data.get("base_values") if isinstance(data, dict) else None
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise _damaged(path, "no 'base_values' mapping of paths to hashes")
    return dict(values)


def _damaged(path: Path, reason: str) -> GeneratorError:
    return GeneratorError(
        f"{path}: the upstream lock is damaged ({reason}); restore it from version control, "
        "or delete it and run 'playbook diff --accept' once you have reviewed the base"
    )


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
