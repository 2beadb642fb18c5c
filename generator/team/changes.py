"""The sharing format, version 2: a reader's changes as they leave the browser (issue #25).

One document for every way of sharing: the JSON export, a share link (the same changes,
compressed into the address's fragment), "share my changes" and the issue that "Send to the
team" opens. docs/sharing-format.md describes it; the page writes it (lib/changes.js)::

    {"format": "journey-playbook-progress", "version": 2,
     "items": {KEY: {FIELD: CHANGE, ...}}, "answers": {KEY: {"text": CHANGE}}}

    CHANGE = {"to": the new value, or null for a cleared one,
              "base": the version of the value the change was made from (base_version),
              "at": when, UTC to the second, "by": the name the reader set ("" if none)}

Every value that is set *and* every value that is cleared travels, so an untick (status
``not-started`` over the team's ``done``) and a cleared owner arrive as changes. The base
makes two people editing one value from the same starting point a conflict whatever their
clocks say: a change applies only while the file's value is still the one it was made from
(generator/team/merge.py). Pure: parsed data in, checked changes out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from generator.content.describe import Rule, brief, constraints_of, explain, kind_of
from generator.content.source import ParsedFile
from generator.errors import ContentError, Issue
from generator.team.model import Answer, Day, ItemState, Note, Owner, TeamStatus

FORMAT = "journey-playbook-progress"
"""The ``format`` of every document the page writes (version 1 was the first export)."""
VERSION: Literal[2] = 2

ITEM_FIELDS = ("status", "owner", "due", "note")
ANSWER_FIELDS = ("text",)
FIELDS = {"items": ITEM_FIELDS, "answers": ANSWER_FIELDS}

NO_VALUE = "-"
"""The base of a field that has no value: an item without an entry, an owner nobody set."""
UNKNOWN_BASE = ""
"""The base of a change made before changes carried one (a version 1 export, share link or
browser state upgraded): it applies only where the file has no value for the field."""
BASE_CHARS = 8

MAX_AUTHOR_CHARS = 80


def base_version(value: str | None) -> str:
    """The version of one field's value that a change is made from: ``-`` for no value, else
    the first 8 hex digits of the SHA-256 of the value's UTF-8 (a date as YYYY-MM-DD).

    The one place that computes it: the build writes it into the page for each value the
    page shows, and an import computes it again from progress.yaml to tell whether the value
    is still the one the change was made from. The page gets the base of what it *shows*
    (generator/site/progress.py): under team.publish counts it shows no owner, note or
    answer, so their base there is always ``-``, which says nothing about the hidden text,
    and a change to one of them applies only where the file has none (else: a conflict).
    """
    if value is None:
        return NO_VALUE
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:BASE_CHARS]


def field_value(status: TeamStatus, section: str, key: str, field: str) -> str | None:
    """The file's value of one field as text (a date as YYYY-MM-DD), None for none. An item
    without an entry has no status (it counts as not started)."""
    entry = getattr(status, section).get(key)
    value = getattr(entry, field, None) if entry is not None else None
    if isinstance(value, date):
        return value.isoformat()
    return value


def entry_bases(status: TeamStatus, section: str, key: str) -> dict[str, str]:
    """The base of each field of one entry that has a value (a field left out is ``-``)."""
    bases = {}
    for field in FIELDS[section]:
        value = field_value(status, section, key, field)
        if value is not None:
            bases[field] = base_version(value)
    return bases


# The document's model: what each field's "to" may be is the status file's own rule.
_Base = Annotated[
    str,
    StringConstraints(pattern=rf"^(|-|[0-9a-f]{{{BASE_CHARS}}})$"),
    Rule("base", form="{value} is not a base version", hint="send the changes again from the site"),
]
_Author = Annotated[
    str, StringConstraints(max_length=MAX_AUTHOR_CHARS), Rule("name", shorten="shorten the name")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class _Change(_Strict):
    base: _Base
    at: Annotated[str, Field(max_length=40)]
    by: _Author = ""


class _Status(_Change):
    to: ItemState


class _Owner(_Change):
    to: Owner | None


class _Due(_Change):
    to: Day | None


class _Note(_Change):
    to: Note | None


class _Text(_Change):
    to: Answer | None


class _ItemChanges(_Strict):
    status: _Status | None = None
    owner: _Owner | None = None
    due: _Due | None = None
    note: _Note | None = None


class _AnswerChanges(_Strict):
    text: _Text


class _Document(_Strict):
    format: Literal["journey-playbook-progress"]
    version: Literal[2]
    items: dict[str, _ItemChanges] = Field(default_factory=dict)
    answers: dict[str, _AnswerChanges] = Field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One field's change, as a reader made it."""

    section: str
    """items or answers."""
    key: str
    field: str
    to: str | None
    """The new value as text (a date as YYYY-MM-DD); None: cleared."""
    base: str
    at: datetime
    by: str

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.section, self.key, self.field)


