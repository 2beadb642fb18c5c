"""Template contexts: each text picked in one language and prepared for the templates.

Python decides what a page shows; the templates in ``generator/site/templates`` only
lay it out. Pure functions, no I/O.
"""

from __future__ import annotations

from generator.content.model import Journey, Playbook, SharedChecklist, Stage, Translations
from generator.site.glossary import terms_on_page
from generator.site.journey_map import LANE_LABELS
from generator.site.localize import Localized, Localizer, derived, written_in
from generator.site.marks import marked_html
from generator.site.markup import render_markdown
from generator.site.pages import (
    ChooserQuestionData,
    CommonData,
    ComparisonCell,
    ComparisonRow,
    ComparisonTable,
    FactData,
    GlossaryEntry,
    ItemData,
    JourneyData,
    SharedData,
    SourceEntry,
    SourceLink,
    StageData,
    StageLink,
)
from generator.site.progress import JOURNEY_LEVEL, SHARED_LEVEL, progress_key
from generator.site.ui import LANGUAGE_NAME_IN, UI_TEXT
from generator.team.keys import before_scope, journey_scope, shared_scope, stage_scope

STAGE_LANES = ("touchpoints", "pain_points", "opportunities")
"""The lanes of the journey map a stage page also lists, where the workshop happens."""


def common(playbook: Playbook, text: Localizer) -> CommonData:
    """What every page needs: its language, the UI strings, the site title."""
    return {
        "lang": text.language,
        "ui": {key: values[text.language] for key, values in UI_TEXT.items()},
        "site_title": text(playbook.site.title),
    }


def _markdown(text: Localized, allow_html: bool, page: str) -> Localized:
    """Content Markdown rendered for ``page``, still marked if it is a fallback, and then
    carrying the language it is written in, so screen readers pronounce it as such."""
    html = render_markdown(text.strip(), allow_html=allow_html, page=page)
    shown_in = getattr(text, "shown_in", ())
    if text.fell_back and shown_in:
        html = html.replace(
            '<div class="playbook-markdown">',
            f'<div class="playbook-markdown" lang="{shown_in[0]}">',
            1,
        )
    return derived(html, text)


def journey_context(journey: Journey, text: Localizer, *, allow_html: bool = False) -> JourneyData:
    """A journey as home, journey and print pages show it."""
    return {
        "id": journey.id,
        "name": text(journey.name),
        "summary": text(journey.summary),
        "cyclic": journey.cyclic,
        "loop_target": _stage_link(journey.loop_target(), text),
        "stages": [
            {
                "id": s.id,
                "name": text(s.name),
                "summary": text(s.summary),
                "scope": stage_scope(journey.id, s.id),
            }
            for s in journey.stages
        ],
        "scope": journey_scope(journey.id),
        "before_scope": before_scope(journey.id),
        # Written for the journey page, the one page that shows it.
        "about": _markdown(text(journey.about), allow_html, f"stages/{journey.id}/index.md")
        if journey.about
        else "",
        "checklist": [
            _item(item.id, item.text, text, progress_key(journey.id, JOURNEY_LEVEL, item.id))
            for item in journey.checklist
        ],
        "source": journey.source,
    }


def comparison_context(playbook: Playbook, text: Localizer) -> ComparisonTable:
    """Rows: stages of the first journey. Columns: the other journeys' matching stages."""
    first, others = playbook.journeys[0], playbook.journeys[1:]
    rows = []
    for stage in first.stages:
        cells: list[list[ComparisonCell]] = []
        for journey in others:
            matches = [s for s in journey.stages if stage.id in s.corresponds_to]
            cells.append(
                [{"journey": journey.id, "id": s.id, "name": text(s.name)} for s in matches]
            )
        row: ComparisonRow = {
            "stage": {"journey": first.id, "id": stage.id, "name": text(stage.name)},
            "cells": cells,
        }
        rows.append(row)
    return {"columns": [text(j.name) for j in playbook.journeys], "rows": rows}


def chooser_context(playbook: Playbook, text: Localizer) -> list[ChooserQuestionData]:
    """The model chooser: each question with its answers, each pointing to a journey."""
    journeys = {journey.id: journey for journey in playbook.journeys}
    return [
        {
            "id": question.id,
            "question": text(question.question),
            "answers": [
                {
                    "id": answer.id,
                    "answer": text(answer.answer),
                    "journey": answer.journey,
                    "journey_name": text(journeys[answer.journey].name),
                    "reason": text(answer.reason),
                    "source": source_link(playbook, answer.source, text.language),
                }
                for answer in question.answers
            ],
        }
        for question in playbook.chooser
    ]


def map_description(journey: Journey, text: Localizer) -> Localized:
    """One sentence describing the journey map, for screen readers and everyone else, as
    HTML: a stage name in another language is marked with its ``lang``."""
    first, last = text(journey.stages[0].name), text(journey.stages[-1].name)
    names: dict[str, Localized | str] = {
        "count": str(len(journey.stages)),
        "first": first,
        "last": last,
    }
    target = journey.loop_target()
    if target is not None:
        cyclic = UI_TEXT["journey_map_cyclic"][text.language]
        return marked_html(cyclic, target=text(target.name), **names)
    return marked_html(UI_TEXT["journey_map_linear"][text.language], **names)


def map_sentence(journey: Journey, text: Localizer) -> Localized:
    """The sentence of ``map_description`` as plain text, for an attribute (aria-label),
    where markup would be read out as characters."""
    names = {stage.id: text(stage.name) for stage in journey.stages}
    values = {
        "count": str(len(journey.stages)),
        "first": names[journey.stages[0].id],
        "last": names[journey.stages[-1].id],
    }
    target = journey.loop_target()
    key = "journey_map_linear"
    if target is not None:
        key, values["target"] = "journey_map_cyclic", names[target.id]
    return derived(UI_TEXT[key][text.language].format(**values), *names.values())


