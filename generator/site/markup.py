"""Escaping content text for Markdown and HTML. Content is data, never markup,
unless the site opts in with ``site.allow_html``.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re

import markdown
import nh3

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#|])")
# Characters that start a block (list, ordered list) only at the start of a line.
_BLOCK_START = re.compile(r"^([-+]|\d+(?=[.)]))")


def md_inline(text: str) -> str:
    """Escape plain text so Markdown shows it literally, on one line.

    HTML specials become entities (Python-Markdown has no backslash escape for
    ``<``), and Markdown specials get a backslash.
    """
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match) -> str:
    marker = match.group(1)
    # "2024. " -> "2024\. " (the escape goes after the digits); "- " -> "\- ".
    return marker + "\\" if marker.isdigit() else "\\" + marker


def html_text(text: str) -> str:
    """Escape plain text for an HTML element, on one line."""
    return html.escape(" ".join(text.split()), quote=True)


def html_attr(text: str) -> str:
    """Escape text for an HTML attribute exactly, line breaks kept as character references
    (a blank line would end a raw HTML block in Markdown)."""
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


# Characters YAML does not allow unescaped (its "printable" set, YAML 1.1 §5.1).
_YAML_UNPRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def yaml_string(text: str) -> str:
    """A one-line, double-quoted YAML scalar (JSON strings are valid YAML)."""
    quoted = json.dumps(" ".join(text.split()), ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


# Content Markdown (descriptions, a journey's "about") is rendered here, in Python, and
# the HTML is cleaned with nh3 (the Python binding of the Rust sanitiser ammonia) before it
# goes into a page as a raw HTML block. An escaper that guesses what Python-Markdown will do
# disagreed with it in five ways (issue #11); a sanitiser sees the HTML that actually results.

_SAFE_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "del",
        "sup",
        "sub",
    }
)
_SAFE_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
_OPT_IN_TAGS = _SAFE_TAGS | {
    "div",
    "span",
    "img",
    "figure",
    "figcaption",
    "details",
    "summary",
    "abbr",
    "kbd",
    "mark",
    "small",
    "s",
    "u",
    "dl",
    "dt",
    "dd",
    "caption",
    "colgroup",
    "col",
    "q",
    "cite",
}
_OPT_IN_ATTRIBUTES = {
    **_SAFE_ATTRIBUTES,
    "*": {"class", "title", "lang", "dir"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes content may use; relative links are kept too. Never javascript:, data: …"""


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")

CONTENT_CLASS_PREFIX = "user-content-"
"""Put before every class that content writes (``site.allow_html``): nothing in the theme,
Material or the page's scripts uses a class that starts with it, so content cannot borrow
their looks or behaviour (a fake dialog, a progress bar, Material's diagram loader)."""


def render_markdown(text: str, *, allow_html: bool = False, page: str = "index.md") -> str:
    """Content Markdown as clean HTML, on lines that Python-Markdown passes through as is.

    Raw HTML in the text shows as text unless ``allow_html``; even then the sanitiser keeps
    scripts, event handlers, styles and javascript: URLs out, and every class gets
    CONTENT_CLASS_PREFIX. ``page`` is the docs-relative Markdown file the text appears on:
    links to other pages' ``.md`` files are rewritten to their URLs as MkDocs would, since
    MkDocs leaves raw HTML alone.
    """
    converter = _converter(allow_html)
    html = converter.reset().convert(text)
    tags, attributes = _allowed(allow_html)
    # The first pass rewrites links and classes (ammonia runs the filter after it has checked
    # a URL's scheme); the second checks what the rewrite produced, so every URL on the page
    # is judged after its last change (issue #23: `[x](javascript:y/z.md)` became a script).
    rewritten = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        attribute_filter=lambda tag, name, value: _filter_attribute(name, value, page),
    )
    clean = nh3.clean(
        rewritten,
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _as_raw_block(clean)


def _allowed(allow_html: bool) -> tuple[set[str], dict[str, set[str]]]:
    tags = _OPT_IN_TAGS if allow_html else _SAFE_TAGS
    attributes = _OPT_IN_ATTRIBUTES if allow_html else _SAFE_ATTRIBUTES
    return set(tags), {name: set(values) for name, values in attributes.items()}


@functools.cache
def _converter(allow_html: bool) -> markdown.Markdown:
    """One converter per setting, reset before each text: building one cost more than
    converting a stage's description (profiled: a third of render at 1,500 stages)."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    if not allow_html:
        # Without these two, Python-Markdown treats <tag> as text, which its serializer escapes.
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    return converter


def _filter_attribute(name: str, value: str, page: str) -> str | None:
    if name == "src":
        # An image loads by itself: only from the site, never another host (a tracker).
        source = _page_url(value, page)
        bare = "".join(source.split())
        return None if _SCHEME.match(bare) or bare.startswith(("//", "\\", "/\\")) else source
    if name == "href":
        return _page_url(value, page)
    if name == "class":
        # A prefix, not a list of classes to drop: Material acts on classes ("mermaid" loads a
        # script from unpkg.com) and the page's scripts and styles have their own; none of
        # them names a class that starts with the prefix.
        return " ".join(CONTENT_CLASS_PREFIX + token for token in value.split()) or None
    return value


def _page_url(link: str, page: str) -> str:
    """``../../glossary.md#x`` on ``stages/j/index.md`` -> ``../../glossary/#x``."""
    target, hash_, anchor = link.partition("#")
    if not target.endswith(".md") or "://" in target or target.startswith(("/", "mailto:")):
        return link
    here = posixpath.dirname(page)
    docs_path = posixpath.normpath(posixpath.join(here, target))
    url = _directory_url(docs_path)
    page_url = _directory_url(page)
    relative = posixpath.relpath(url or ".", page_url or ".")
    relative = "" if relative == "." else relative + "/"
    if ":" in relative.partition("/")[0]:
        relative = "./" + relative  # a colon in the first segment would read as a scheme
    return (relative or "./") + hash_ + anchor


def _directory_url(docs_path: str) -> str:
    """MkDocs' directory URL of a Markdown file, without the trailing slash."""
    stem = docs_path[: -len(".md")]
    if stem == "index":
        return ""
    return stem[: -len("/index")] if stem.endswith("/index") else stem


def _as_raw_block(html: str) -> str:
    """Wrap sanitised HTML so Python-Markdown (in MkDocs) leaves it alone.

    A raw HTML block ends at a blank line and must not look like Markdown, so blank lines
    become newlines inside the block (entities inside <pre>, where they matter).
    """
    html = re.sub(r"<pre>.*?</pre>", lambda m: m.group(0).replace("\n", "&#10;"), html, flags=re.S)
    html = re.sub(r"\n\s*\n", "\n", html.strip())
    return f'<div class="playbook-markdown">\n{html}\n</div>' if html else ""