def is_changes(data: Any) -> bool:
    """Whether a parsed file claims to be this format (a version 2 document)."""
    return isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") == 2


def read_changes(parsed: ParsedFile) -> list[Change]:
    """Every change of a version 2 document, checked value by value with the status file's
    rules; ContentError naming each problem's line in the incoming file."""
    data = parsed.data
    if isinstance(data, dict):  # `items:` with nothing under it is empty, not an error
        data = {k: ({} if k in FIELDS and v is None else v) for k, v in data.items()}
    try:
        document = _Document.model_validate(data)
    except ValidationError as error:
        issues = [_issue(e, parsed) for e in error.errors()]
        raise ContentError(list(dict.fromkeys(issues))) from None
    changes: list[Change] = []
    issues = []
    for section, entries in (("items", document.items), ("answers", document.answers)):
        for key, fields in entries.items():
            for field in FIELDS[section]:
                change = getattr(fields, field)
                if change is None:
                    continue
                at = _parse_time(change.at)
                if at is None:
                    file, line, column = parsed.source.locate((section, key, field, "at"))
                    issues.append(
                        Issue(
                            file,
                            line,
                            column,
                            f"{section}[{key}].{field}.at",
                            f"{brief(change.at)} is not a date and time",
                            "write it as 2026-11-25T10:00:00Z, as the site does",
                        )
                    )
                    continue
                to = change.to.isoformat() if isinstance(change.to, date) else change.to
                changes.append(Change(section, key, field, to, change.base, at, change.by))
    if issues:
        raise ContentError(issues)
    return changes


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_MODELS: dict[str, type[BaseModel]] = {
    "status": _Status,
    "owner": _Owner,
    "due": _Due,
    "note": _Note,
    "text": _Text,
}


def _issue(error: Any, parsed: ParsedFile) -> Issue:
    loc = tuple(error["loc"])
    kind = error["type"]
    # Optional fields are reported once per member of the union: report the field itself.
    if len(loc) > 4 and loc[0] in FIELDS:
        loc = loc[:4]
    where = loc[:-1] if loc[-1:] == ("[key]",) else loc
    file, line, column = parsed.source.locate(where, key=kind == "extra_forbidden")
    path = _path(where)
    message, hint = _describe(kind, loc, error)
    return Issue(file, line, column, path, message, hint)


def _path(loc: tuple) -> str:
    text = ""
    for depth, part in enumerate(loc):
        text += f"[{part}]" if depth == 1 and loc[0] in FIELDS else (f".{part}" if text else part)
    return str(text)


def _describe(kind: str, loc: tuple, error: dict[str, Any]) -> tuple[str, str]:
    value = error.get("input")
    name = loc[-1] if loc else ""
    if loc == ("format",):
        return f"{brief(value)} is not a Journey Playbook progress export", (
            f"import a file the site saved (format: {FORMAT})"
        )
    if loc == ("version",):
        return f"the changes are format version {brief(value)}; this playbook reads 1 and 2", (
            "update journey-playbook to read the newer format"
        )
    if kind == "extra_forbidden":
        allowed = {1: ("format", "version", "items", "answers"), 4: ("to", "base", "at", "by")}
        fields = allowed.get(len(loc)) or FIELDS.get(str(loc[0]), ())
        return f"unknown key '{name}'", f"allowed keys here: {', '.join(fields)}"
    if name == "at" and kind.startswith(("value_error", "string_")):
        return f"{brief(value)} is not a date and time", (
            "write it as 2026-11-25T10:00:00Z, as the site does"
        )
    if name == "to" and len(loc) == 4 and loc[2] == "due" and kind.startswith(("date_", "value")):
        return f"{brief(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2026-12-15"
    if kind in ("model_type", "dict_type"):
        return f"expected a mapping (key: value), got {kind_of(value)}", (
            "send the changes again from the site"
        )
    model = _MODELS.get(str(loc[2])) if len(loc) == 4 else None
    declared = model.model_fields.get(str(name)) if model else None
    explained = explain(error, name, constraints_of(declared))
    if explained is not None:
        return explained
    if kind == "string_type":
        return f"expected text, got {kind_of(value)} {brief(value)}", (
            "put the text in quotes after the colon"
        )
    return error["msg"], "send the changes again from the site"
