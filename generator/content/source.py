"""Read a YAML file safely and remember where every value came from.

The loader validates plain Python data, but every error must point at a line and
column, so parsing keeps a map from content paths (``("journeys", 0, "name")``)
to positions. Parsing uses PyYAML's safe loader (the libyaml C one when present):
tags such as ``!!python/object`` are rejected and never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from generator.bounded_read import UnreadableFile, read_bounded
from generator.content.paths import format_raw_path
from generator.errors import ContentError, Issue

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused before parsing: content that big is a mistake or an attack."""

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings. Content needs about 8; deeper is a mistake or an
attack, and would otherwise end in a RecursionError."""

MAX_NODES = 500_000
"""Upper bound on values after alias expansion, so an alias bomb fails fast."""

ContentPath = tuple[Any, ...]


class SourceLocator(Protocol):
    """Says where a content path was written: what every ParsedFile's ``source`` can do.

    A SourceMap answers for one file; an overlay's MergedSource answers for whichever
    layer (base or overlay) provided each value, and says it is ``layered``.
    """

    layered: bool
    """True when the content was merged from an overlay and its base(s)."""

    @property
    def file(self) -> str: ...

    def locate(self, path: ContentPath, *, key: bool = False) -> tuple[str, int, int]: ...


class SourceMap:
    """Finds the position (1-based line, column) of any content path in one file.

    Positions are needed only to report errors, so they are looked up on demand by
    walking the YAML node tree rather than recorded for every value up front: on
    a 10 MB playbook that bookkeeping cost more than the parse.
    """

    layered = False

    def __init__(self, file: str, root: yaml.Node | None = None):
        self.file = file
        self.root = root
        self._keys: dict[yaml.Node, dict[Any, tuple[yaml.Node, yaml.Node]]] = {}
        """Per mapping node, its entries by key: built on the first lookup, so that
        reporting every key of a mapping is linear, not quadratic, in its size."""

    def locate(self, path: ContentPath, *, key: bool = False) -> tuple[str, int, int]:
        """(file, line, column) of ``path``; see position()."""
        return (self.file, *self.position(path, key=key))

    def position(self, path: ContentPath, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` is, or its nearest ancestor that exists (e.g. for a missing key).

        With ``key``, the position of the mapping key rather than its value.
        """
        node = self.root
        if node is None:
            return (1, 1)
        found = _position(node.start_mark)
        for depth, part in enumerate(path):
            child = self._child(node, part)
            if child is None:
                return found
            key_node, node = child
            last = depth == len(path) - 1
            found = _position((key_node if key and last and key_node else node).start_mark)
        return found

    def _child(self, node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            entries = self._keys.get(node)
            if entries is None:
                entries = self._keys[node] = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        entries.setdefault(_scalar_key(key_node), (key_node, value_node))
            try:
                return entries.get(part)
            except TypeError:  # an unhashable path part names no key
                return None
        return _item(node, part)


class LazySourceMap(SourceMap):
    """A SourceMap for data that came from the parse cache: the file's text is composed
    into nodes only when a position is asked for, i.e. when there is an error to report."""

    def __init__(self, file: str, text: str):
        super().__init__(file)
        self._text: str | None = text

    def position(self, path: ContentPath, *, key: bool = False) -> tuple[int, int]:
        if self._text is not None:
            loader = SafeLoader(self._text)
            try:
                self.root = loader.get_single_node()
            finally:
                loader.dispose()
            self._text = None
        return super().position(path, key=key)


def _item(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def _scalar_key(node: yaml.ScalarNode) -> Any:
    """The key as the data has it: the parse turned `no:` into False and `1:` into 1."""
    if node.tag == _BOOL:
        return node.value.lower() in ("yes", "true", "on", "y")
    if node.tag == _INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:  # 0o17, 1:20 (sexagesimal): rare enough to locate by the mapping
            return node.value
    return node.value


@dataclass
class ParsedFile:
    """A parsed YAML document: plain data plus the positions of its parts."""

    data: Any
    source: SourceLocator
    removed: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """For merged overlays: ids an overlay removed, and where it says so."""
    base: Any = None
    """For merged overlays: the data of the base the last file extends (None otherwise)."""
    suggestions: dict[ContentPath, str] = field(default_factory=dict)
    """For merged overlays: the path of a new item whose id is one edit from a base id -> that
    base id."""


def read_yaml(path: Path, *, display_name: str | None = None, cache: bool = False) -> ParsedFile:
    """Read, decode and parse ``path``. Raises ContentError with positions on any problem.

    With ``cache``, the parse is kept in, and taken from, the user's parse cache
    (parse_cache.py) while the file's bytes stay the same.
    """
    name = display_name or str(path)
    if path.is_dir():
        raise _file_error(name, "this is a folder, not a file", "pass a YAML file")
    try:
        # Bounded, and never blocking: a link to /dev/zero or a FIFO is refused, not read.
        raw = read_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _file_error(name, "file not found", "pass the content file with -c PATH") from None
    except UnreadableFile as error:
        raise _file_error(
            name,
            f"the file {error.reason}",
            "split the content or remove what does not belong in a playbook"
            if "bytes" in error.reason
            else "name an ordinary YAML file",
        ) from None
    text = _decode(raw, name)
    if not cache:
        return parse_yaml(text, name)
    from generator.content import parse_cache

    data = parse_cache.lookup(path, raw, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
    if data is not None:
        return ParsedFile(data, LazySourceMap(name, text))
    parsed = parse_yaml(text, name)
    parse_cache.store(path, raw, parsed.data)
    return parsed


def parse_yaml(text: str, name: str) -> ParsedFile:
    """Parse YAML text into data and a SourceMap."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _file_error(
                name,
                "the file is empty",
                "start from the default playbook's content.yaml, or run 'playbook init'",
            )
        source = SourceMap(name, node)
        builder = _Builder(loader, name)
        data = builder.build(node, ())
        if builder.issues:
            raise ContentError(builder.issues)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_yaml_issue(error, name, text)]) from None
    except yaml.YAMLError as error:
        raise _file_error(name, str(error), "check the YAML syntax") from None
    finally:
        loader.dispose()
    return ParsedFile(data, source)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as editors do: "ö" before the bad byte is two bytes, one column.
        # (The bytes before the first undecodable one are valid UTF-8.)
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig")) + 1
        issue = Issue(
            name,
            line,
            column,
            "",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor (e.g. 'Save with encoding: UTF-8')",
        )
        raise ContentError([issue]) from None


_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Turns composed nodes into plain data, checking what PyYAML lets pass.

    Faster than PyYAML's constructor for text-heavy content (strings are taken
    as they are), and it refuses duplicate keys, which PyYAML silently drops,
    and alias expansion beyond MAX_NODES. Anything unusual (tags, merge keys)
    goes to the safe constructor, which rejects python/* tags without running them.
    """

    def __init__(self, loader: Any, file: str):
        self.loader = loader
        self.file = file
        self.count = 0
        self.issues: list[Issue] = []

    def build(self, node: yaml.Node, path: ContentPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _too_many_nodes(self.file, node)
        if len(path) > MAX_DEPTH:
            line, column = _position(node.start_mark)
            raise ContentError(
                [
                    Issue(
                        self.file,
                        line,
                        column,
                        format_raw_path(path),
                        f"the content is nested more than {MAX_DEPTH} levels deep",
                        "check the indentation: a playbook needs far fewer levels",
                    )
                ]
            )
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            # Dates stay text: a playbook has no use for datetime objects.
            if tag in (_STR, _TIMESTAMP):
                return node.value
            try:
                return self.loader.construct_object(node)
            except ValueError:  # e.g. an integer of thousands of digits
                raise _refused(
                    self.file,
                    node,
                    path,
                    "this value cannot be read as a number",
                    "put it in quotes to make it text",
                ) from None
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            merge = next((key for key, _ in node.value if key.tag == _MERGE), None)
            if merge is not None:
                # PyYAML expands merge keys itself, past the node count and depth limits.
                raise _refused(
                    self.file,
                    merge,
                    path,
                    "merge keys (<<) are not supported",
                    "write the keys out; an anchor (&name) and alias (*name) still work",
                )
            return self._mapping(node, path)
        # Any other tag on a list or mapping (!!set, !!omap, !!python/…) is never constructed.
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _refused(
            self.file,
            node,
            path,
            f"the tag {shown} is not allowed",
            "remove the tag: content may only hold text, numbers, lists and mappings",
        )

    def _mapping(self, node: yaml.MappingNode, path: ContentPath) -> dict:
        result: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path)
            if not _hashable(key):
                key = str(key)
            if key in seen:
                self.issues.append(_duplicate_key(self.file, key, seen[key], key_node, path))
                continue  # keep the first value, as a reader of the file would expect
            seen[key] = key_node
            result[key] = self.build(value_node, path + (key,))
        return result


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _yaml_issue(error: yaml.MarkedYAMLError, name: str, text: str = "") -> Issue:
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark) if mark else (1, 1)
    if _character_at(text, line, column) == "\t":
        # libyaml says only "found character that cannot start any token" (issue #12).
        return Issue(
            name,
            line,
            column,
            "",
            "YAML syntax error: a tab character here; YAML indents with spaces only",
            "replace the tab with spaces",
        )
    problem = error.problem or "invalid YAML"
    message = f"{error.context}: {problem}" if error.context else problem
    hint = "check the indentation and quoting on this line and the one before it"
    quoting_problems = (
        "mapping values are not allowed",
        "expected ':'",
        "expected ',' or '}'",
        "expected node content",
    )
    if any(text in problem for text in quoting_problems):
        hint = "put text that contains ': ', '? ' or ' #' in quotes, e.g. name: \"Step 1: plan?\""
    elif "could not determine a constructor" in problem:
        hint = "remove the tag: content may only hold text, numbers, lists and mappings"
    elif "found character '\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif "found undefined alias" in problem:
        hint = "define the anchor (&name) before using the alias (*name)"
    return Issue(name, line, column, "", f"YAML syntax error: {message}", hint)


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]


def _duplicate_key(name: str, key: Any, first: yaml.Node, second: yaml.Node, path) -> Issue:
    line, column = _position(second.start_mark)
    first_line = first.start_mark.line + 1
    return Issue(
        name,
        line,
        column,
        format_raw_path(path + (key,)),
        f"key '{key}' appears twice in this mapping (first on line {first_line})",
        "keep one of them",
    )


def _too_many_nodes(name: str, node: yaml.Node) -> ContentError:
    line, column = _position(node.start_mark)
    return ContentError(
        [
            Issue(
                name,
                line,
                column,
                "",
                f"the content expands to more than {MAX_NODES:,} values",
                "remove recursive or nested aliases (*name): this looks like an alias bomb",
            )
        ]
    )


def _refused(
    name: str, node: yaml.Node, path: ContentPath, message: str, hint: str
) -> ContentError:
    line, column = _position(node.start_mark)
    return ContentError([Issue(name, line, column, format_raw_path(path), message, hint)])


def _file_error(name: str, message: str, hint: str) -> ContentError:
    return ContentError([Issue(name, 0, 0, "", message, hint)])
