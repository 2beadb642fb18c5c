"""Progress keys, and the progress data pages hand to the browser's script.

A tick or an answer is saved in the browser under a key built by ``progress_key``
(generator/team/keys.py, shared with the team's status file), and only there:
templates put the keys in data- attributes and ``playbook.js`` reads them back, so the
script never assembles a key itself (issue #14). Pure: no I/O.
"""

from __future__ import annotations

from datetime import date

from generator.content.model import ChecklistItem, Journey, Playbook, Stage
from generator.site.localize import Localizer
from generator.site.pages import JourneyExport, KnownKeys, SummaryItem, SummarySection
from generator.site.team_rows import TeamRow, state_fields
from generator.site.ui import UI_TEXT
from generator.team.keys import (
    JOURNEY_LEVEL,
    SHARED_LEVEL,
    checklist_items,
    keyed,
    progress_key,
    prompts,
)
from generator.team.model import TeamStatus
from generator.team.published import Published
from generator.team.summary import item_state

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


def journey_export(
    playbook: Playbook,
    journey: Journey,
    text: Localizer,
    shown: Published | None = None,
    today: date | None = None,
    stage: Stage | None = None,
) -> JourneyExport:
    """What the journey page's "export as Markdown" writes: every stage's items and prompts,
    with the team's state of each (``shown``: what team.publish lets the site show, judged
    on ``today``). With ``stage``, the stage page's export: that stage and the shared
    checklists it shows.

    Texts are picked with ``peek``: they go into a data- attribute for the download, not
    onto the page, so a fallback among them must not put the "not translated" note there.
    """
    language = text.language
    ui = {key: UI_TEXT[key][language] for key in ("checklist", "prompts", "progress")}
    status = shown.status if shown else TeamStatus.empty()
    answers = shown.status.answers if shown else {}
    day = today or date.min

    def items(journey_id: str, stage_id: str, entries) -> list[SummaryItem]:
        found: list[SummaryItem] = []
        for key, entry in keyed(journey_id, stage_id, entries):
            fields: list[str] = []
            if shown is not None and isinstance(entry, ChecklistItem):
                state = item_state(key, entry, status, day)
                fields = state_fields(TeamRow(text.peek(entry.text), state, None), language)
            answer = answers.get(key)
            found.append(
                {
                    "key": key,
                    "text": text.peek(entry.text),
                    "fields": fields,
                    "answer": answer.text if answer else "",
                }
            )
        return found

    sections: list[SummarySection] = []
    if journey.checklist and stage is None:
        sections.append(
            {
                "heading": UI_TEXT["before_you_start"][language],
                "checklist": items(journey.id, JOURNEY_LEVEL, journey.checklist),
                "prompts": [],
            }
        )
    for number, each in enumerate(journey.stages, start=1):
        if stage is None or each is stage:
            sections.append(
                {
                    "heading": f"{number}. {text.peek(each.name)}",
                    "checklist": items(journey.id, each.id, each.checklist),
                    "prompts": items(journey.id, each.id, each.prompts),
                }
            )
    shown_on = {f"{journey.id}/{s.id}" for s in journey.stages if stage is None or s is stage}
    for shared in playbook.checklists:
        if shown_on & set(shared.stages):
            sections.append(
                {
                    "heading": text.peek(shared.name),
                    "checklist": items(SHARED_LEVEL, shared.id, shared.items),
                    "prompts": [],
                }
            )
    return {
        "title": text.peek(stage.name if stage else journey.name),
        "checklist_heading": ui["checklist"],
        "prompts_heading": ui["prompts"],
        "progress": ui["progress"],
        "answer_label": UI_TEXT["team_answer"][language],
        "own_answer_label": UI_TEXT["team_only_here"][language],
        "sections": sections,
    }
