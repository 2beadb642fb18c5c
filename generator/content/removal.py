"""What an overlay removes takes the base's references to it along (issue #10, point 8).

When an overlay says ``remove: true`` for a journey, a stage, a fact or a source,
every place in the base that names it lets go of it: shared checklists' stage
lists, ``corresponds_to``, ``loops_to`` (the journey then loops to its first
stage), stages' ``facts``, the model chooser's answers that point to a removed
journey, and optional ``source`` fields. A consultant never has
to restate a list of the base to remove something; ``playbook diff`` lists each
reference that went.

What cannot let go is an error at the overlay's ``remove`` line, with the line to
write instead: a fact needs its source, a journey needs a stage, a playbook a journey,
a chooser question an answer.

References the overlay itself writes are left alone: naming what the same file
removes is a contradiction, reported by the checks at that line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from generator.content.paths import format_path
from generator.content.provenance import Provenance
from generator.errors import Issue


@dataclass(frozen=True)
class Removal:
    """One ``remove: true`` in an overlay."""

    kind: str
    """'journey', 'stage', 'fact', 'source', or the path of the list (e.g. 'glossary')."""
    ref: str
    """How other content names it: 'journey-id/stage-id' for a stage, otherwise its id."""
    where: tuple[str, int, int]
    """File, line and column of the ``remove: true``."""
    path: str
    """The removed item's path in the overlay, e.g. ``journeys[cj].stages[interest]``."""
    layer: Any = field(compare=False, repr=False)


@dataclass(frozen=True)
class Dropped:
    """A reference in the base that went with a removal."""

    path: str
    value: str
    removal: Removal

    def __str__(self) -> str:
        file, line, _ = self.removal.where
        kind = self.removal.kind
        return f"- {self.path}: '{self.value}' (went with the {kind} removed at {file}:{line})"


def cascade(
    merger: Any, data: Any, where: Provenance, base: Any, layer: Any
) -> tuple[Any, Provenance, list[Dropped]]:
    """Drop the references to what ``layer`` removed: returns the new data, its provenance
    (``where`` is the merged data's) and what was dropped.

    ``merger`` is the overlay merger: its ``removals`` say what this layer removed, and
    unresolvable removals go to its ``issues``. Containers and provenance nodes shared with
    ``base`` are copied before they change, so the base stays as it was.
    """
    removals: list[Removal] = merger.removals
    if not removals or not isinstance(data, dict):
        return data, where, []
    edit = _Editor(data, where, layer)
    by_kind: dict[str, dict[str, Removal]] = {}
    for removal in removals:
        by_kind.setdefault(removal.kind, {})[removal.ref] = removal
    journeys, stages = by_kind.get("journey", {}), by_kind.get("stage", {})
    facts, sources = by_kind.get("fact", {}), by_kind.get("source", {})
    first = _first_journey_id(base)

    def stage_gone(ref: Any) -> Removal | None:
        if not isinstance(ref, str):
            return None
        return stages.get(ref) or journeys.get(ref.split("/")[0])

    def first_journey_stage_gone(ref: Any) -> Removal | None:
        return _by_id(journeys, first) or (
            stages.get(f"{first}/{ref}") if isinstance(ref, str) else None
        )

    for i, shared in enumerate(_items(data, "checklists")):
        edit.filter(("checklists", i), "stages", stage_gone)
        edit.drop(("checklists", i), "source", _by_id(sources, shared.get("source")))
    for t, term in enumerate(_items(data, "glossary")):
        edit.drop(("glossary", t), "source", _by_id(sources, term.get("source")))
    for q, _ in enumerate(_items(data, "chooser")):
        # An answer that points to a removed journey would send the reader nowhere.
        edit.filter(
            ("chooser", q),
            "answers",
            lambda answer: (
                _by_id(journeys, answer.get("journey")) if isinstance(answer, dict) else None
            ),
            describe=lambda answer: f"{answer.get('id')} -> {answer.get('journey')}",
            field="journey",
        )
        kept = edit.get(("chooser", q))  # the filter above may have copied and shortened it
        for a, answer in enumerate(_items(kept, "answers")):
            edit.drop(("chooser", q, "answers", a), "source", _by_id(sources, answer.get("source")))
    for j, journey in enumerate(_items(data, "journeys")):
        edit.drop(
            ("journeys", j),
            "loops_to",
            _by_id(stages, f"{journey.get('id')}/{journey.get('loops_to')}"),
        )
        edit.drop(("journeys", j), "source", _by_id(sources, journey.get("source")))
        for s, _ in enumerate(_items(journey, "stages")):
            edit.filter(("journeys", j, "stages", s), "corresponds_to", first_journey_stage_gone)
            edit.filter(("journeys", j, "stages", s), "facts", facts.get)
    _unresolvable(merger, edit, journeys, stages, sources)
    return edit.root, edit.where, edit.dropped


