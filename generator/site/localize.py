"""Picking each text in one language, and knowing when it fell back to the default.

Pure: no I/O. A picked text is a ``Localized`` string carrying its own "fell back" mark,
so a page's "not yet translated" note follows from exactly the texts it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    foreign: str
    """The language the whole text is written in when that is not the page's ('' when it is
    the page's, or a mix): its ``lang`` mark. A fallback's, or a source title's own."""

    def __new__(
        cls,
        value: str,
        fell_back: bool = False,
        shown_in: tuple[str, ...] = (),
        foreign: str | None = None,
    ) -> Localized:
        picked = super().__new__(cls, value)
        picked.fell_back = fell_back
        picked.shown_in = shown_in
        if foreign is None:
            foreign = shown_in[0] if fell_back and shown_in else ""
        picked.foreign = foreign
        return picked


def written_in(text: str, language: str, page_language: str) -> Localized:
    """A text that is always in ``language`` (a source's title, in the source's language):
    marked with it on a page in another language, but never a fallback (no note)."""
    return Localized(text, foreign="" if language == page_language else language)


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


def localizer(playbook: Playbook, language: str) -> Localizer:
    """A Localizer for ``language`` with the playbook's languages and client name."""
    default = playbook.default_language
    others = tuple(code for code in playbook.language_codes if code not in (language, default))
    return Localizer(language, default, playbook.site.client, others)


def untranslated_note(playbook: Playbook, language: str, used: set[str]) -> str:
    """The 'not yet translated' note for a page that shows texts of the languages ``used``
    instead of its own ('' when it shows none)."""
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


def derived(value: str, *sources: Localized, foreign: str = "") -> Localized:
    """``value`` made from ``sources``: it fell back if any of them did. ``foreign``: the
    language the whole value is written in, when it is one of them set in a frame of
    digits or punctuation ("3. Awareness"); a sentence around them is the page's own."""
    shown_in = tuple(dict.fromkeys(c for s in sources for c in getattr(s, "shown_in", ())))
    return Localized(
        value,
        fell_back=any(getattr(s, "fell_back", False) for s in sources),
        shown_in=shown_in,
        foreign=foreign,
    )
