"""Escaping content text for Markdown and HTML. Content is data, never markup,
unless the site opts in with ``site.allow_html``.
"""

from __future__ import annotations

import html
import json
import re

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


# Characters YAML does not allow unescaped (its "printable" set, YAML 1.1 §5.1).
_YAML_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """A one-line, double-quoted YAML scalar (JSON strings are valid YAML)."""
    quoted = json.dumps(" ".join(text.split()), ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_UNSAFE_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)(?:javascript|vbscript|data):", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def escape_raw_html(markdown: str) -> str:
    """Make Markdown safe to publish from untrusted content.

    Outside code: ``<`` becomes ``&lt;`` (raw HTML shows as text), ``{`` is
    escaped (attr_list could otherwise add attributes such as onclick), and links
    to javascript:, vbscript: or data: URLs point nowhere. Code spans and fenced
    code blocks are left alone, because Markdown already shows them literally.
    """
    lines = markdown.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        lines[number] = _escape_outside_code_spans(line)
    return "\n".join(lines)


def _escape_outside_code_spans(line: str) -> str:
    parts = []
    position = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_escape_text(line[position : span.start()]))
        parts.append(span.group(0))
        position = span.end()
    parts.append(_escape_text(line[position:]))
    return _UNSAFE_LINK.sub(r"\1#unsafe-link:", "".join(parts))


def _escape_text(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "\\{")
