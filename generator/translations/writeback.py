"""Writing imported texts into a person's YAML so that it reads like the rest of the file.

ruamel.yaml's round trip keeps comments, order and layout; what is new is laid out the
way the file is (issue #27: the importer appended long one-line values with ``\\n``
escapes, in an order unlike the file's, which made later hand edits painful):

* a text of several lines is a literal block (``|``), a long one a folded block (``>-``)
  wrapped near 80 characters, anything else a plain (or, where YAML needs it, quoted)
  value on the key's line;
* a ``{sv: …, en: …}`` mapping that gets such a block is written as a block mapping, one
  language a line;
* a new language goes where the site's language order puts it among the keys already
  there (``sv, nb, en`` then ``da``), never simply at the end.

Every text is read back by the importer afterwards; anything that would not read back
exactly is refused there, so a layout choice here can never change a text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from generator.errors import GeneratorError
from generator.yaml_edit import block_text_scalar, round_trip_yaml

LONG = 100
"""A single-line text longer than this is written as a folded block."""
FOLD_WIDTH = 80
"""Where a folded block's lines are wrapped (the text itself never changes)."""

_TOKEN = re.compile(r"\[([^\]]+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")
# What a folded block cannot hold as it is: line breaks, tabs and characters outside YAML's
# printable set (a folded line may not start or end with a space either; see _folded).
_FOLD_UNSAFE = re.compile(
    "[\r\n\t\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def write_texts(
    content: Path, texts: Sequence[tuple[str, str, str]], default: str, order: Sequence[str]
) -> str:
    """The content file's text with each (path, language, value) set; ``order`` is the
    site's language order, which new language keys follow."""
    yaml = round_trip_yaml()
    document = yaml.load(content.read_text(encoding="utf-8-sig"))
    for path, language, value in texts:
        set_text(document, parse_path(path), language, value, default, order)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def parse_path(path: str) -> list[tuple[str, str]]:
    """``journeys[a].stages[b].name`` -> [("key", "journeys"), ("id", "a"), …]; paths come
    from format_path, so they always parse."""
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(path):
        match = _TOKEN.match(path, position)
        if not match:
            raise GeneratorError(f"cannot read the path {path!r}")
        parts.append(("id", match.group(1)) if match.group(1) else ("key", match.group(2)))
        position = match.end()
    return parts


def set_text(
    document,
    parts: list[tuple[str, str]],
    language: str,
    value: str,
    default: str,
    order: Sequence[str],
) -> None:
    node = document
    for index, (kind, token) in enumerate(parts[:-1]):
        following = parts[index + 1][0]
        if kind == "key":
            if token not in node:
                node[token] = CommentedSeq() if following == "id" else CommentedMap()
            node = node[token]
        else:
            match = next(
                (item for item in node if isinstance(item, dict) and str(item.get("id")) == token),
                None,
            )
            if match is None:  # the item lives in the base: override it in this overlay
                match = CommentedMap([("id", token)])
                node.append(match)
            node = match
    field_name = parts[-1][1]
    current = node.get(field_name)
    if not isinstance(current, dict):
        texts = CommentedMap()
        if isinstance(current, str):
            texts[default] = current
        texts.fa.set_flow_style()
        node[field_name] = current = texts
    _insert_in_order(current, language, value, order)
    if current.fa.flow_style() and not _fits_in_flow(current):
        current.fa.set_block_style()
    flow = current.fa.flow_style()
    current[language] = text_scalar(value, flow=flow)


def text_scalar(value: str, *, flow: bool = False):
    """``value`` as the file should hold it (see the module docstring)."""
    if not flow and "\n" not in value and len(value) > LONG:
        folded = _folded(value)
        if folded is not None:
            return folded
    return block_text_scalar(value, flow=flow)


def _folded(value: str) -> FoldedScalarString | None:
    """A folded block wrapped at single spaces between words, or None where a folded block
    could not hold the text exactly."""
    if _FOLD_UNSAFE.search(value) or value != value.strip(" ") or "  " in value:
        return None
    folds, start = [], 0
    while len(value) - start > FOLD_WIDTH:
        cut = value.rfind(" ", start + 1, start + FOLD_WIDTH + 1)
        if cut == -1:
            cut = value.find(" ", start + FOLD_WIDTH)
            if cut == -1:
                break
        folds.append(cut)
        start = cut + 1
    scalar = FoldedScalarString(value)
    scalar.fold_pos = folds
    return scalar


def _fits_in_flow(texts: CommentedMap) -> bool:
    """A ``{…}`` mapping stays one: every value one short line, together not too long."""
    values = [str(v) for v in texts.values()]
    return all("\n" not in v for v in values) and sum(len(v) + 6 for v in values) <= LONG


def _insert_in_order(texts: CommentedMap, language: str, value: str, order: Sequence[str]) -> None:
    """Put ``language`` after the last key that comes before it in ``order`` (the site's
    language order), or first; a key already there keeps its place."""
    if language in texts:
        return
    rank = {code: position for position, code in enumerate(order)}
    mine = rank.get(language, len(rank))
    position = 0
    for index, key in enumerate(texts):
        if rank.get(str(key), -1) < mine:
            position = index + 1
    texts.insert(position, language, value)
