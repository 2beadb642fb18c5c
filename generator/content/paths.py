"""Human-readable paths inside the content, keyed by id where an item has one.

``("journeys", 0, "stages", 2, "name", "nb")`` becomes
``journeys[customer-journey].stages[consideration].name.nb``: ids survive
reordering and are what a consultant searches for in the YAML.
"""

from __future__ import annotations

import re
from typing import Any

from generator.content.model import ID_PATTERN

_ID = re.compile(ID_PATTERN)


def format_path(loc: tuple[Any, ...], data: Any) -> str:
    """Format ``loc`` against the raw data it points into."""
    text = ""
    current = data
    for part in loc:
        if isinstance(part, bool):
            # YAML reads the key `no:` as false; show what the author typed.
            text += ".no" if part is False else ".yes"
            current = None
        elif isinstance(part, int) and isinstance(current, dict):
            text = f"{text}.{part}" if text else str(part)  # a key that YAML read as a number
            current = current.get(part)
        elif isinstance(part, int):
            item = current[part] if isinstance(current, list) and part < len(current) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            label = item_id if isinstance(item_id, str) and _ID.match(item_id) else part
            text = join_path(text, label, item=True)
            current = item
        else:
            text = join_path(text, part)
            current = current.get(part) if isinstance(current, dict) else None
    return text


def join_path(text: str, part: Any, *, item: bool = False) -> str:
    """``text`` with one more part: ``.key`` for a mapping key, ``[x]`` for a list item.

    The one rule for how a path inside the content is written, wherever one is shown.
    """
    if item or isinstance(part, int):
        return f"{text}[{part}]"
    return f"{text}.{part}" if text else str(part)


def format_raw_path(path: tuple[Any, ...]) -> str:
    """Format a path without looking up ids: ``journeys[0].stages[2].name``."""
    text = ""
    for part in path:
        text = join_path(text, part)
    return text
