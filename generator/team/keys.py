"""Every checklist item and prompt of a playbook under its progress key, in content order.

Keys come from generator/site/progress.py ``progress_key``, the one place that builds
them, so the status file, the browser's ticks and its exports name the same items.
"""

from __future__ import annotations

from generator.content.model import ChecklistItem, Playbook, Prompt
from generator.site.progress import JOURNEY_LEVEL, SHARED_LEVEL, progress_key


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
