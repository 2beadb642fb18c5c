"""Every checklist item with the team's state of it, grouped as the site shows them: the
rows that the spreadsheet, task-list, Jira and calendar exports write (issue #26).

Each item once, under its progress key (a shared checklist's items under the checklist,
not once per stage that shows it), so that a spreadsheet edited and imported back can
never say two things about one item. The state of each item is ``summary.item_state``'s,
the one place that decides what is overdue. What the state may show is decided before it
gets here: the site passes what ``team.publish`` lets through (team/published.py), a
local ``playbook export`` the whole status file. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from generator.content.model import ChecklistItem, Playbook
from generator.site.localize import Localizer
from generator.site.ui import UI_TEXT
from generator.team.keys import JOURNEY_LEVEL, SHARED_LEVEL, keyed
from generator.team.model import TeamStatus
from generator.team.summary import ItemState, item_state

STATUS_WORDS = {
    "done": "team_status_done",
    "in-progress": "team_status_in_progress",
    "not-applicable": "team_status_not_applicable",
    "not-started": "team_status_not_started",
}
"""Each status's word (ui_text key): what a spreadsheet cell says, and reads back."""


@dataclass(frozen=True)
class TeamRow:
    """One item and the team's state of it."""

    text: str
    """The item's text in the export's language (a fallback where it is not translated)."""
    state: ItemState
    changed: date | datetime | None
    """When the entry last changed, as the status file says (None under team.publish:
    counts, which publishes no dates of change)."""

    @property
    def key(self) -> str:
        return self.state.key


@dataclass(frozen=True)
class TeamSection:
    """A stage, a journey's "before you start" list or a shared checklist."""

    id: str
    """Its place in the keys: 'journey/stage', 'journey/-' or 'shared/checklist'."""
    name: str
    """'3. Purchase', 'Before you start' or the shared checklist's name."""
    rows: tuple[TeamRow, ...]


@dataclass(frozen=True)
class TeamGroup:
    """A journey, or the shared checklists together."""

    id: str
    name: str
    sections: tuple[TeamSection, ...]


def team_groups(
    playbook: Playbook, status: TeamStatus, today: date, text: Localizer
) -> list[TeamGroup]:
    """Every item once, in content order: each journey's "before you start" list and
    stages, then the shared checklists. Sections without items are left out."""
    language = text.language

    def section(place: tuple[str, str], name: str, items: list[ChecklistItem]) -> TeamSection:
        rows = []
        for key, item in keyed(*place, items):
            entry = status.items.get(key)
            rows.append(
                TeamRow(
                    text=text.peek(item.text),
                    state=item_state(key, item, status, today),
                    changed=entry.changed if entry else None,
                )
            )
        return TeamSection("/".join(place), name, tuple(rows))

    groups = []
    for journey in playbook.journeys:
        sections = [
            section(
                (journey.id, JOURNEY_LEVEL),
                UI_TEXT["before_you_start"][language],
                journey.checklist,
            )
        ]
        sections += [
            section((journey.id, stage.id), f"{number}. {text.peek(stage.name)}", stage.checklist)
            for number, stage in enumerate(journey.stages, start=1)
        ]
        groups.append(
            TeamGroup(journey.id, text.peek(journey.name), tuple(s for s in sections if s.rows))
        )
    shared = [
        section((SHARED_LEVEL, checklist.id), text.peek(checklist.name), checklist.items)
        for checklist in playbook.checklists
    ]
    if shared:
        groups.append(TeamGroup(SHARED_LEVEL, UI_TEXT["csv_shared"][language], tuple(shared)))
    return [group for group in groups if group.sections]


def status_word(status: str, language: str) -> str:
    """'In progress' for in-progress, in ``language``."""
    return UI_TEXT[STATUS_WORDS[status]][language]


def state_fields(row: TeamRow, language: str) -> list[str]:
    """The team's state of an item as separate fields, 'Label: value' each, in ``language``:
    status, then owner, due date (and "Overdue") and note where there are any."""
    ui = UI_TEXT
    state = row.state
    fields = [ui["field_status"][language].format(status=status_word(state.status, language))]
    if state.owner:
        fields.append(ui["team_owner"][language].format(owner=state.owner))
    if state.due:
        due = ui["field_due"][language].format(date=state.due.isoformat())
        fields.append(due + (f" · ⚠ {ui['team_overdue'][language]}" if state.overdue else ""))
    if state.note:
        fields.append(ui["field_note"][language].format(note=state.note))
    return fields
