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
    shown_in: tuple[str, ...]
    """The languages the text is shown in instead, when it fell back (for the note)."""

    def __new__(
        cls, value: str, fell_back: bool = False, shown_in: tuple[str, ...] = ()
    ) -> Localized:
        picked = super().__new__(cls, value)
        picked.fell_back = fell_back
        picked.shown_in = shown_in
        return picked


@dataclass(frozen=True)
class Localizer:
    """Picks each text in one language, falling back to the default language and then to
    the site's other languages in switcher order.

    The second step matters for a project that extends a base in another language: a
    Danish client of the Swedish default playbook shows a text the base has in English,
    never in Swedish, which its site does not speak, until someone translates it.
    """

    language: str
    default: str
    client: str | None = None
    others: tuple[str, ...] = ()
    """The site's other languages, in switcher order: where a text falls back after the default."""

    def source_language(self, text: Translations) -> str:
        """The language the text is shown in: this one if translated, else the first fallback
        that has it (the default when none has: validation makes sure some site language does)."""
        for code in (self.language, self.default, *self.others):
            if text.get(code) is not None:
                return code
        return self.default

    def __call__(self, text: Translations) -> Localized:
        """The text to show in this language, marked when it is another language's instead."""
        shown = self.source_language(text)
        fell_back = shown != self.language
        return Localized(
            self._text_in(text, shown), fell_back=fell_back, shown_in=(shown,) if fell_back else ()
        )

    def peek(self, text: Translations) -> str:
        """The text as __call__ gives it, without noting a fallback: for matching, not showing."""
        return self._text_in(text, self.source_language(text))

    def _text_in(self, text: Translations, language: str) -> str:
        # Given the language already picked: picking it again cost a sixth of generate.
        value = text.get(language) or ""
        return value.replace("{client}", self.client) if self.client else value

    def lang_attr(self, text: Translations) -> str:
        """A ``lang`` attribute for an element whose text is a fallback, else ''."""
        shown = self.source_language(text)
        return "" if shown == self.language else f' lang="{shown}"'


def localizer(playbook: Playbook, language: str) -> Localizer:
    """A Localizer for ``language`` with the playbook's languages and client name."""
    default = playbook.default_language
    others = tuple(code for code in playbook.language_codes if code not in (language, default))
    return Localizer(language, default, playbook.site.client, others)


def untranslated_note(playbook: Playbook, language: str, shown: Any) -> str:
    """The 'not yet translated' note, if any text in ``shown`` (a page's context) fell back."""
    used: set[str] = set()
    _collect_fallbacks(shown, used, playbook.default_language)
    if not used:
        return ""
    # Named in switcher order: usually one language, the default.
    names = [language_in(code, language) for code in playbook.language_codes if code in used]
    names += [language_in(code, language) for code in sorted(used - set(playbook.language_codes))]
    listed = (
        names[0]
        if len(names) == 1
        else (f"{', '.join(names[:-1])} {UI_TEXT['list_and'][language]} {names[-1]}")
    )
    return UI_TEXT["not_translated"][language].format(language=listed)


def _collect_fallbacks(value: Any, used: set[str], default: str) -> None:
    # A loop over a stack, not recursion: a journey's print page holds every stage's texts.
    # Plain strings (most values) are skipped by an exact type test before any isinstance:
    # this walk runs over every value of every page.
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            continue
        if isinstance(item, Localized):
            if item.fell_back:
                used.update(item.shown_in or (default,))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def derived(value: str, *sources: Localized) -> Localized:
    """``value`` made from ``sources``: it fell back if any of them did."""
    shown_in = tuple(dict.fromkeys(c for s in sources for c in getattr(s, "shown_in", ())))
    return Localized(
        value, fell_back=any(getattr(s, "fell_back", False) for s in sources), shown_in=shown_in
    )
