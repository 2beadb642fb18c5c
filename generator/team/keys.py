"""Progress keys: what a tick, a status or an answer is saved under, and every item's key;
and the ids of the scopes that progress is counted in (a stage, a journey, ...).

The one place that builds them, so the browser's ticks, its exports, its share links and
the team's status file (progress.yaml) name the same items. The page script never builds
one: pages carry them as data (issue #24). Pure: content in, keys out.
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


def page_key(page_prefix: str, item_id: str) -> str:
    """The key of a task list item on a hand-written page: ``page:notes/book-room``.

    ``page_prefix`` is ``page:<page>`` (generator/site/tasklists.py ``page_key_prefix``)."""
    return f"{page_prefix}/{item_id}"


def share_id(key: str, journey_id: str) -> str:
    """How a share link for ``journey_id`` names ``key``: without the journey's own id
    (``awareness/known-for``), so links stay short; a shared checklist's key as it is.

    Links made by the site since issue #15 use this form; the journey page lists each of its
    keys with its share id, so the script looks keys up and never rebuilds one.
    """
    prefix = f"{journey_id}/"
    return key[len(prefix) :] if key.startswith(prefix) else key


PLAYBOOK_SCOPE = "playbook"
"""The scope of every item of the playbook, each counted once."""


def stage_scope(journey_id: str, stage_id: str) -> str:
    """A stage: its own items and those of every shared checklist it shows."""
    return f"stage:{journey_id}/{stage_id}"


def before_scope(journey_id: str) -> str:
    """A journey's "before you start" items."""
    return f"before:{journey_id}"


def journey_scope(journey_id: str) -> str:
    """A journey: "before you start", its stages', and shared items shown on them, once."""
    return f"journey:{journey_id}"


def shared_scope(checklist_id: str) -> str:
    """A shared checklist's items."""
    return f"shared:{checklist_id}"


def page_scope(page_prefix: str) -> str:
    """A hand-written page's task list items (``page_prefix`` is ``page:<page>``)."""
    return page_prefix


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
