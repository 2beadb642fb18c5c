"""Template contexts: each text picked in one language and prepared for the templates.

Python decides what a page shows; the templates in ``generator/site/templates`` only
lay it out. Pure functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from generator.content.model import Journey, Playbook, Stage, Translations
from generator.site.markup import render_markdown
from generator.site.ui import LANGUAGE_NAME_IN, UI_TEXT, language_in


@dataclass
class Localizer:
    """Picks each text in one language, falling back to the default and noting it."""

    language: str
    default: str
    client: str | None = None
    fell_back: bool = field(default=False)

    def __call__(self, text: Translations) -> str:
        """The text to show in this language; notes when it falls back to the default."""
        if text.get(self.language) is None:
            self.fell_back = True
        return self.peek(text)

    def peek(self, text: Translations) -> str:
        """The text as __call__ gives it, without noting a fallback: for matching, not showing."""
        value = text.get(self.language) or text.get(self.default) or ""
        return value.replace("{client}", self.client) if self.client else value

    def lang_attr(self, text: Translations) -> str:
        """A ``lang`` attribute for an element whose text is a fallback, else ''."""
        return "" if text.get(self.language) is not None else f' lang="{self.default}"'


def localizer(playbook: Playbook, language: str) -> Localizer:
    """A Localizer for ``language`` with the playbook's default language and client name."""
    return Localizer(language, playbook.default_language, playbook.site.client)


def common(playbook: Playbook, text: Localizer) -> dict:
    """What every page needs: its language, the UI strings, the site title."""
    return {
        "lang": text.language,
        "ui": {key: values[text.language] for key, values in UI_TEXT.items()},
        "site_title": text(playbook.site.title),
    }


def untranslated_note(playbook: Playbook, text: Localizer) -> str:
    """The 'not yet translated' note, if any text on the page fell back."""
    if not text.fell_back:
        return ""
    return UI_TEXT["not_translated"][text.language].format(
        language=language_in(playbook.default_language, text.language)
    )


def journey_context(journey: Journey, text: Localizer, *, allow_html: bool = False) -> dict:
    """A journey as home, journey and print pages show it."""
    return {
        "id": journey.id,
        "name": text(journey.name),
        "summary": text(journey.summary),
        "cyclic": journey.cyclic,
        "loop_target": _stage_link(journey.loop_target(), text),
        "stages": [
            {"id": s.id, "name": text(s.name), "summary": text(s.summary)} for s in journey.stages
        ],
        # Keys the browser saves ticks under; progress bars count them.
        "item_keys": [
            progress_key(journey.id, JOURNEY_LEVEL, item.id) for item in journey.checklist
        ]
        + [
            progress_key(journey.id, stage.id, item.id)
            for stage in journey.stages
            for item in stage.checklist
        ],
        # Written for the journey page, the one page that shows it.
        "about": render_markdown(
            text(journey.about), allow_html=allow_html, page=f"stages/{journey.id}/index.md"
        )
        if journey.about
        else "",
        "checklist": [
            _item(item.id, item.text, text, progress_key(journey.id, JOURNEY_LEVEL, item.id))
            for item in journey.checklist
        ],
        "source": journey.source,
    }


def comparison_context(playbook: Playbook, text: Localizer) -> dict:
    """Rows: stages of the first journey. Columns: the other journeys' matching stages."""
    first, others = playbook.journeys[0], playbook.journeys[1:]
    rows = []
    for stage in first.stages:
        cells = []
        for journey in others:
            matches = [s for s in journey.stages if stage.id in s.corresponds_to]
            cells.append(
                [{"journey": journey.id, "id": s.id, "name": text(s.name)} for s in matches]
            )
        rows.append(
            {
                "stage": {"journey": first.id, "id": stage.id, "name": text(stage.name)},
                "cells": cells,
            }
        )
    return {"columns": [text(j.name) for j in playbook.journeys], "rows": rows}


def map_description(journey: Journey, text: Localizer) -> str:
    """One sentence describing the journey map, for screen readers and everyone else."""
    ui = UI_TEXT
    names = {
        "count": len(journey.stages),
        "first": text(journey.stages[0].name),
        "last": text(journey.stages[-1].name),
    }
    target = journey.loop_target()
    if target is not None:
        return ui["journey_map_cyclic"][text.language].format(target=text(target.name), **names)
    return ui["journey_map_linear"][text.language].format(**names)


