"""When an item is due, as the team page's due filter groups it (issue #26): decided once,
on the build date, in generator/team/summary.py."""

from __future__ import annotations

from datetime import date

import pytest

from generator.content.model import ChecklistItem
from generator.team.model import ItemStatus, TeamStatus
from generator.team.summary import due_when, item_state

TODAY = date(2023, 11, 14)  # a Tuesday


@pytest.mark.parametrize(
    ("status", "due", "when"),
    [
        ("not-started", None, "none"),
        ("done", None, "none"),
        ("in-progress", date(2023, 11, 13), "overdue"),
        ("not-started", date(2023, 11, 14), "week"),  # due today: not overdue yet
        ("not-started", date(2023, 11, 20), "week"),  # the seventh day from today
        ("not-started", date(2023, 11, 21), "later"),
        ("done", date(2023, 11, 13), "past"),
        ("not-applicable", date(2023, 11, 1), "past"),
        ("done", date(2023, 11, 15), "week"),
    ],
)
def test_each_item_falls_in_exactly_one_due_group(status, due, when):
    item = ChecklistItem(id="ring-kunden", text="Ring kunden")
    entry = ItemStatus(status=status, due=due)
    state = item_state("j/s/ring-kunden", item, TeamStatus(items={"j/s/ring-kunden": entry}), TODAY)
    assert due_when(state, TODAY) == when
