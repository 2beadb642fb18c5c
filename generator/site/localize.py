"""Picking each text in one language, and knowing when it fell back to the default.

Pure: no I/O. A picked text is a ``Localized`` string carrying its own "fell back" mark,
so a page's "not yet translated" note follows from exactly the texts it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.model import Playbook, Translations
from generator.site.ui import UI_TEXT, language_in


class Localized(str):
    """A text picked for one language that knows whether it fell back to the default.

    The page's "not yet translated" note follows from the values the page shows, so a
    text that is looked at but not shown (a glossary term matched against the page) can
    never put the note on a page.
    """

    fell_back: bool

    def __new__(cls, value: str, fell_back: bool = False) -> Localized:
        picked = super().__new__(cls, value)
        picked.fell_back = fell_back
        return picked


@dataclass(frozen=True)
class Localizer:
    """Picks each text in one language, falling back to the default language."""

    language: str
    default: str
    client: str | None = None

    def __call__(self, text: Translations) -> Localized:
        """The text to show in this language, marked when it is the default's instead."""
        return Localized(self.peek(text), fell_back=text.get(self.language) is None)

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


def untranslated_note(playbook: Playbook, language: str, shown: Any) -> str:
    """The 'not yet translated' note, if any text in ``shown`` (a page's context) fell back."""
    if not _any_fell_back(shown):
        return ""
    return UI_TEXT["not_translated"][language].format(
        language=language_in(playbook.default_language, language)
    )


def _any_fell_back(value: Any) -> bool:
    # A loop over a stack, not recursion through generators: a journey's print page holds
    # every stage's texts, and this runs once per page.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Localized):
            if item.fell_back:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def derived(value: str, *sources: Localized) -> Localized:
    """``value`` made from ``sources``: it fell back if any of them did."""
    return Localized(value, fell_back=any(getattr(s, "fell_back", False) for s in sources))
