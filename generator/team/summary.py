"""The team's numbers: per journey and per stage, how many items are done, in progress, not
applicable, not started and overdue, who owns them, and what is next.

The one home for these numbers (issue #15): the dashboard page and ``playbook progress``
both call ``summarize``, so they cannot disagree. Which items each stage, journey, shared
checklist and the playbook count comes from generator/team/scopes.py, and how each item
counts from generator/team/counting.py, as the pages' bars do (issue #26). Pure: the date
comes in as ``today``, which callers take from ``today()``.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from generator.content.model import ChecklistItem, Playbook
from generator.team.counting import tally
from generator.team.keys import (
    PLAYBOOK_SCOPE,
    before_scope,
    journey_scope,
    keyed,
    progress_key,
    prompts,
    shared_scope,
    stage_scope,
)
from generator.team.model import CLOSED_STATES, ITEM_STATES, TeamStatus
from generator.team.scopes import Scope, scopes

NEXT_OPEN = 3
"""How many open items a journey or stage lists as next."""

DUE_WINDOW = timedelta(days=7)
"""An open item due within this many days from the build date is due "this week"."""

JSON_VERSION = 1
"""The format version of ``playbook progress --json`` (its ``version``): raised when a
field changes meaning or goes, so a script reading it can tell."""


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
    applicable: int = 0
    """Items that count: every item but the not-applicable ones (generator/team/counting.py)."""
    in_progress: int = 0
    not_applicable: int = 0
    not_started: int = 0
    overdue: int = 0
    prompts: int = 0
    answered: int = 0

    @property
    def percent(self) -> int:
        """Done, as a whole percentage of the items that apply (not-applicable ones do not)."""
        if self.applicable == 0:
            return 100 if self.total else 0
        return self.done * 100 // self.applicable

    def as_data(self) -> dict[str, int]:
        fields = (
            "total",
            "done",
            "applicable",
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
    scope: str
    """The scope it counts (generator/team/keys.py): ``stage:journey/stage`` and so on."""
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
            "scope": self.scope,
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
    checklists: tuple[Section, ...]
    """Each shared checklist's items."""
    overdue: tuple[ItemState, ...]
    """Every overdue item once, earliest due date first."""

    def as_data(self) -> dict[str, Any]:
        """Plain data for ``playbook progress --json``: ids, no texts, stable order."""
        return {
            "version": JSON_VERSION,
            "today": self.today.isoformat(),
            "scope": PLAYBOOK_SCOPE,
            "counts": self.total.as_data(),
            "journeys": [journey.as_data() for journey in self.journeys],
            "checklists": [checklist.as_data() for checklist in self.checklists],
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


def due_when(state: ItemState, today: date) -> str:
    """When ``state`` is due, as the team page's "due" filter has it: ``overdue``, ``week``
    (from ``today`` through the next six days), ``later``, ``none`` (no due date) or ``past``
    (done or not applicable, due before ``today``). The one home of this rule: the page
    script filters on it and never reads a clock of its own."""
    if state.due is None:
        return "none"
    if state.overdue:
        return "overdue"
    if state.due < today:
        return "past"
    return "week" if state.due < today + DUE_WINDOW else "later"


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
    done_prompts = frozenset(status.answers if answered is None else answered)
    found = scopes(playbook)

    def section(section_id: str, scope_id: str, asked: list[str]) -> Section:
        return _section(section_id, found[scope_id], asked, status, today, done_prompts)

    journeys = []
    for journey in playbook.journeys:
        before = section("-", before_scope(journey.id), []) if journey.checklist else None
        stages = tuple(
            section(
                stage.id,
                stage_scope(journey.id, stage.id),
                [key for key, _ in keyed(journey.id, stage.id, stage.prompts)],
            )
            for stage in journey.stages
        )
        asked = [progress_key(journey.id, st.id, p.id) for st in journey.stages for p in st.prompts]
        total = section(journey.id, journey_scope(journey.id), asked)
        journeys.append(JourneySummary(total, before, stages))
    checklists = tuple(
        section(shared.id, shared_scope(shared.id), []) for shared in playbook.checklists
    )
    whole = section("", PLAYBOOK_SCOPE, [k for k, _ in prompts(playbook)])
    overdue = tuple(sorted((s for s in whole.items if s.overdue), key=_urgency))
    return TeamSummary(today, whole.counts, tuple(journeys), checklists, overdue)


def _section(
    section_id: str,
    scope: Scope,
    prompts: list[str],
    status: TeamStatus,
    today: date,
    answered: frozenset[str],
) -> Section:
    items = tuple(item_state(key, item, status, today) for key, item in scope.items)
    by_state = {state: sum(1 for s in items if s.status == state) for state in ITEM_STATES}
    counted = tally(scope.keys, {s.key: s.status for s in items})
    counts = Counts(
        total=len(items),
        done=counted.done,
        applicable=counted.applicable,
        in_progress=by_state["in-progress"],
        not_applicable=by_state["not-applicable"],
        not_started=by_state["not-started"],
        overdue=sum(1 for s in items if s.overdue),
        prompts=len(prompts),
        answered=sum(1 for key in prompts if key in answered),
    )
    owners = tuple(sorted({s.owner for s in items if s.owner}, key=str.casefold))
    ordered = sorted((s for s in items if s.open), key=_urgency)
    return Section(section_id, scope.id, counts, owners, tuple(ordered[:NEXT_OPEN]), items)


def _urgency(state: ItemState) -> tuple[bool, date]:
    # sorted() is stable, so items due on the same day (or undated) keep content order.
    return (state.due is None, state.due or date.max)
