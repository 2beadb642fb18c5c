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

from dataclasses import dataclass, field
from typing import Any

from generator.content.paths import format_path
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


def cascade(merger: Any, data: Any, base: Any, layer: Any) -> tuple[Any, list[Dropped]]:
    """Drop the references to what ``layer`` removed; returns the new data and what was dropped.

    ``merger`` is the overlay merger: its origins tell which layer wrote a value, its
    ``removals`` what this layer removed, and unresolvable removals go to its ``issues``.
    Containers shared with ``base`` are copied before they change, so the base stays as it was.
    """
    removals: list[Removal] = merger.removals
    if not removals or not isinstance(data, dict):
        return data, []
    edit = _Editor(merger, data, layer)
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
    _unresolvable(merger, edit.root, layer, journeys, stages, sources, edit.dropped)
    return edit.root, edit.dropped


def _unresolvable(
    merger, data: dict, layer, journeys: dict, stages: dict, sources: dict, dropped: list[Dropped]
) -> None:
    for fact in _items(data, "facts"):
        removal = sources.get(fact.get("source"))
        if removal is not None and not _written_by(merger, fact, "source", layer):
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
    for question in _items(data, "chooser"):
        where = f"chooser[{question.get('id')}].answers"
        removal = next((d.removal for d in dropped if d.path == where), None)
        if removal is not None and question.get("answers") == []:
            _issue(
                merger,
                removal,
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
    """Edits merged data copy-on-write, keeping the merger's record of each value's origin."""

    def __init__(self, merger, root: dict, layer) -> None:
        self.merger = merger
        self.root = root
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
        if not field and _written_by(self.merger, mapping, key, self.layer):
            return
        keep = []
        for value in values:
            removal = removal_of(value)
            own = field and _written_by(self.merger, value, field, self.layer)
            if removal is None or own:
                keep.append(value)
            else:
                self.dropped.append(
                    Dropped(format_path(path + (key,), self.root), describe(value), removal)
                )
        if len(keep) != len(values):
            target = self._copy_along(path)
            target[key] = keep
            self._adopt(values, keep)

    def drop(self, path: tuple, key: str, removal: Removal | None) -> None:
        """Delete ``key`` from the mapping at ``path``, which names what ``removal`` removed."""
        mapping = self.get(path)
        if removal is None or not isinstance(mapping, dict) or key not in mapping:
            return
        if _written_by(self.merger, mapping, key, self.layer):
            return
        self.dropped.append(
            Dropped(format_path(path + (key,), self.root), str(mapping[key]), removal)
        )
        del self._copy_along(path)[key]

    def get(self, path: tuple) -> Any:
        node = self.root
        for part in path:
            node = node[part]
        return node

    def _copy_along(self, path: tuple) -> Any:
        """Copy each container from the root to ``path``; return the copy at ``path``."""
        self.root = parent = self._copied(self.root)
        for part in path:
            child = self._copied(parent[part])
            parent[part] = child
            parent = child
        return parent

    def _copied(self, container: Any) -> Any:
        copy = dict(container) if isinstance(container, dict) else list(container)
        self._adopt(container, copy)
        return copy

    def _adopt(self, old: Any, new: Any) -> None:
        merger = self.merger
        if id(old) in merger.origins:
            merger.origins[id(new)] = merger.origins[id(old)]
        if id(old) in merger.key_origins:
            merger.key_origins[id(new)] = dict(merger.key_origins[id(old)])
        merger.keep_alive.append(new)


def _written_by(merger, mapping: dict, key: str, layer) -> bool:
    """Whether ``layer`` wrote ``mapping[key]`` (rather than a base it extends)."""
    origin = merger.key_origins.get(id(mapping), {}).get(key) or merger.origins.get(id(mapping))
    return origin is not None and origin.parsed is layer


def _items(mapping: Any, key: str) -> list[dict]:
    values = mapping.get(key) if isinstance(mapping, dict) else None
    return [v if isinstance(v, dict) else {} for v in values] if isinstance(values, list) else []


def _first_journey_id(data: Any) -> str | None:
    journeys = _items(data, "journeys")
    return journeys[0].get("id") if journeys else None


def _by_id(removals: dict[str, Removal], ref: Any) -> Removal | None:
    """The removal of the item ``ref`` names; None when ``ref`` is not an id at all."""
    return removals.get(ref) if isinstance(ref, str) else None
