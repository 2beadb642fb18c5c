"""What ``playbook progress import`` reads besides the sharing format version 2 (changes.py):
the browser's export of version 1 and a status file snippet.

Both become a list of Entry, one per item or answer, checked value by value with the
status file's own rules and reported with the incoming file's lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from generator.content.describe import brief
from generator.content.source import ParsedFile
from generator.errors import ContentError, Issue
from generator.team.loader import validate_status
from generator.team.model import FORMAT_VERSION, AnswerStatus, ItemStatus

BROWSER_FORMAT = "journey-playbook-progress"
"""The ``format`` of the browser's JSON export (playbook.js ``FORMAT``)."""

FIELDS = {"items": ("status", "owner", "due", "note", "changed"), "answers": ("text", "changed")}
"""Each entry's fields, in the order a new entry is written."""


@dataclass(frozen=True)
class Entry:
    """One incoming item state or answer."""

    section: str
    key: str
    raw: dict[str, str]
    """The fields as the incoming file writes them (dates as text), in the file's order."""
    model: ItemStatus | AnswerStatus
    snapshot: bool = False
    """The entry states the item's whole state, as a spreadsheet row does: a field it
    lacks from ``clears`` is removed from the file's entry, "not started" with nothing
    else is what no entry says, and an entry taken gets a new ``changed`` (its own is the
    one the file had when the row was exported)."""
    clears: tuple[str, ...] = ()
    """With ``snapshot``: the fields whose cells are empty, removed from the file's entry."""

    def stamped(self, stamp: str | None) -> Entry:
        """A snapshot entry as it is written: changed now (its own date was the export's)."""
        if not self.snapshot:
            return self
        if stamp is None:
            raise ValueError("a snapshot entry needs the stamp of the import")
        raw = {name: value for name, value in self.raw.items() if name != "changed"}
        raw["changed"] = stamp
        fields = self.model.model_dump(exclude_none=True)
        model = type(self.model).model_validate({**fields, "changed": stamp})
        return replace(self, raw=raw, model=model)


def read_incoming(parsed: ParsedFile) -> tuple[str, list[Entry]]:
    """('browser export' or 'status file', its entries); ContentError if anything is wrong."""
    data = parsed.data
    if isinstance(data, dict) and "format" in data:
        return "browser export", _browser_entries(parsed)
    status = validate_status(parsed)  # every problem at once, with the incoming file's lines
    raw = data if isinstance(data, dict) else {}
    entries = [
        Entry(section, key, _raw_fields(section, (raw.get(section) or {})[key]), model)
        for section, models in (("items", status.items), ("answers", status.answers))
        for key, model in models.items()
    ]
    return "status file", entries


def _raw_fields(section: str, raw: dict[str, Any]) -> dict[str, str]:
    return {name: raw[name] for name in FIELDS[section] if raw.get(name) is not None}


def _browser_entries(parsed: ParsedFile) -> list[Entry]:
    """Entries from the browser's export, checked as the browser's own import checks it."""
    data = parsed.data
    file = parsed.source.file

    def error(loc: tuple, message: str, hint: str) -> ContentError:
        where = parsed.source.locate(loc)
        return ContentError([Issue(where[0], where[1], where[2], ".".join(loc), message, hint)])

    if data.get("format") != BROWSER_FORMAT:
        raise error(
            ("format",),
            f"{brief(data.get('format'))} is not a Journey Playbook progress export",
            f"import a file the site's 'export progress' saved (format: {BROWSER_FORMAT}), "
            "or a status file snippet",
        )
    version = data.get("version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > 2
        raise error(
            ("version",),
            f"the export is format version {brief(version)}; this playbook reads versions 1 and 2",
            "update journey-playbook to read the newer format"
            if newer
            else "export the progress again from the site",
        )
    for section in ("ticks", "answers"):
        if not isinstance(data.get(section, {}), dict):
            raise error((section,), f"'{section}' is not a mapping", "export the progress again")
    entries: list[Entry] = []
    for key, ticked in (data.get("ticks") or {}).items():
        if ticked is True:  # as in the browser: only true is a tick
            entries.append(Entry("items", str(key), {"status": "done"}, ItemStatus(status="done")))
    issues = []
    for key, text in (data.get("answers") or {}).items():
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            model = AnswerStatus(text=text)
        except ValidationError:
            line, column = parsed.source.locate(("answers", key))[1:]
            issues.append(
                Issue(file, line, column, f"answers[{key}]", "the answer is too long", "shorten it")
            )
            continue
        entries.append(Entry("answers", str(key), {"text": text}, model))
    if issues:
        raise ContentError(issues)
    return entries
