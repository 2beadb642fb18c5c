"""What the site may publish of the team's state: ``team.publish`` applied in one place.

The status file holds people's names (owners), notes and answers. A client site is often
public, so the content says how much of it the site shows (issue #25):

* ``full``: everything, and the latest changes (who changed what, when);
* ``counts``: each item's status and due date, so that bars, statuses and overdue marks
  still count the team's state, and which prompts have an answer (a number on the team
  page); no owner, note, answer text, change date or history;
* ``none``: nothing at all; the site is what it is without a status file.

Everything the pages, page data and search index show of the team goes through
``published``. It copies an allowlist of fields into a new status rather than deleting
the private ones, so a field added to the status file later stays off the site until it
is named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.team.history import Change
from generator.team.model import ItemStatus, TeamStatus

FULL, COUNTS, NONE = "full", "counts", "none"

WHAT_IS_SHOWN = {
    FULL: "statuses, owners, due dates, notes, answers and the latest changes",
    COUNTS: "statuses, due dates, overdue marks and the numbers; no owners, notes, "
    "answers or history",
    NONE: "nothing of the team's state",
}
"""What each setting shows, as `playbook build` says it."""


@dataclass(frozen=True)
class Published:
    """The team's state as the site may show it."""

    mode: str
    """full or counts (none publishes nothing: ``published`` returns None)."""
    status: TeamStatus
    """Under counts, each item's status and due date only, and no answers."""
    answered: frozenset[str]
    """The prompts the team has answered: under counts their number shows, not their text."""
    history: tuple[Change, ...] = ()
    """The latest changes, newest first; empty unless full."""


def published(
    status: TeamStatus | None, mode: str, history: tuple[Change, ...] = ()
) -> Published | None:
    """What the site shows of ``status`` under ``mode``; None when it shows nothing."""
    if status is None or mode == NONE:
        return None
    answered = frozenset(status.answers)
    if mode == FULL:
        return Published(FULL, status, answered, history)
    if mode != COUNTS:
        raise ValueError(f"unknown team.publish mode {mode!r}")  # the content model forbids it
    items = {
        key: ItemStatus(status=entry.status, due=entry.due) for key, entry in status.items.items()
    }
    return Published(COUNTS, TeamStatus(items=items), answered)