def stage_context(
    playbook: Playbook, journey: Journey, position: int, text: Localizer
) -> StageData:
    """One stage with its checklist and prompts."""
    stage = journey.stages[position]
    description = text(stage.description) if stage.description else Localized("")
    return {
        "id": stage.id,
        "name": text(stage.name),
        "summary": text(stage.summary),
        "description": _markdown(
            description, playbook.site.allow_html, f"stages/{journey.id}/{stage.id}.md"
        ),
        "number": position + 1,
        "count": len(journey.stages),
        # Its own key, not the plural heading 'stages': "Stage 3 of 7", never "Stages 3/7" (#28).
        "counter": UI_TEXT["stage_number"][text.language].format(
            number=position + 1, count=len(journey.stages)
        ),
        "checklist": [
            _item(item.id, item.text, text, progress_key(journey.id, stage.id, item.id))
            for item in stage.checklist
        ],
        "prompts": [
            _item(prompt.id, prompt.text, text, progress_key(journey.id, stage.id, prompt.id))
            for prompt in stage.prompts
        ],
        "item_keys": [progress_key(journey.id, stage.id, item.id) for item in stage.checklist],
        "scope": stage_scope(journey.id, stage.id),
        "facts": [fact_context(playbook, fact_id, text) for fact_id in stage.facts],
        "metrics": [_item(metric.id, metric.text, text) for metric in stage.metrics],
        "shared": [
            shared_context(shared, text)
            for shared in playbook.checklists
            if f"{journey.id}/{stage.id}" in shared.stages
        ],
        "lanes": [
            {
                "key": lane,
                "label": UI_TEXT[LANE_LABELS[lane]][text.language],
                "entries": [_item(entry.id, entry.text, text) for entry in getattr(stage, lane)],
            }
            for lane in STAGE_LANES
            if getattr(stage, lane)
        ],
        "terms": terms_on_page(
            playbook,
            [text(stage.name), text(stage.summary), description]
            + [text(i.text) for i in stage.checklist]
            + [text(p.text) for p in stage.prompts],
            text,
        ),
    }


def shared_context(shared: SharedChecklist, text: Localizer) -> SharedData:
    """A shared checklist; its ticks are saved under 'shared/<id>/<item>' on every stage."""
    return {
        "id": shared.id,
        "scope": shared_scope(shared.id),
        "name": text(shared.name),
        "summary": text(shared.summary) if shared.summary else "",
        "checklist": [
            _item(item.id, item.text, text, progress_key(SHARED_LEVEL, shared.id, item.id))
            for item in shared.items
        ],
    }


def source_link(playbook: Playbook, source_id: str | None, language: str) -> SourceLink | None:
    """{id, title} of a source for a link to the sources page, or None; the title is in the
    source's own language, marked as such on a page in another."""
    source = next((s for s in playbook.sources if s.id == source_id), None)
    if source is None:
        return None
    return {"id": source.id, "title": written_in(source.title, source.language, language)}


def fact_context(playbook: Playbook, fact_id: str, text: Localizer) -> FactData:
    """A fact with its source's title and its caveat, as a stage shows it."""
    fact = next(f for f in playbook.facts if f.id == fact_id)
    return {
        "id": fact.id,
        "text": text(fact.text),
        "caveat": text(fact.caveat) if fact.caveat else "",
        "source": source_link(playbook, fact.source, text.language),
    }


def glossary_context(playbook: Playbook, text: Localizer) -> list[GlossaryEntry]:
    return [
        {
            "id": term.id,
            "term": text(term.term),
            "definition": text(term.definition),
            "source": source_link(playbook, term.source, text.language),
        }
        for term in playbook.glossary
    ]


def sources_context(playbook: Playbook, text: Localizer) -> list[SourceEntry]:
    names = LANGUAGE_NAME_IN[text.language]
    return [
        {
            "id": source.id,
            "title": written_in(source.title, source.language, text.language),
            "details": " · ".join(
                str(part)
                for part in (
                    source.author,
                    source.publisher,
                    source.year,
                    f"{UI_TEXT['source_language'][text.language]}: {names[source.language]}",
                )
                if part
            ),
            # Safe inside a Markdown autolink: the model only accepts http(s) addresses
            # without spaces, quotes, <, >, [ ], backslashes or backticks.
            "url": source.url or "",
            "note": text(source.note) if source.note else "",
            "facts": [text(f.text) for f in playbook.facts if f.source == source.id],
        }
        for source in playbook.sources
    ]


def neighbours(
    journey: Journey, position: int, text: Localizer
) -> tuple[StageLink | None, StageLink | None]:
    """Previous and next stage. In a cyclic journey the last stage leads on to the
    loop target, and the loop target's predecessor is the last stage when it is first."""
    stages = journey.stages
    last = len(stages) - 1
    target = journey.loop_target()
    previous = next_ = None
    if position > 0:
        previous = _stage_link(stages[position - 1], text, wraps=False)
    elif target is stages[0] and last > 0:
        previous = _stage_link(stages[last], text, wraps=True)
    if position < last:
        next_ = _stage_link(stages[position + 1], text, wraps=False)
    elif target is not None and last > 0:
        next_ = _stage_link(target, text, wraps=True)
    return previous, next_


def _stage_link(stage: Stage | None, text: Localizer, wraps: bool = False) -> StageLink | None:
    return {"id": stage.id, "name": text(stage.name), "wraps": wraps} if stage else None


def _item(item_id: str, item_text: Translations, text: Localizer, key: str = "") -> ItemData:
    return {"id": item_id, "text": text(item_text), "key": key}
