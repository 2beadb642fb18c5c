"""Where each part of merged content was written: a tree keyed by content path.

An overlay's merged data comes from several files. Errors must point at the file and line
that wrote the offending value, so the merge builds, beside the data, a tree of
``Provenance`` nodes with the same shape: a mapping's node holds its keys' nodes, a list's
node its items' nodes, in the merged order. Looking a path up walks this tree, never the
data, so a copy of the data (``copy.deepcopy``, a rebuilt dict) keeps every position; the
positions were once found by ``id()`` of the merged dicts, which a copy lost (issue #30).

A node without ``items`` stands for a whole subtree written in one file: everything below
it lies at the same relative path in that file. Only what the merge combined from several
files gets nodes of its own, so the cost follows the overlay's size, not the base's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.content.source import ContentPath, ParsedFile


@dataclass(frozen=True)
class Origin:
    """A place in one parsed file: the file, and the content path inside it."""

    parsed: ParsedFile
    path: ContentPath

    def child(self, part: Any) -> Origin:
        return Origin(self.parsed, (*self.path, part))


@dataclass
class Provenance:
    """Where one value of the merged content was written, and where its parts were."""

    origin: Origin
    """Where the value is written (for a list merged by id: where the base wrote the list)."""
    key: Origin | None = None
    """Where its key is written, when that is another place than the mapping it is in."""
    items: dict[Any, Provenance] | list[Provenance] | None = None
    """The parts' nodes (by key, or by index in the merged list); None: all in ``origin``."""
    suggestion: str | None = None
    """For a new overlay item whose id is one edit from a base id: that base id."""

    def child(self, part: Any) -> Provenance | None:
        """The node of ``part``, or None when the value has no such part."""
        items = self.items
        if items is None:
            here = self.origin.child(part)
            return Provenance(here, key=here)
        if isinstance(items, dict):
            try:
                return items.get(part)
            except TypeError:  # an unhashable path part names no key
                return None
        if isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(items):
            return items[part]
        return None

    def parts(self, count: int) -> list[Provenance]:
        """The nodes of a list's ``count`` items, as a new list to edit alongside its copy."""
        if isinstance(self.items, list):
            return list(self.items)
        return [Provenance(self.origin.child(index)) for index in range(count)]

    def entries(self, keys: Any) -> dict[Any, Provenance]:
        """The nodes of a mapping's ``keys``, as a new dict to edit alongside its copy."""
        if isinstance(self.items, dict):
            return dict(self.items)
        return {key: Provenance(self.origin.child(key), key=self.origin.child(key)) for key in keys}

    def with_key(self, key: Origin) -> Provenance:
        return replace(self, key=key)

    def walk(self, path: ContentPath = ()) -> Iterator[tuple[ContentPath, Provenance]]:
        """Every node that has one of its own, with its path in the merged content."""
        yield path, self
        if isinstance(self.items, dict):
            for key, node in self.items.items():
                yield from node.walk((*path, key))
        elif isinstance(self.items, list):
            for index, node in enumerate(self.items):
                yield from node.walk((*path, index))


class MergedSource:
    """Locates merged content paths in the file (base or overlay) that wrote them."""

    layered = True

    def __init__(self, root: Provenance):
        self.root = root

    @property
    def file(self) -> str:
        """The file the merged content was read from: the last overlay."""
        return self.root.origin.parsed.source.file

    def node(self, path: ContentPath) -> Provenance | None:
        """The node at ``path``, or None when the merged content has no such part."""
        node: Provenance | None = self.root
        for part in path:
            if node is None:
                return None
            node = node.child(part)
        return node

    def locate(self, path: ContentPath, *, key: bool = False) -> tuple[str, int, int]:
        """(file, line, column) of ``path`` in the layer that wrote it.

        With ``key``, the position of the mapping key rather than its value. A path that
        goes past what the content has (a missing key) gives the nearest place that exists.
        """
        node: Provenance | None = self.root
        origin = self.root.origin
        here: ContentPath = origin.path
        for depth, part in enumerate(path):
            node = node.child(part) if node is not None else None
            last = depth == len(path) - 1
            if node is None:
                here = (*here, part)
            elif key and last:
                origin = node.key or origin
                here = origin.path if node.key else (*here, part)
            else:
                origin = node.origin
                here = origin.path
        return origin.parsed.source.locate(here, key=key)
