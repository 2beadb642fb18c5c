"""The scopes progress is counted in, and the items each one counts (issue #26).

A scope is a stage, a journey's "before you start", a journey, a shared checklist or the
whole playbook. Within a scope a key counts at most once: a shared checklist's item counts
on every stage that shows it, but once in each journey and once in the playbook. The team
summary (``playbook progress``, the team page) and every page's bars and marks take their
items from here, so no two numbers for one scope can disagree. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import ChecklistItem, Playbook
from generator.team.keys import (
    JOURNEY_LEVEL,
    PLAYBOOK_SCOPE,
    SHARED_LEVEL,
    before_scope,
    checklist_items,
    journey_scope,
    keyed,
    shared_scope,
    stage_scope,
)


@dataclass(frozen=True)
class Scope:
    """A named scope and the items it counts, each once, in content order."""

    id: str
    """``stage:journey/stage``, ``before:journey``, ``journey:id``, ``shared:id`` or
    ``playbook`` (generator/team/keys.py builds them)."""
    items: tuple[tuple[str, ChecklistItem], ...]
    """(key, item) pairs."""

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.items]


def _scope(scope_id: str, pairs: list[tuple[str, ChecklistItem]]) -> Scope:
    return Scope(scope_id, tuple(dict(pairs).items()))


def scopes(playbook: Playbook) -> dict[str, Scope]:
    """Every scope of ``playbook`` by id: the playbook, then each journey (its "before you
    start" if any, its stages), then each shared checklist."""
    shown_on: dict[str, list] = {}
    for shared in playbook.checklists:
        for ref in shared.stages:
            shown_on.setdefault(ref, []).append(shared)
    found = [_scope(PLAYBOOK_SCOPE, checklist_items(playbook))]
    for journey in playbook.journeys:
        parts = []
        if journey.checklist:
            before = keyed(journey.id, JOURNEY_LEVEL, journey.checklist)
            parts.append(_scope(before_scope(journey.id), before))
        for stage in journey.stages:
            pairs = keyed(journey.id, stage.id, stage.checklist)
            for shared in shown_on.get(f"{journey.id}/{stage.id}", []):
                pairs += keyed(SHARED_LEVEL, shared.id, shared.items)
            parts.append(_scope(stage_scope(journey.id, stage.id), pairs))
        found.append(_scope(journey_scope(journey.id), [p for s in parts for p in s.items]))
        found += parts
    for shared in playbook.checklists:
        found.append(_scope(shared_scope(shared.id), keyed(SHARED_LEVEL, shared.id, shared.items)))
    return {scope.id: scope for scope in found}
