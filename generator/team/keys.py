"""Progress keys: what a tick, a status or an answer is saved under, and every item's key.

The one place that builds them, so the browser's ticks, its exports and the team's status
file (progress.yaml) name the same items. Pure: content in, keys out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from generator.content.model import ChecklistItem, Playbook, Prompt


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)

JOURNEY_LEVEL = "-"
"""The stage part of the key of a journey's own "before you start" items."""
SHARED_LEVEL = "shared"
"""The journey part of the key of a shared checklist's items: one tick on every stage."""


def progress_key(journey_id: str, stage_id: str, item_id: str) -> str:
    """The key a browser saves an item's tick or answer under: journey/stage/item.

    Built here only; templates pass it to the page's script in data- attributes. Ids, not
    names, so ticks follow a language switch and survive renamed texts.
    """
    return f"{journey_id}/{stage_id}/{item_id}"


def keyed(first: str, second: str, entries: Iterable[T]) -> list[tuple[str, T]]:
    """(key, entry) for each of ``entries`` (items or prompts) under ``first/second/``."""
    return [(progress_key(first, second, entry.id), entry) for entry in entries]


def checklist_items(playbook: Playbook) -> list[tuple[str, ChecklistItem]]:
    """(key, item) for every item: journeys' "before you start", stages', shared checklists'."""
    found = []
    for journey in playbook.journeys:
        found += keyed(journey.id, JOURNEY_LEVEL, journey.checklist)
        for stage in journey.stages:
            found += keyed(journey.id, stage.id, stage.checklist)
    for shared in playbook.checklists:
        found += keyed(SHARED_LEVEL, shared.id, shared.items)
    return found


def prompts(playbook: Playbook) -> list[tuple[str, Prompt]]:
    """(key, prompt) for every stage's workshop prompts."""
    return [
        pair
        for journey in playbook.journeys
        for stage in journey.stages
        for pair in keyed(journey.id, stage.id, stage.prompts)
    ]
