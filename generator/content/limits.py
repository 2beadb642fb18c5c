"""Limits that bound what untrusted content can cost to render (issue #11).

Each limit was measured on this project's 2-core machine; SECURITY.md lists them. They
apply to text as the site shows it, after ``{client}`` is replaced: a long client name
repeated in many fields must not get past a limit that the raw text keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import MAX_TEXT_CHARS, Playbook, Translations
from generator.content.texts import iter_texts

MAX_MARKDOWN_BRACKETS = 300
"""Python-Markdown's link parser is quadratic in '[': 20,000 of them cost ~2 minutes a
page, 300 cost ~15 ms. A description with 300 links is already far more than a page needs."""

MAX_MARKDOWN_INDENT = 48
"""Columns of indentation in Markdown: deeper nested lists end in a RecursionError."""

MAX_LIST_MARKERS = 6
"""List markers that open one line ("- - - - x" nests lists): 1,000 of them recursed
Python-Markdown to death; nobody writes more than a couple."""

_LEADING_MARKERS = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+", re.MULTILINE)
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")

Finding = tuple[tuple, str, str]
"""(content path, message, hint)."""


def check_limits(playbook: Playbook) -> list[Finding]:
    """Every text too long once {client} is filled in, and every Markdown field too costly."""
    client = playbook.site.client
    found: list[Finding] = []
    markdown = set(_markdown_fields(playbook))
    for loc, translations in _texts(playbook):
        for language, value in translations.model_dump(exclude_none=True).items():
            shown = value.replace("{client}", client) if client else value
            here = loc + (language,)
            if len(shown) > MAX_TEXT_CHARS:
                found.append(
                    (
                        here,
                        f"with {{client}} filled in, the text is {len(shown):,} "
                        f"characters long; the limit is {MAX_TEXT_CHARS:,}",
                        "shorten the text or the client name",
                    )
                )
            if loc in markdown:
                found += [(here, message, hint) for message, hint in _markdown_problems(shown)]
    return found


def _markdown_problems(value: str) -> Iterator[tuple[str, str]]:
    brackets = value.count("[")
    if brackets > MAX_MARKDOWN_BRACKETS:
        yield (
            f"the Markdown holds {brackets:,} '[' characters; the limit is {MAX_MARKDOWN_BRACKETS}",
            "remove stray brackets, or write \\[ for a bracket that is not a link",
        )
    indent = max((len(line) - len(line.lstrip(" \t")) for line in value.splitlines()), default=0)
    if indent > MAX_MARKDOWN_INDENT:
        yield (
            f"a line is indented {indent} columns; the limit is {MAX_MARKDOWN_INDENT}",
            "nest lists at most a few levels deep",
        )
    markers = max(
        (len(_MARKER.findall(m.group(0))) for m in _LEADING_MARKERS.finditer(value)), default=0
    )
    if markers > MAX_LIST_MARKERS:
        yield (
            f"a line opens {markers} nested lists; the limit is {MAX_LIST_MARKERS}",
            "start each list item on its own line",
        )


def _markdown_fields(playbook: Playbook) -> Iterator[tuple]:
    for j, journey in enumerate(playbook.journeys):
        if journey.about:
            yield ("journeys", j, "about")
        for s, stage in enumerate(journey.stages):
            if stage.description:
                yield ("journeys", j, "stages", s, "description")


def _texts(playbook: Playbook) -> Iterator[tuple[tuple, Translations]]:
    yield from iter_texts(playbook)  # the one walk over every text
