"""Text for a terminal: every message that may quote content goes through ``terminal_safe``.

Owners, notes, ids, keys and texts come from files anyone with a pull request can change.
Printed raw, an ESC or a C1 control makes a terminal (or a CI log viewer) run an escape
sequence: set its title, rewrite what was printed, hide a line; a carriage return prints
over a line; a bidi control reorders what the reader sees (issue #23). They are shown as
``\\uXXXX`` instead, which JSON reads back as the same character, so ``--json`` output keeps
its exact values. Files the tool writes keep their exact bytes: only the terminal is guarded.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls except tab (\x09) and newline (\x0a); \r included
    "\x7f-\x9f"  # DEL and the C1 controls (\x9b is a one-byte CSI)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, isolates
    "\u2028\u2029"  # line and paragraph separators
    "]"
)


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal would act on written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
