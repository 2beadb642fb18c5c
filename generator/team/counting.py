"""How one item counts, the one rule behind every progress number (issue #26, "one way to
count").

Every number the site and ``playbook progress`` show is (done, applicable) for a named
scope (generator/team/scopes.py). An item counts as done when its status is done, does not
count at all when it is not applicable, and counts as open otherwise. A reader's own tick
in the browser lies on top of the team's status: a tick makes the item done, an untick of
an item the team has done makes it not started, and nothing else changes.

The page script keeps the same rule as one exported function (``layered`` and ``countsAs``
in theme/assets/playbook/lib/counting.js). Both are tested against one table of cases,
tests/fixtures/counting-cases.json, so they cannot drift. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.team.model import ITEM_STATES

NOT_STARTED = "not-started"
"""The status of an item the status file has no entry for."""


@dataclass(frozen=True)
class Tally:
    """Done items among those that apply, in one scope."""

    done: int = 0
    applicable: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.done + other.done, self.applicable + other.applicable)

    @property
    def complete(self) -> bool:
        """Something applies, and all of it is done (a stage's check mark)."""
        return self.applicable > 0 and self.done == self.applicable


def layered(team: str | None, own: bool | None) -> str:
    """An item's status with a reader's own tick (True), untick (False) or neither (None)
    on top of the team's status (None: no entry, not started).

    Python meets a reader's tick only in a browser export (``playbook progress import``),
    where a tick becomes the status this returns.
    """
    status = team if team in ITEM_STATES else NOT_STARTED
    if own is True:
        return "done"
    if own is False and status == "done":
        return NOT_STARTED
    return status


def counts_as(status: str) -> Tally:
    """What one item of ``status`` adds to its scope's (done, applicable)."""
    if status == "not-applicable":
        return Tally(0, 0)
    return Tally(1 if status == "done" else 0, 1)


def tally(keys: Iterable[str], states: Mapping[str, str]) -> Tally:
    """(done, applicable) of ``keys`` with the team's ``states`` (key -> status; a key
    without one is not started). A key listed twice counts once."""
    total = Tally()
    for key in dict.fromkeys(keys):
        total += counts_as(states.get(key, NOT_STARTED))
    return total
