"""The one walk over every translatable text of a content model tree.

Below both the checks and the limits that use it (and the translation tools), so neither
has to import the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.model import Translations


def iter_texts(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Translations]]:
    """Yield (path, text) for every translatable text in a model tree, in document order."""
    if isinstance(node, Translations):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_texts(getattr(node, name), loc + (name,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from iter_texts(child, loc + (index,))
