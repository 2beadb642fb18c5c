"""How error messages show a value the author wrote: its kind, and a short form of it.

Shared by the content's messages and the status file's (generator/team), so both read alike.
"""

from __future__ import annotations

from typing import Any


def kind_of(value: Any) -> str:
    """What kind of YAML value ``value`` is, as a message names it ("a list", "null")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text" if isinstance(value, str) else type(value).__name__


def brief(value: Any, *, quote: bool = True, limit: int = 60) -> str:
    """A value as a message may show it: never more than ``limit`` characters.

    Messages echo what the author wrote, but content is untrusted: an alias bomb made one
    message 580 MB long (issue #11).
    """
    shown = repr(value) if quote else str(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
