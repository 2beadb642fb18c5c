"""Overlays: a client's content.yaml that ``extends`` a base and holds only the differences.

Merge rules (see README, "Forking for a client"):

* mappings merge key by key; the overlay wins for plain values;
* text merges per language (a plain string is the default language);
* lists whose items have ids merge by id: the same id merges into the base
  item, a new id is appended or placed with ``after: ID`` / ``before: ID``,
  and ``remove: true`` deletes the item; other lists are replaced whole.

Every merged value remembers which file and line it came from (provenance.py), so errors
point at the file that caused them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.model import LANGUAGE_CODES, guess_default_language
from generator.content.paths import format_path
from generator.content.provenance import MergedSource, Origin, Provenance
from generator.content.removal import Dropped, Removal, cascade
from generator.content.source import ContentPath, ParsedFile, parse_yaml, read_yaml
from generator.errors import ContentError, Issue
from generator.languages import FALLBACK_LANGUAGE

DEFAULT_BASE = "default"
"""``extends: default`` means the default playbook shipped inside the package."""

_PLACEMENT = ("after", "before", "remove")


def default_content_path() -> Path:
    """The default playbook shipped with the package.

    A wheel carries it as ``generator/default_content.yaml`` (pyproject's force-include);
    a source checkout or an editable install reads the repository's ``content.yaml``.
    """
    package = Path(__file__).resolve().parents[1]  # generator/
    shipped = package / "default_content.yaml"
    return shipped if shipped.is_file() else package.parent / "content.yaml"


@dataclass
class Overlay:
    """The result of resolving an ``extends`` chain."""

    merged: ParsedFile
    layers: list[ParsedFile]
    base: Any = None
    """Merged data of every layer but the last: what the overlay changes."""
    removed: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Ids removed by an overlay, with where the removal is written."""
    dropped: list[Dropped] = field(default_factory=list)
    """References in the base that went with what the last file removes."""
    base_source: MergedSource | None = None
    """Where each part of ``base`` was written (None without a base)."""


def load_with_extends(
    path: Path, display_name: str | None = None, text: str | None = None, *, cache: bool = False
) -> Overlay:
    """Read ``path`` and every base it extends; merge them. Raises ContentError.

    ``text``, if given, is read as the content of ``path`` (to check an edit before writing it).
    ``cache``: use and fill the user's parse cache (parse_cache.py).
    """
    layers = _read_chain(path, display_name, text, cache=cache)
    if len(layers) == 1:
        single = layers[0]
        return Overlay(single, layers, base=None)
    merger = _Merger()
    merged_data = _data_without_extends(layers[0])
    merged_where = Provenance(Origin(layers[0], ()))
    base_data, base_where = merged_data, merged_where
    dropped: list[Dropped] = []
    for layer in layers[1:]:
        base_data, base_where = merged_data, merged_where
        merger.default_language = guess_default_language(layer.data, base_data)
        merger.removals = []
        over = _data_without_extends(layer)
        merged_data, merged_where = merger.merge(base_data, base_where, layer, over, ())
        merged_data, merged_where, dropped = cascade(
            merger, merged_data, merged_where, base_data, layer
        )
    if merger.issues:
        raise ContentError(merger.issues)
    suggestions = {path: node.suggestion for path, node in merged_where.walk() if node.suggestion}
    merged = ParsedFile(
        merged_data,
        MergedSource(merged_where),
        removed=merger.removed,
        base=base_data,
        suggestions=suggestions,
    )
    return Overlay(
        merged,
        layers,
        base=base_data,
        removed=merger.removed,
        dropped=dropped,
        base_source=MergedSource(base_where),
    )


def _read_chain(
    path: Path, display_name: str | None, text: str | None = None, *, cache: bool = False
) -> list[ParsedFile]:
    """[base, …, overlay]: follow ``extends`` from ``path``, refusing cycles."""
    chain: list[ParsedFile] = []
    seen: list[Path] = []
    current, name = path, display_name or str(path)
    while True:
        resolved = current.resolve()
        if text is not None and not chain:
            parsed = parse_yaml(text, name)
        else:
            parsed = read_yaml(current, display_name=name, cache=cache)
        if resolved in seen:
            cycle = " -> ".join(str(p) for p in [*seen, resolved])
            raise _extends_error(
                parsed, f"extends forms a cycle: {cycle}", "make the base not extend this file"
            )
        seen.append(resolved)
        chain.append(parsed)
        base = parsed.data.get("extends") if isinstance(parsed.data, dict) else None
        if base is None:
            _refuse_misspelt_extends(parsed)
            break
        if not isinstance(base, str) or not base.strip():
            raise _extends_error(
                parsed,
                "extends must be 'default' or a path to a content file",
                "write e.g. extends: default",
            )
        if base == DEFAULT_BASE:
            current, name = default_content_path(), "default:content.yaml"
        else:
            current = resolved.parent / base
            name = str(Path(name).parent / base) if not Path(base).is_absolute() else base
            # Where before whether: an error never tells if a file outside the project exists.
            problem = base_path_problem(current, project=path.resolve().parent)
            if problem is None and not _is_file(current):
                problem = (
                    f"the base file '{base}' does not exist",
                    "give a path relative to this file, or 'default'",
                )
            if problem:
                raise _extends_error(parsed, *problem)
    return list(reversed(chain))


BASES_VARIABLE = "PLAYBOOK_BASES"
"""Folders (separated like PATH) whose content files an overlay may extend, besides the
project's own folder and the git work tree that holds it."""


def base_path_problem(base: Path, *, project: Path) -> tuple[str, str] | None:
    """Why ``base`` may not be extended, as (message, hint), or None when it may.

    Content is untrusted (issue #11): `extends: /etc/shadow` read any file the build could
    read and echoed it in errors. A base must be a YAML file inside an allowed folder.
    """
    real = base.resolve()
    if real.suffix not in (".yaml", ".yml"):
        return (
            f"the base must be a .yaml or .yml content file, not '{base.name}'",
            "extends a content file, or write extends: default",
        )
    allowed = [project, *_git_work_tree(project)]
    allowed += [
        Path(p).resolve() for p in os.environ.get(BASES_VARIABLE, "").split(os.pathsep) if p
    ]
    inside = [folder for folder in allowed if folder == real.parent or folder in real.parents]
    if not inside:
        return (
            "the base lies outside this project and outside the folders allowed for bases",
            f"move the base into the project's repository, or list its folder in {BASES_VARIABLE}",
        )
    if any(".git" in real.relative_to(folder).parts for folder in inside):
        return "the base lies inside .git/", "extend a content file of your own"
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def _git_work_tree(folder: Path) -> list[Path]:
    """The git work tree holding ``folder`` (found by its .git entry), if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return [candidate]
    return []


def _refuse_misspelt_extends(parsed: ParsedFile) -> None:
    """`extend: default` would make the file a whole playbook, and every missing field an error:
    report the one typo instead of that cascade."""
    if not isinstance(parsed.data, dict):
        return
    for key in parsed.data:
        misspelt = isinstance(key, str) and key != "extends"
        if misspelt and difflib.get_close_matches(key, ["extends"], cutoff=0.75):
            file, line, column = parsed.source.locate((key,), key=True)
            raise ContentError(
                [
                    Issue(
                        file,
                        line,
                        column,
                        key,
                        f"unknown key '{key}'",
                        "did you mean 'extends'? Nothing else was checked: without "
                        "'extends' the file would be read as a whole playbook",
                    )
                ]
            )


def _extends_error(parsed: ParsedFile, message: str, hint: str) -> ContentError:
    """An error located at the ``extends:`` line of ``parsed``."""
    file, line, column = parsed.source.locate(("extends",))
    return ContentError([Issue(file, line, column, "extends", message, hint)])


def _data_without_extends(layer: ParsedFile) -> Any:
    data = layer.data
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if k != "extends"}
    return data


class _Merger:
    """Merges one layer onto the merged data of its bases, building the provenance tree
    (provenance.py) beside the data: every method returns the value and its node."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.removed: dict[str, tuple[str, int, int]] = {}
        self.removals: list[Removal] = []
        """What the layer being merged removes, for ``cascade``."""
        self.default_language = FALLBACK_LANGUAGE

    def merge(
        self, base: Any, where: Provenance, layer: ParsedFile, over: Any, path: ContentPath
    ) -> tuple[Any, Provenance]:
        """Merge ``over`` (at ``path`` in ``layer``) onto ``base``, which ``where`` locates."""
        if isinstance(base, dict) and isinstance(over, str) and _is_text(base):
            over = {self.default_language: over}
        if isinstance(base, str) and isinstance(over, dict) and _is_text(over):
            base = {self.default_language: base}  # a plain string is the default language
            where = Provenance(Origin(layer, path))
        if isinstance(base, dict) and isinstance(over, dict):
            return self._merge_mapping(base, where, layer, over, path)
        if isinstance(base, list) and isinstance(over, list) and _has_ids(base):
            return self._merge_list(base, where, layer, over, path)
        return over, Provenance(Origin(layer, path))

    def _merge_mapping(
        self, base: dict, where: Provenance, layer: ParsedFile, over: dict, path: ContentPath
    ) -> tuple[dict, Provenance]:
        result = dict(base)
        entries = where.entries(base)
        for key, value in over.items():
            here = Origin(layer, (*path, key))
            if key in base:
                result[key], node = self.merge(base[key], entries[key], layer, value, here.path)
            else:
                result[key], node = value, Provenance(here)
            entries[key] = node.with_key(here)
        return result, Provenance(Origin(layer, path), items=entries)

    def _merge_list(
        self, base: list, where: Provenance, layer: ParsedFile, over: list, path: ContentPath
    ) -> tuple[list, Provenance]:
        result = list(base)
        nodes = where.parts(len(base))  # edited alongside ``result``, index for index
        base_ids = [entry.get("id") for entry in base]
        written: dict[str, int] = {}
        named = {item.get("id") for item in over if isinstance(item, dict)}
        for index, item in enumerate(over):
            here = path + (index,)
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                self._issue(
                    layer,
                    here,
                    "items of this list need an 'id' to merge with the base",
                    "add the id of the base item to change, or a new id to add one",
                )
                continue
            item_id = item["id"]
            if item_id in written:
                # The second would silently replace or re-merge the first (issue #12).
                first_line = layer.source.locate(path + (written[item_id], "id"))[1]
                self._issue(
                    layer,
                    here + ("id",),
                    f"duplicate id '{item_id}' in this list (also on line {first_line})",
                    "merge the two entries into one",
                )
                continue
            written[item_id] = index
            ids = [entry.get("id") for entry in result]
            if "remove" in item and item["remove"] is not True:
                # Anything but true was silently ignored, and the item stayed (issue #12).
                self._issue(
                    layer,
                    here + ("remove",),
                    f"'remove' must be true, not {str(item['remove'])[:20]!r}",
                    "write 'remove: true' to delete this item, or delete the 'remove' line",
                )
                continue
            if item.get("remove") is True:
                if item_id in ids:
                    del result[ids.index(item_id)]
                    del nodes[ids.index(item_id)]
                    self.removed[item_id] = layer.source.locate(here + ("remove",))
                    self.removals.append(
                        Removal(
                            _kind(path),
                            _ref(layer.data, path, item_id),
                            self.removed[item_id],
                            format_path(here, layer.data),
                            layer,
                        )
                    )
                else:
                    self._issue(
                        layer,
                        here + ("id",),
                        f"cannot remove '{item_id}': the base has no such item",
                        _which(item_id, ids),
                    )
                continue
            body = {k: v for k, v in item.items() if k not in _PLACEMENT}
            if item_id in ids:
                position = ids.index(item_id)
                merged, node = self.merge(
                    result.pop(position), nodes.pop(position), layer, body, here
                )
                ids.pop(position)
            else:
                merged, node = body, Provenance(Origin(layer, here))
                position = len(result)
                # A base id the overlay does not name elsewhere in the list, one edit away.
                near = [
                    b
                    for b in base_ids
                    if isinstance(b, str) and b not in named and one_edit_apart(item_id, b)
                ]
                if near:
                    node.suggestion = near[0]
            position = self._placement(item, ids, position, layer, here)
            result.insert(position, merged)
            nodes.insert(position, node)
        # The list itself stays where the base wrote it; its items are where each was written.
        return result, Provenance(where.origin, key=where.key, items=nodes)

    def _placement(self, item: dict, ids: list, default: int, layer: ParsedFile, here) -> int:
        for word, offset in (("after", 1), ("before", 0)):
            target = item.get(word)
            if target is None:
                continue
            if target in ids:
                return ids.index(target) + offset
            self._issue(
                layer,
                here + (word,),
                f"'{word}: {target}' names no item in this list",
                _which(target, ids),
            )
        return default

    def _issue(self, layer: ParsedFile, path: ContentPath, message: str, hint: str) -> None:
        file, line, column = layer.source.locate(path)
        self.issues.append(Issue(file, line, column, format_path(path, layer.data), message, hint))


def _which(wanted: Any, ids: list) -> str:
    """A hint naming the id that ``wanted`` most likely meant, or every id there is."""
    near = [i for i in ids if isinstance(i, str) and one_edit_apart(str(wanted), i)]
    near = near or difflib.get_close_matches(str(wanted), [str(i) for i in ids], n=1)
    return f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(str(i) for i in ids)}"


def _kind(path: ContentPath) -> str:
    """What a list at ``path`` holds: 'journey', 'stage', 'fact', 'source', or its key."""
    names = tuple(part for part in path if not isinstance(part, int))
    return {
        ("journeys",): "journey",
        ("journeys", "stages"): "stage",
        ("facts",): "fact",
        ("sources",): "source",
    }.get(names, ".".join(str(n) for n in names))


def _ref(data: Any, path: ContentPath, item_id: str) -> str:
    """How other content names the item: 'journey/stage' for a stage, else its id."""
    if _kind(path) == "stage":
        journey = data
        for part in path[:2]:
            journey = journey[part]
        return f"{journey.get('id')}/{item_id}"
    return item_id


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted, replaced or swapped character."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
        return len(diffs) == 1 or swapped
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    start = next(
        (i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short)
    )
    return short[start:] == long[start + 1 :]


def _is_text(mapping: dict) -> bool:
    return bool(mapping) and set(mapping) <= set(LANGUAGE_CODES)


def _has_ids(items: list) -> bool:
    return bool(items) and all(isinstance(i, dict) and "id" in i for i in items)