def _unresolvable(merger, edit: _Editor, journeys: dict, stages: dict, sources: dict) -> None:
    data = edit.root
    for index, fact in enumerate(_items(data, "facts")):
        removal = sources.get(fact.get("source"))
        if removal is not None and not edit.written_here(("facts", index), "source"):
            _issue(
                merger,
                removal,
                f"fact '{fact.get('id')}' cites source '{removal.ref}', "
                "and a fact needs its source",
                f"remove the fact too: under 'facts:' in this file write  "
                f"- {{id: {fact.get('id')}, remove: true}}",
            )
    emptied = {}
    for removal in stages.values():
        emptied[removal.ref.split("/")[0]] = removal  # the last removal of each journey's stages
    for journey in _items(data, "journeys"):
        removal = emptied.get(journey.get("id"))
        if removal is not None and journey.get("stages") == []:
            _issue(
                merger,
                removal,
                f"this removes the last stage of journey '{journey.get('id')}', "
                "and a journey needs at least one",
                "remove the journey instead: under 'journeys:' in this file, "
                "replace its entry with  "
                f"- {{id: {journey.get('id')}, remove: true}}",
            )
    # With no journey left, that one error says it all: the chooser's follows from it.
    for question in _items(data, "chooser") if data.get("journeys") != [] else []:
        where = f"chooser[{question.get('id')}].answers"
        gone = next((d.removal for d in edit.dropped if d.path == where), None)
        if gone is not None and question.get("answers") == []:
            _issue(
                merger,
                gone,
                f"this leaves the chooser question '{question.get('id')}' without an answer, "
                "and a question needs at least one",
                "remove the question too: under 'chooser:' in this file write  "
                f"- {{id: {question.get('id')}, remove: true}}",
            )
    if journeys and data.get("journeys") == []:
        _issue(
            merger,
            list(journeys.values())[-1],
            "this removes the last journey, and a playbook needs at least one",
            "keep at least one journey: delete this 'remove: true'",
        )


def _issue(merger, removal: Removal, message: str, hint: str) -> None:
    file, line, column = removal.where
    merger.issues.append(Issue(file, line, column, removal.path, message, hint))


class _Editor:
    """Edits merged data copy-on-write by content path, and its provenance tree alongside:
    a list that loses an entry loses that entry's node, so the entries after it keep theirs."""

    def __init__(self, root: dict, where: Provenance, layer) -> None:
        self.root = root
        self.where = where
        self.layer = layer
        self.dropped: list[Dropped] = []

    def filter(self, path: tuple, key: str, removal_of, describe=str, field="") -> None:
        """Drop the entries of the list at ``path``/``key`` for which ``removal_of`` finds one;
        ``describe`` says what each dropped entry was, for ``playbook diff``.

        ``field``: the list merges by id and its entries refer through this field, so base and
        overlay entries sit in one list and each is judged by who wrote its reference; otherwise
        a list the overlay writes is its own."""
        mapping = self.get(path)
        values = mapping.get(key) if isinstance(mapping, dict) else None
        if not isinstance(values, list):
            return
        if not field and self.written_here(path, key):
            return
        keep = []
        kept: list[int] = []
        for index, value in enumerate(values):
            removal = removal_of(value)
            own = field and self.written_here((*path, key, index), field)
            if removal is None or own:
                keep.append(value)
                kept.append(index)
            else:
                self.dropped.append(
                    Dropped(format_path(path + (key,), self.root), describe(value), removal)
                )
        if len(keep) != len(values):
            target, node = self._copy_along(path)
            target[key] = keep
            assert isinstance(node.items, dict)
            old = node.items[key]
            nodes = old.parts(len(values))
            node.items[key] = replace(old, items=[nodes[index] for index in kept])

    def drop(self, path: tuple, key: str, removal: Removal | None) -> None:
        """Delete ``key`` from the mapping at ``path``, which names what ``removal`` removed."""
        mapping = self.get(path)
        if removal is None or not isinstance(mapping, dict) or key not in mapping:
            return
        if self.written_here(path, key):
            return
        self.dropped.append(
            Dropped(format_path(path + (key,), self.root), str(mapping[key]), removal)
        )
        target, node = self._copy_along(path)
        del target[key]
        assert isinstance(node.items, dict)
        del node.items[key]

    def written_here(self, path: tuple, key: str) -> bool:
        """Whether the layer being merged wrote the value at ``path``/``key`` (not a base)."""
        node: Provenance | None = self.where
        for part in (*path, key):
            node = node.child(part) if node is not None else None
        origin = node.key or node.origin if node is not None else None
        return origin is not None and origin.parsed is self.layer

    def get(self, path: tuple) -> Any:
        node = self.root
        for part in path:
            node = node[part]
        return node

    def _copy_along(self, path: tuple) -> tuple[Any, Provenance]:
        """Copy each container (and its node) from the root to ``path``; return both copies."""
        self.root = parent = _copied(self.root)
        self.where = where = _node_copied(self.where, parent)
        for part in path:
            child = _copied(parent[part])
            parent[part] = child
            assert where.items is not None
            child_where = _node_copied(where.child(part) or Provenance(where.origin), child)
            where.items[part] = child_where
            parent, where = child, child_where
        return parent, where


def _copied(container: Any) -> Any:
    return dict(container) if isinstance(container, dict) else list(container)


def _node_copied(node: Provenance, container: Any) -> Provenance:
    """A copy of ``node`` whose parts can be edited, for the copy ``container`` of its value."""
    if isinstance(container, dict):
        return replace(node, items=node.entries(container))
    return replace(node, items=node.parts(len(container)))


def _items(mapping: Any, key: str) -> list[dict]:
    values = mapping.get(key) if isinstance(mapping, dict) else None
    return [v if isinstance(v, dict) else {} for v in values] if isinstance(values, list) else []


def _first_journey_id(data: Any) -> str | None:
    journeys = _items(data, "journeys")
    return journeys[0].get("id") if journeys else None


def _by_id(removals: dict[str, Removal], ref: Any) -> Removal | None:
    """The removal of the item ``ref`` names; None when ``ref`` is not an id at all."""
    return removals.get(ref) if isinstance(ref, str) else None
