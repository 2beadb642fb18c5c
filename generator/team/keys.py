"""Progress keys: what a tick, a status or an answer is saved under, and every item's key.

The one place that builds them, so the browser's ticks, its exports and the team's status
file (progress.yaml) name the same items. Pure: content in, keys out.
"""

from __future__ import annotations

from generator.content.model import ChecklistItem, Playbook, Prompt

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


def checklist_items(playbook: Playbook) -> list[tuple[str, ChecklistItem]]:
    """(key, item) for every item: journeys' "before you start", stages', shared checklists'."""
    keyed = []
    for journey in playbook.journeys:
        keyed += [(progress_key(journey.id, JOURNEY_LEVEL, i.id), i) for i in journey.checklist]
        for stage in journey.stages:
            keyed += [(progress_key(journey.id, stage.id, i.id), i) for i in stage.checklist]
    for shared in playbook.checklists:
        keyed += [(progress_key(SHARED_LEVEL, shared.id, i.id), i) for i in shared.items]
    return keyed


def prompts(playbook: Playbook) -> list[tuple[str, Prompt]]:
    """(key, prompt) for every stage's workshop prompts."""
    return [
        (progress_key(journey.id, stage.id, prompt.id), prompt)
        for journey in playbook.journeys
        for stage in journey.stages
        for prompt in stage.prompts
    ]
