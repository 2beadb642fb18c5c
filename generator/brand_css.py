"""What a brand style sheet may contain, checked as a browser reads it (issue #23).

The bytes are decoded as a browser decodes a style sheet: a byte-order mark wins over
everything else, so a UTF-16 file with one was read by the browser but not by a check of
the raw bytes. Only UTF-8 is accepted (with or without its mark); the text is then read by
tinycss2, a tokenizer that follows the CSS Syntax specification as browsers do, so an
escape (``u\\72l(``) or a comment cannot hide anything from the check.

A brand style sheet may hold any selectors and declarations, and these at-rules: those in
ALLOWED_AT_RULES. Every address it names (``url()``, ``src()``, the strings in
``image-set()``) must be a relative path inside the project or a ``#fragment``: no scheme,
no ``//host``, no leading ``/``, no backslash, no ``data:``. ``@import`` is refused, and so
is text the tokenizer cannot read as CSS. The site then makes no request to another host
because of it, and nothing in it can watch what a reader ticks (``:checked`` with a remote
background was a tracker).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator

import tinycss2
from tinycss2 import ast

ALLOWED_AT_RULES = frozenset(
    {
        "media",
        "supports",
        "font-face",
        "keyframes",
        "-webkit-keyframes",
        "layer",
        "container",
        "page",
        "property",
        "counter-style",
        "font-feature-values",
        "font-palette-values",
        "scope",
        "starting-style",
        "charset",
    }
)
"""At-rules a brand style sheet may use: none of them fetches anything by itself."""

_URL_FUNCTIONS = frozenset({"url", "src"})
_IMAGE_SET_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade"})
_FORBIDDEN_PROPERTIES = frozenset({"behavior", "-moz-binding"})
"""Old properties that ran code (Internet Explorer's HTC files, Firefox's XBL)."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


class StyleProblem(ValueError):
    """What the style sheet holds that is not allowed, with where (line:column) if known."""


def decode_style_sheet(data: bytes) -> str:
    """The text a browser reads from ``data``; StyleProblem unless that is UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise StyleProblem("is UTF-16 (it starts with a UTF-16 byte-order mark)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise StyleProblem(
            f"is not UTF-8 (byte 0x{data[error.start]:02x} at {line}:{column})"
        ) from None
    if "\x00" in text:
        # Text has none; UTF-16 without its byte-order mark is full of them.
        raise StyleProblem("holds NUL bytes (is it UTF-16 without a byte-order mark?)")
    charset = re.match(r'@charset "([^"]*)";', text)
    if charset and charset.group(1).lower() != "utf-8":
        raise StyleProblem(f'declares @charset "{charset.group(1)}"')
    return text


def check_style_sheet(text: str, *, fragments_only: bool = False) -> None:
    """StyleProblem if ``text`` holds anything a brand style sheet may not (module docstring).

    ``fragments_only``: every address must be a ``#fragment`` (a style inside an SVG)."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    _check_nodes(rules, fragments_only)


def check_declarations(text: str, *, fragments_only: bool = False) -> None:
    """Like check_style_sheet, for the declarations of a ``style`` attribute."""
    nodes = tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)
    _check_nodes(nodes, fragments_only)


def _check_nodes(nodes: Iterable[ast.Node], fragments_only: bool) -> None:
    for node in _walk(nodes):
        where = f"at {node.source_line}:{node.source_column}"
        if isinstance(node, ast.ParseError):
            raise StyleProblem(f"is not CSS a browser reads the same way ({node.message}, {where})")
        if isinstance(node, (ast.AtRule, ast.AtKeywordToken)):
            name = node.lower_at_keyword
            if name not in ALLOWED_AT_RULES:
                raise StyleProblem(f"uses @{name} ({where}), which a brand style sheet may not")
        elif isinstance(node, ast.Declaration) and node.lower_name in _FORBIDDEN_PROPERTIES:
            raise StyleProblem(f"sets '{node.name}' ({where}), which ran code in old browsers")
        elif isinstance(node, ast.URLToken):
            _check_url(node.value, where, fragments_only)
        elif isinstance(node, ast.FunctionBlock) and node.lower_name in _URL_FUNCTIONS:
            values = [arg for arg in node.arguments if not isinstance(arg, ast.WhitespaceToken)]
            if not values or not isinstance(values[0], ast.StringToken):
                raise StyleProblem(f"names an address that is not written out ({where})")
            _check_url(values[0].value, where, fragments_only)
        elif isinstance(node, ast.FunctionBlock) and node.lower_name in _IMAGE_SET_FUNCTIONS:
            for argument in node.arguments:
                if isinstance(argument, ast.StringToken):
                    _check_url(argument.value, where, fragments_only)
                elif isinstance(argument, ast.FunctionBlock) and argument.lower_name in (
                    "var",
                    "env",
                    "attr",
                ):
                    raise StyleProblem(f"names an address that is not written out ({where})")


def _walk(nodes: Iterable[ast.Node]) -> Iterator[ast.Node]:
    """Every node, with the contents of every block and function, and each block's
    declarations and nested rules as the browser parses them."""
    stack = list(nodes)[::-1]
    while stack:
        node = stack.pop()
        yield node
        children: list = []
        if isinstance(node, (ast.QualifiedRule, ast.AtRule)):
            children += node.prelude or []
            if node.content is not None:
                children += tinycss2.parse_blocks_contents(
                    node.content, skip_comments=True, skip_whitespace=True
                )
        elif isinstance(node, ast.Declaration):
            children += node.value
        elif isinstance(node, ast.FunctionBlock):
            children += node.arguments
        elif isinstance(
            node, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)
        ):
            children += node.content
        stack.extend(reversed(children))


def _check_url(url: str, where: str, fragments_only: bool) -> None:
    target = url.strip()
    if fragments_only and not target.startswith("#"):
        raise StyleProblem(f"names the address '{target}' ({where}); only #fragments are allowed")
    if (
        _SCHEME.match(target)
        or target.startswith("/")
        or "\\" in target
        or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target)
    ):
        raise StyleProblem(
            f"fetches from another address: '{target}' ({where}); only relative paths are allowed"
        )
