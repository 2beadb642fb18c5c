"""The team's numbers: per journey and per stage, how many items are done, in progress, not
applicable, not started and overdue, who owns them, and what is next.

The one home for these numbers (issue #15): the dashboard page and ``playbook progress``
both call ``summarize``, so they cannot disagree. Pure: the date comes in as ``today``,
which callers take from ``today()``.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from generator.content.model import ChecklistItem, Playbook
from generator.team.keys import (
    JOURNEY_LEVEL,
    SHARED_LEVEL,
    checklist_items,
    keyed,
    progress_key,
    prompts,
)
from generator.team.model import CLOSED_STATES, ITEM_STATES, TeamStatus

NEXT_OPEN = 3
"""How many open items a journey or stage lists as next."""


def today(time_zone: str | None = None) -> date:
    """The date the team's state is judged on: SOURCE_DATE_EPOCH's day if set, else today;
    in ``time_zone`` (the content's ``site.time_zone``), else UTC for SOURCE_DATE_EPOCH and
    the machine's own day for the clock.

    A build with SOURCE_DATE_EPOCH (reproducible builds, CI, tests) marks the same items
    overdue on the site as ``playbook progress`` does with it. The zone matters at night:
    at 00:30 in Stockholm it is still yesterday in UTC, where GitHub's runners live.
    """
    zone = ZoneInfo(time_zone) if time_zone else None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), zone or UTC).date()
    return datetime.now(zone).date() if zone else date.today()


def now() -> str:
    """This moment as an ISO date and time in UTC, to the second (SOURCE_DATE_EPOCH's, if
    set): the ``changed`` stamp an import gives the entries of a spreadsheet it takes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class ItemState:
    """One checklist item as the team has it."""

    key: str
    """Its progress key (journey/stage/item)."""
    item: ChecklistItem
    """The item in the content (its text in every language)."""
    status: str
    """done, in-progress, not-applicable or not-started (no entry in the file)."""
    owner: str | None
    due: date | None
    note: str | None
    overdue: bool
    """Due before today and neither done nor not applicable."""

    @property
    def open(self) -> bool:
        return self.status not in CLOSED_STATES

    def as_data(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class Counts:
    """How many items are in each state, and how many prompts have the team's answer."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_applicable: int = 0
    not_started: int = 0
    overdue: int = 0
    prompts: int = 0
    answered: int = 0

    @property
    def percent(self) -> int:
        """Done, as a whole percentage of the items that apply (not-applicable ones do not)."""
        applicable = self.total - self.not_applicable
        if applicable == 0:
            return 100 if self.total else 0
        return self.done * 100 // applicable

    def as_data(self) -> dict[str, int]:
        fields = (
            "total",
            "done",
            "in_progress",
            "not_applicable",
            "not_started",
            "overdue",
            "prompts",
            "answered",
        )
        return {**{name: getattr(self, name) for name in fields}, "percent": self.percent}


@dataclass(frozen=True)
class Section:
    """A stage, or a journey's "before you start" list (id ``-``), or a whole journey."""

    id: str
    counts: Counts
    owners: tuple[str, ...]
    """Everyone named as an owner of an item here, sorted."""
    next_open: tuple[ItemState, ...]
    """Up to NEXT_OPEN open items: earliest due date first, then in content order."""
    items: tuple[ItemState, ...]
    """Every item here, in content order (a shared checklist's items after the stage's)."""

    def as_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "counts": self.counts.as_data(),
            "owners": list(self.owners),
            "next_open": [item.as_data() for item in self.next_open],
        }


@dataclass(frozen=True)
class JourneySummary:
    """One journey: its own totals, its "before you start" list and each stage."""

    total: Section
    """The whole journey (an item shown on two of its stages counts once)."""
    before: Section | None
    """The journey's "before you start" items, if it has any."""
    stages: tuple[Section, ...]

    def as_data(self) -> dict[str, Any]:
        return {
            **self.total.as_data(),
            "before_you_start": self.before.as_data() if self.before else None,
            "stages": [stage.as_data() for stage in self.stages],
        }


@dataclass(frozen=True)
class TeamSummary:
    """Everything the dashboard and ``playbook progress`` show."""

    today: date
    total: Counts
    """Every checklist item of the playbook once, shared checklists included."""
    journeys: tuple[JourneySummary, ...]
    overdue: tuple[ItemState, ...]
    """Every overdue item once, earliest due date first."""

    def as_data(self) -> dict[str, Any]:
        """Plain data for ``playbook progress --json``: ids, no texts, stable order."""
        return {
            "today": self.today.isoformat(),
            "counts": self.total.as_data(),
            "journeys": [journey.as_data() for journey in self.journeys],
            "overdue": [item.as_data() for item in self.overdue],
        }


def item_state(key: str, item: ChecklistItem, status: TeamStatus, today: date) -> ItemState:
    """The team's state of one item; the one place that decides what is overdue."""
    entry = status.items.get(key)
    state = entry.status if entry else "not-started"
    due = entry.due if entry else None
    return ItemState(
        key=key,
        item=item,
        status=state,
        owner=entry.owner if entry else None,
        due=due,
        note=entry.note if entry else None,
        overdue=due is not None and due < today and state not in CLOSED_STATES,
    )


def summarize(
    playbook: Playbook,
    status: TeamStatus,
    today: date,
    answered: Collection[str] | None = None,
) -> TeamSummary:
    """The team's numbers for ``playbook`` on ``today``.

    ``answered``: the prompts the team has answered, when ``status`` is the published
    status that no longer holds the answers (team.publish: counts); else its answers.
    """
    answered = frozenset(status.answers if answered is None else answered)
    shared_on: dict[str, list] = {}
    for shared in playbook.checklists:
        for ref in shared.stages:
            shared_on.setdefault(ref, []).append(shared)
    journeys = []
    for journey in playbook.journeys:
        before = None
        if journey.checklist:
            before = _section(
                JOURNEY_LEVEL,
                keyed(journey.id, JOURNEY_LEVEL, journey.checklist),
                [],
                status,
                today,
                answered,
            )
        stages = []
        for stage in journey.stages:
            items = keyed(journey.id, stage.id, stage.checklist)
            for shared in shared_on.get(f"{journey.id}/{stage.id}", []):
                items += keyed(SHARED_LEVEL, shared.id, shared.items)
            asked = [key for key, _ in keyed(journey.id, stage.id, stage.prompts)]
            stages.append(_section(stage.id, items, asked, status, today, answered))
        parts = ([before] if before else []) + stages
        total = _section(
            journey.id,
            _unique((s.key, s.item) for part in parts for s in part.items),
            [progress_key(journey.id, st.id, p.id) for st in journey.stages for p in st.prompts],
            status,
            today,
            answered,
        )
        journeys.append(JourneySummary(total, before, tuple(stages)))
    whole = _section(
        "", checklist_items(playbook), [k for k, _ in prompts(playbook)], status, today, answered
    )
    overdue = tuple(sorted((s for s in whole.items if s.overdue), key=_urgency))
    return TeamSummary(today, whole.counts, tuple(journeys), overdue)


def _unique(keyed: Iterable[tuple[str, ChecklistItem]]) -> list[tuple[str, ChecklistItem]]:
    return list(dict(keyed).items())


def _section(
    section_id: str,
    pairs: list[tuple[str, ChecklistItem]],
    prompts: list[str],
    status: TeamStatus,
    today: date,
    answered: frozenset[str],
) -> Section:
    items = tuple(item_state(key, item, status, today) for key, item in _unique(pairs))
    by_state = {state: sum(1 for s in items if s.status == state) for state in ITEM_STATES}
    counts = Counts(
        total=len(items),
        done=by_state["done"],
        in_progress=by_state["in-progress"],
        not_applicable=by_state["not-applicable"],
        not_started=by_state["not-started"],
        overdue=sum(1 for s in items if s.overdue),
        prompts=len(prompts),
        answered=sum(1 for key in prompts if key in answered),
    )
    owners = tuple(sorted({s.owner for s in items if s.owner}, key=str.casefold))
    ordered = sorted((s for s in items if s.open), key=_urgency)
    return Section(section_id, counts, owners, tuple(ordered[:NEXT_OPEN]), items)


def _urgency(state: ItemState) -> tuple[bool, date]:
    # sorted() is stable, so items due on the same day (or undated) keep content order.
    return (state.due is None, state.due or date.max)
