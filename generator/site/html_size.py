"""Make built HTML pages smaller without changing what they show or do.

Material's templates indent every element: about a third of a stage page's bytes were
whitespace between tags. A run of whitespace between two tags shows exactly as one
space, so it is cut to one newline (or one space when it held no line break). Text,
attribute values and the insides of ``<pre>``, ``<code>``, ``<textarea>``, ``<script>``
and ``<style>``, where whitespace can matter, are left as they are.
"""

from __future__ import annotations

import re

# A kept element whole, or whitespace between a tag's end and the next tag's start.
_WHITESPACE_OR_KEPT = re.compile(
    r"(<(pre|code|textarea|script|style)\b.*?</\2\s*>)|(?<=>)\s+(?=<)", re.S | re.I
)


def _cut(match: re.Match) -> str:
    if match.group(1):
        return match.group(1)
    return "\n" if "\n" in match.group(0) else " "


def collapse_whitespace(html: str) -> str:
    """``html`` with each run of whitespace between tags cut to one character."""
    return _WHITESPACE_OR_KEPT.sub(_cut, html)