def stage_context(playbook: Playbook, journey: Journey, position: int, text: Localizer) -> dict:
    """One stage with its checklist and prompts."""
    stage = journey.stages[position]
    description = text(stage.description).strip() if stage.description else ""
    return {
        "id": stage.id,
        "name": text(stage.name),
        "summary": text(stage.summary),
        "description": render_markdown(
            description,
            allow_html=playbook.site.allow_html,
            page=f"stages/{journey.id}/{stage.id}.md",
        ),
        "number": position + 1,
        "count": len(journey.stages),
        "checklist": [
            _item(item.id, item.text, text, progress_key(journey.id, stage.id, item.id))
            for item in stage.checklist
        ],
        "prompts": [
            _item(prompt.id, prompt.text, text, progress_key(journey.id, stage.id, prompt.id))
            for prompt in stage.prompts
        ],
        "item_keys": [progress_key(journey.id, stage.id, item.id) for item in stage.checklist],
        "facts": [fact_context(playbook, fact_id, text) for fact_id in stage.facts],
        "metrics": [_item(metric.id, metric.text, text) for metric in stage.metrics],
        "shared": [
            shared_context(shared, text)
            for shared in playbook.checklists
            if f"{journey.id}/{stage.id}" in shared.stages
        ],
        "terms": terms_on_page(
            playbook,
            [text(stage.name), text(stage.summary), description]
            + [text(i.text) for i in stage.checklist]
            + [text(p.text) for p in stage.prompts],
            text,
        ),
    }


def shared_context(shared, text: Localizer) -> dict:
    """A shared checklist; its ticks are saved under 'shared/<id>/<item>' on every stage."""
    return {
        "id": shared.id,
        "name": text(shared.name),
        "summary": text(shared.summary) if shared.summary else "",
        "checklist": [
            _item(item.id, item.text, text, progress_key(SHARED_LEVEL, shared.id, item.id))
            for item in shared.items
        ],
    }


def terms_on_page(playbook: Playbook, texts: list[str], text: Localizer) -> list[dict]:
    """Glossary terms that occur (as whole words) in ``texts``, for links to the glossary.

    Terms and text are compared as sequences of words: a dictionary lookup per word and
    phrase length, so the cost grows with the text, never with text × terms (issue #11:
    34 s for a 93 KB content file with a regex per word; 71 s with one big regex whose
    terms shared a prefix).
    """
    # Matching looks at every term without counting it as shown: only the terms found are
    # shown, so only their fallback may put the "not translated" note on the page.
    terms = [
        (term.id, text.peek(term.term), text.peek(term.also) if term.also else "")
        for term in playbook.glossary
    ]
    phrases, longest = _glossary_phrases(tuple(terms))
    if not phrases:
        return []
    words = _WORD.findall(" ".join(texts).casefold())
    hits = {
        phrases[key]
        for start in range(len(words))
        for size in range(1, min(longest, len(words) - start) + 1)
        if (key := tuple(words[start : start + size])) in phrases
    }
    return [
        {"id": term.id, "term": text(term.term)} for term in playbook.glossary if term.id in hits
    ]


_WORD = re.compile(r"\w+")
MAX_TERM_WORDS = 8
"""Words in one glossary term or 'also' phrase that matching looks at."""


@functools.lru_cache(maxsize=32)
def _glossary_phrases(terms: tuple[tuple[str, str, str], ...]) -> tuple[dict, int]:
    """{word tuple: term id} for every term and 'also' word, and the longest phrase."""
    phrases: dict[tuple[str, ...], str] = {}
    for term_id, name, also in terms:
        for phrase in [name, *also.split(",")]:
            key = tuple(_WORD.findall(phrase.casefold()))[:MAX_TERM_WORDS]
            if key:
                phrases.setdefault(key, term_id)
    return phrases, max((len(key) for key in phrases), default=0)


def source_link(playbook: Playbook, source_id: str | None) -> dict | None:
    """{id, title} of a source for a link to the sources page, or None."""
    source = next((s for s in playbook.sources if s.id == source_id), None)
    return {"id": source.id, "title": source.title} if source else None


def fact_context(playbook: Playbook, fact_id: str, text: Localizer) -> dict:
    """A fact with its source's title and its caveat, as a stage shows it."""
    fact = next(f for f in playbook.facts if f.id == fact_id)
    return {
        "id": fact.id,
        "text": text(fact.text),
        "caveat": text(fact.caveat) if fact.caveat else "",
        "source": source_link(playbook, fact.source),
    }


def glossary_context(playbook: Playbook, text: Localizer) -> list[dict]:
    return [
        {
            "id": term.id,
            "term": text(term.term),
            "definition": text(term.definition),
            "source": source_link(playbook, term.source),
        }
        for term in playbook.glossary
    ]


def sources_context(playbook: Playbook, text: Localizer) -> list[dict]:
    names = LANGUAGE_NAME_IN[text.language]
    return [
        {
            "id": source.id,
            "title": source.title,
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


def neighbours(journey: Journey, position: int, text: Localizer) -> tuple[dict | None, dict | None]:
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


def _stage_link(stage: Stage | None, text: Localizer, wraps: bool = False) -> dict | None:
    return {"id": stage.id, "name": text(stage.name), "wraps": wraps} if stage else None


def _item(item_id: str, item_text: Translations, text: Localizer, key: str = "") -> dict:
    return {
        "id": item_id,
        "text": text(item_text),
        "lang_attr": text.lang_attr(item_text),
        "key": key,
    }


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
