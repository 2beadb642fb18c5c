"""Progress keys, and the progress data pages hand to the browser's script.

A tick or an answer is saved in the browser under a key built by ``progress_key``
(generator/team/keys.py, shared with the team's status file), and only there:
templates put the keys in data- attributes and ``playbook.js`` reads them back, so the
script never assembles a key itself (issue #14). Pure: no I/O.
"""

from __future__ import annotations

from generator.content.model import Journey, Playbook
from generator.site.localize import Localizer
from generator.site.pages import JourneyExport, KnownKeys, SummaryItem, SummarySection
from generator.site.ui import UI_TEXT
from generator.team.keys import JOURNEY_LEVEL, SHARED_LEVEL, checklist_items, progress_key, prompts

__all__ = ["JOURNEY_LEVEL", "SHARED_LEVEL", "known_keys", "progress_key", "journey_export"]


def known_keys(playbook: Playbook) -> KnownKeys:
    """Every key this site saves ticks under, and every key it saves answers under.

    The home page lists them, so that an import can name the ids in a file that this
    content does not have (an older or another playbook's export) instead of guessing.
    """
    return {
        "ticks": [key for key, _ in checklist_items(playbook)],
        "answers": [key for key, _ in prompts(playbook)],
    }


def journey_export(playbook: Playbook, journey: Journey, text: Localizer) -> JourneyExport:
    """What the journey page's "export as Markdown" writes: every stage's items and prompts.

    Texts are picked with ``peek``: they go into a data- attribute for the download, not
    onto the page, so a fallback among them must not put the "not translated" note there.
    """
    ui = {key: UI_TEXT[key][text.language] for key in ("checklist", "prompts", "progress")}

    def items(journey_id: str, stage_id: str, entries) -> list[SummaryItem]:
        return [
            {"key": progress_key(journey_id, stage_id, e.id), "text": text.peek(e.text)}
            for e in entries
        ]

    sections: list[SummarySection] = []
    if journey.checklist:
        sections.append(
            {
                "heading": UI_TEXT["before_you_start"][text.language],
                "checklist": items(journey.id, JOURNEY_LEVEL, journey.checklist),
                "prompts": [],
            }
        )
    for number, stage in enumerate(journey.stages, start=1):
        sections.append(
            {
                "heading": f"{number}. {text.peek(stage.name)}",
                "checklist": items(journey.id, stage.id, stage.checklist),
                "prompts": items(journey.id, stage.id, stage.prompts),
            }
        )
    refs = {f"{journey.id}/{stage.id}" for stage in journey.stages}
    for shared in playbook.checklists:
        if refs & set(shared.stages):
            sections.append(
                {
                    "heading": text.peek(shared.name),
                    "checklist": items(SHARED_LEVEL, shared.id, shared.items),
                    "prompts": [],
                }
            )
    return {
        "title": text.peek(journey.name),
        "checklist_heading": ui["checklist"],
        "prompts_heading": ui["prompts"],
        "progress": ui["progress"],
        "sections": sections,
    }
