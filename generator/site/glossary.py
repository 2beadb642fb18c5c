"""Which glossary terms a page uses, so it can link to them. Pure: no I/O."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from generator.content.model import Playbook
from generator.site.localize import Localizer
from generator.site.pages import TermLink


def terms_on_page(playbook: Playbook, texts: Sequence[str], text: Localizer) -> list[TermLink]:
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
