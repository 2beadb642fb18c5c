"""Language marks: every text a page shows in another language than its own carries ``lang``,
and the page's "not yet translated" note follows from the fallbacks it actually shows.

Templates write each text through one of the filters below. A text in another language
(a fallback, or a source's title in the source's language) comes out marked: a ``<span
lang="en">`` inline, or a ``lang`` attribute on its element; and a fallback is recorded in
the page's render context. The renderer then fills the note's slot from that record, so a
text that is looked at but not shown can never put the note on a page, and every text that
is shown in another language is marked (issue #27: the note showed on a fully Danish page,
and English texts on the glossary, sources and comparison pages had no ``lang``).

Screen readers pronounce a text by its ``lang``; search engines and translation tools read
it too. Pure: no I/O.
"""

from __future__ import annotations

import re
from html import escape

import jinja2

from generator.site.localize import Localized
from generator.site.markup import html_text, md_inline, yaml_string

MARKS = "language_marks"
"""The render-context variable holding the set of languages a page fell back to."""

NOTE_SLOT = "\x00playbook-untranslated-note\x00\n"
"""Where ``_untranslated.md.j2`` puts the note; the renderer fills or removes it."""


def foreign(value: object) -> str:
    """The language a value is written in when that is not the page's, else ''."""
    return getattr(value, "foreign", "") or ""


def _record(context: jinja2.runtime.Context, value: object) -> str:
    if getattr(value, "fell_back", False):
        marks = context.get(MARKS)
        if marks is not None:
            marks.update(getattr(value, "shown_in", ()) or ())
    return foreign(value)


@jinja2.pass_context
def md_marked(context: jinja2.runtime.Context, value: str) -> str:
    """Markdown-escaped text; in another language, in a ``<span lang>``."""
    language = _record(context, value)
    escaped = md_inline(value)
    return f'<span lang="{language}">{escaped}</span>' if language else escaped


def md_bare(value: str) -> str:
    """Markdown-escaped text for an element that carries the mark itself (``lang_attr``)."""
    return md_inline(value)


@jinja2.pass_context
def html_marked(context: jinja2.runtime.Context, value: str) -> str:
    """HTML-escaped text; in another language, in a ``<span lang>``."""
    language = _record(context, value)
    escaped = html_text(value)
    return f'<span lang="{language}">{escaped}</span>' if language else escaped


@jinja2.pass_context
def lang_attr(context: jinja2.runtime.Context, value: object) -> str:
    """`` lang="en"`` for the element that holds a text in another language, else ''."""
    language = _record(context, value)
    return f' lang="{language}"' if language else ""


@jinja2.pass_context
def lang_block(context: jinja2.runtime.Context, value: object, indent: str = "") -> str:
    """A paragraph's own attribute-list line with its text's ``lang``, or ''.

    Written after ``{{ text | md_bare }}`` where the paragraph has no class of its own; an
    empty ``{: }`` is left out, since attr_list would print it as text."""
    attribute = lang_attr(context, value)
    return f"\n{indent}{{:{attribute} }}" if attribute else ""


@jinja2.pass_context
def shown(context: jinja2.runtime.Context, value: str) -> str:
    """HTML made and marked in Python (a description, a sentence naming stages), as it is;
    its fallbacks are recorded for the note."""
    _record(context, value)
    return value


def title_front_matter(title_html: str) -> str:
    """A front matter line with the page title as marked HTML, for a title with a part in
    another language: Material writes the title into the header as plain text, and the
    playbook plugin puts this in its place (``mark_header``). '' for any other title."""
    if " lang=" not in title_html:
        return ""
    return f"playbook_title_html: {yaml_string(title_html)}\n"


def marked_html(template: str, **values: Localized | str) -> Localized:
    """``template`` (interface text with ``{placeholders}``) filled with ``values``, as
    HTML: the interface text is the page's language, each value in another one is marked.

    'Tilbage til <span lang="en">Awareness</span>', carrying the fallbacks of its values.
    """
    parts = re.split(r"\{(\w+)\}", template)
    html = "".join(
        escape(part, quote=True) if index % 2 == 0 else _html_value(values[part])
        for index, part in enumerate(parts)
    )
    sources = [value for value in values.values() if isinstance(value, Localized)]
    shown_in = tuple(dict.fromkeys(c for s in sources for c in s.shown_in))
    return Localized(html, fell_back=any(s.fell_back for s in sources), shown_in=shown_in)


def _html_value(value: Localized | str) -> str:
    language = foreign(value)
    escaped = html_text(str(value))
    return f'<span lang="{language}">{escaped}</span>' if language else escaped


_HEADER_SITE = re.compile(r'(<div class="md-header__topic">\s*<span class="md-ellipsis")>')
_HEADER_TITLE = re.compile(
    r'(<div class="md-header__topic" data-md-component="header-topic">\s*'
    r'<span class="md-ellipsis">).*?(</span>)',
    re.S,
)


def mark_header(html: str, site_language: str | None, title_html: str | None) -> str:
    """Material's header, with ``lang`` on the site name where it is in another language
    than the page, and the page title as ``title_html`` (marked; see title_front_matter):
    Material prints both as plain text."""
    if site_language:
        html = _HEADER_SITE.sub(rf'\g<1> lang="{site_language}">', html, count=1)
    if title_html:
        html = _HEADER_TITLE.sub(lambda m: m.group(1) + title_html + m.group(2), html, count=1)
    return html
