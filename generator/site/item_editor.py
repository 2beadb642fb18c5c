"""Which of an item's values a reader may change on a stage page (issue #25 point 1).

The one place that decides it from team.publish; the page's script builds the controls
from what the template writes (templates/_item_editor.md.j2) and never decides it again.
Under ``counts`` the site shows no owner or note, so a reader would change a value they
cannot see: only status and due date are offered. Under ``full``, and under ``none`` (or
without a status file), where the reader keeps their own state, all four are.
"""

from __future__ import annotations

from generator.team.model import MAX_NOTE_CHARS, MAX_OWNER_CHARS

ITEM_FIELDS = ("status", "owner", "due", "note")
MAX_CHARS = {"owner": MAX_OWNER_CHARS, "note": MAX_NOTE_CHARS}
"""The longest owner and note the status file takes, as the controls' maxlength."""


def editable_fields(publish: str) -> list[str]:
    """The fields of an item a reader may change under team.publish ``publish``."""
    return ["status", "due"] if publish == "counts" else list(ITEM_FIELDS)
