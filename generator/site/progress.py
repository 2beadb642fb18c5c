"""Progress keys, and the progress data pages hand to the browser's script.

A tick or an answer is saved in the browser under a key built by ``progress_key``
(generator/team/keys.py, shared with the team's status file), and only there:
templates put the keys in data- attributes and ``playbook.js`` reads them back, so the
script never assembles a key itself (issue #14, #24).

Every bar and done mark names a scope (generator/team/scopes.py); ``page_progress`` writes,
once per page, the keys of each scope the page shows and the team's state of each key, and
the numbers the page shows before (and without) the script. The script only sums those
lists with the reader's own ticks on top (lib/counting.js), by the rule
generator/team/counting.py states (issue #26). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypedDict

from generator.content.model import ChecklistItem, Journey, Playbook, Stage
from generator.site.localize import Localizer
from generator.site.pages import JourneyExport, KnownKeys, SummaryItem, SummarySection
from generator.site.team_rows import TeamRow, state_fields
from generator.site.team_view import TeamView
from generator.site.ui import UI_TEXT
from generator.team.counting import tally
from generator.team.keys import (
    JOURNEY_LEVEL,
    SHARED_LEVEL,
    before_scope,
    checklist_items,
    keyed,
    progress_key,
    prompts,
    share_id,
    shared_scope,
    stage_scope,
)
from generator.team.model import TeamStatus
from generator.team.published import Published
from generator.team.scopes import Scope
from generator.team.summary import item_state

__all__ = [
    "JOURNEY_LEVEL",
    "SHARED_LEVEL",
    "known_keys",
    "progress_key",
    "journey_export",
    "page_progress",
    "share_ids",
]


class ProgressData(TypedDict):
    """What a page hands to the script (its ``.playbook-data`` element, as JSON)."""

    scopes: dict[str, list[str]]
    """Each scope the page shows, by id: the keys it counts, each once."""
    items: dict[str, dict[str, object]]
    """The team's state of each of those keys that the status file has an entry for
    (team_view.page_entry: its status, what the site publishes of its owner, due date and
    note, and the base version of each); a key without one is not started."""
    answers: dict[str, dict[str, str]]
    """The base version of the team's answer to each prompt the page lets the reader answer
    (or imports into), by key: {"base": …}; a prompt without a published answer is left out."""


class ScopeCount(TypedDict):
    done: int
    total: int
    """Items that apply (the ``{total}`` of the "{done} of {total} done" texts)."""
    size: int
    """Items in the scope, applicable or not: a scope without any shows no bar."""
    complete: bool
    """Something applies and all of it is done: a stage's mark shows a check."""


class PageProgress(TypedDict):
    data: ProgressData
    counts: dict[str, ScopeCount]
    """By scope id: the team's numbers, shown before the script runs (and without it)."""


def no_progress() -> PageProgress:
    """The progress of a page that shows none."""
    return {"data": {"scopes": {}, "items": {}, "answers": {}}, "counts": {}}


def page_progress(
    scope_ids: Iterable[str],
    found: dict[str, Scope],
    team: TeamView,
    answer_keys: Iterable[str] = (),
) -> PageProgress:
    """The scopes ``scope_ids`` of ``found`` (generator/team/scopes.py) with the team's
    state (``team``: what the site publishes of the status file), and the base versions of
    the team's answers to ``answer_keys``."""
    states = team["states"]
    wanted = [found[scope_id] for scope_id in dict.fromkeys(scope_ids)]
    keys = dict.fromkeys(key for scope in wanted for key in scope.keys)
    counts: dict[str, ScopeCount] = {}
    for scope in wanted:
        counted = tally(scope.keys, states)
        counts[scope.id] = {
            "done": counted.done,
            "total": counted.applicable,
            "size": len(scope.keys),
            "complete": counted.complete,
        }
    return {
        "data": {
            "scopes": {scope.id: scope.keys for scope in wanted},
            "items": {key: team["entries"][key] for key in keys if key in states},
            "answers": {
                key: {"base": team["answer_bases"][key]}
                for key in answer_keys
                if key in team["answer_bases"]
            },
        },
        "counts": counts,
    }


def stage_scopes(playbook: Playbook, journey: Journey) -> list[str]:
    """The scopes a journey's stage pages, map and print page show: each stage's, and each
    shared checklist's shown on one of them."""
    refs = {f"{journey.id}/{stage.id}" for stage in journey.stages}
    return [stage_scope(journey.id, stage.id) for stage in journey.stages] + [
        shared_scope(shared.id) for shared in playbook.checklists if refs & set(shared.stages)
    ]


def share_ids(keys: list[str], journey: Journey) -> dict[str, str]:
    """Each key a journey's share link may carry, with the id the link names it by."""
    return {key: share_id(key, journey.id) for key in keys}


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
                "scope": before_scope(journey.id),
                "checklist": items(journey.id, JOURNEY_LEVEL, journey.checklist),
                "prompts": [],
            }
        )
    for number, each in enumerate(journey.stages, start=1):
        if stage is None or each is stage:
            sections.append(
                {
                    "heading": f"{number}. {text.peek(each.name)}",
                    "scope": stage_scope(journey.id, each.id),
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
                    "scope": shared_scope(shared.id),
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
