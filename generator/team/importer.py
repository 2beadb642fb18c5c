"""``playbook progress import``: merge a colleague's progress into the team's status file.

Two kinds of file come in: the browser's JSON export (``{format, version, ticks,
answers}``, see playbook.js) and a snippet of the status file itself (what the site's
"share my changes" gives). Both become entries of the status file, merged one by one:

* an entry the file lacks is added; one it has with the same values is left alone;
* one whose values differ replaces the file's, unless the file's entry changed later
  (its ``changed`` is newer than the incoming one, or the incoming one has no date):
  that is a conflict, reported and not overwritten;
* keys the content does not have are listed and ignored, never guessed.

The file is edited with ruamel.yaml's round trip, so comments, order and layout stay; the
result is checked in memory (it must load, and say exactly what the merge meant) before
it replaces the file atomically. Nothing imported is an error; nothing is then written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from generator.content.describe import brief
from generator.content.model import Playbook
from generator.content.source import SourceLocator, parse_yaml, read_yaml
from generator.errors import ContentError, GeneratorError, Issue
from generator.team.incoming import Entry, read_incoming
from generator.team.keys import checklist_items, prompts
from generator.team.loader import LoadedStatus, check_keys, validate_status
from generator.team.model import FORMAT_VERSION, TeamStatus, moment
from generator.yaml_edit import (
    block_text_scalar,
    date_scalar,
    replace_keeping_mode,
    round_trip_yaml,
)

NEW_FILE_HEADER = (
    "yaml-language-server: $schema=.playbook/progress.schema.json\n"
    "Team status of this playbook: published with the site, so anyone who can read the\n"
    "site can read it. Owners are free text: an initial or a role is enough.\n"
    "Check it with 'playbook validate'. 'playbook generate' writes the schema named above,\n"
    "so that editors check this file and complete its ids."
)


@dataclass
class ImportReport:
    """What an import did (or, with ``write=False``, would do)."""

    kind: str
    """'browser export' or 'status file'."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Issue] = field(default_factory=list)
    """Entries kept as the file has them, because the file's change is newer."""
    unknown: list[str] = field(default_factory=list)
    """Keys this content does not have (or has as the other kind), ignored."""
    created: bool = False
    """The status file did not exist and was (or would be) created."""

    @property
    def imported(self) -> int:
        return len(self.added) + len(self.updated)


def import_status(
    playbook: Playbook,
    current: LoadedStatus,
    status_file: Path,
    incoming: Path,
    *,
    incoming_name: str | None = None,
    write: bool = True,
) -> ImportReport:
    """Merge ``incoming`` into ``status_file`` (whose validated content is ``current``).

    Raises ContentError for an unreadable or invalid incoming file. Writes only when
    something changes and ``write`` is true; with nothing to import, the caller reports
    ``nothing_imported`` as an error.
    """
    name = incoming_name or str(incoming)
    parsed = read_yaml(incoming, display_name=name)
    kind, entries = read_incoming(parsed)
    return merge_entries(playbook, current, status_file, kind, entries, write=write)


def merge_entries(
    playbook: Playbook,
    current: LoadedStatus,
    status_file: Path,
    kind: str,
    entries: list[Entry],
    *,
    write: bool = True,
    stamp: str | None = None,
) -> ImportReport:
    """Merge ``entries`` (read from a file of ``kind``) into ``status_file``, as
    ``import_status`` does; ``stamp`` is the ``changed`` a snapshot entry gets when taken
    (an ISO date and time: the moment of the import)."""
    wanted = {
        "items": {key for key, _ in checklist_items(playbook)},
        "answers": {key for key, _ in prompts(playbook)},
    }
    report = ImportReport(kind, created=not current.file)
    merged: list[Entry] = []
    source: SourceLocator | None = None
    for entry in entries:
        if entry.key not in wanted[entry.section]:
            report.unknown.append(entry.key)
            continue
        verdict = _compare(entry, current)
        if verdict is None:
            report.added.append(entry.key)
            merged.append(_stamped(entry, stamp))
        elif verdict == "same":
            report.unchanged.append(entry.key)
        elif verdict == "newer":
            report.updated.append(entry.key)
            merged.append(_stamped(entry, stamp))
        else:
            if source is None:  # where each conflict is in the file: parsed once, if needed
                source = read_yaml(status_file, display_name=current.file).source
            report.conflicts.append(_conflict(entry, current, source, verdict))
    if merged and write:
        _write(status_file, current, merged, playbook)
    return report


def _stamped(entry: Entry, stamp: str | None) -> Entry:
    """A snapshot entry as it is written: changed now (its own date was the export's)."""
    if not entry.snapshot:
        return entry
    if stamp is None:
        raise ValueError("a snapshot entry needs the stamp of the import")
    raw = {name: value for name, value in entry.raw.items() if name != "changed"}
    raw["changed"] = stamp
    fields = entry.model.model_dump(exclude_none=True)
    model = type(entry.model).model_validate({**fields, "changed": stamp})
    return replace(entry, raw=raw, model=model)


def _compare(entry: Entry, current: LoadedStatus) -> str | None:
    """None (new), 'same', 'newer' (take it), or why the file's newer entry stays."""
    sections: dict[str, dict[str, Any]] = {
        "items": current.status.items,
        "answers": current.status.answers,
    }
    existing = sections[entry.section].get(entry.key)
    if existing is None:
        # A spreadsheet lists every item: a row that is not started with nothing else says
        # what no entry says, and adds nothing.
        blank = entry.snapshot and entry.raw.keys() <= {"status", "changed"}
        return "same" if blank and entry.raw.get("status") == "not-started" else None
    fields = [name for name in (*entry.raw, *entry.clears) if name != "changed"]
    if all(getattr(existing, name) == getattr(entry.model, name) for name in fields):
        return "same"
    if existing.changed is None:
        return "newer"
    if entry.model.changed is None:
        return "undated"
    if moment(existing.changed) > moment(entry.model.changed):
        return "older"
    return "newer"


def _conflict(entry: Entry, current: LoadedStatus, source: SourceLocator, why: str) -> Issue:
    existing = getattr(current.status, entry.section)[entry.key]
    shown = "status" if entry.section == "items" else "text"
    theirs = brief(getattr(existing, shown), limit=40)
    ours = brief(getattr(entry.model, shown), limit=40)
    when = existing.changed.isoformat() if existing.changed else ""
    if why == "undated":
        message = (
            f"the file has {theirs}, changed {when}; the import has {ours} without a date, "
            "so it may be older: kept the file's"
        )
    else:
        incoming = entry.model.changed.isoformat() if entry.model.changed else ""
        message = (
            f"the file has {theirs}, changed {when}, newer than the import's {ours} "
            f"(changed {incoming}): kept the file's"
        )
    hint = "if the import is right, change the entry by hand (and its changed: date)"
    if why == "undated":
        hint = (
            "the browser's progress export has no dates; the site's 'share my changes' dates "
            "each change. Or " + hint
        )
    file, line, column = source.locate((entry.section, entry.key), key=True)
    return Issue(file, line, column, f"{entry.section}[{entry.key}]", message, hint)


def nothing_imported(name: str, report: ImportReport, status_file: Path) -> str:
    """Why an import changed nothing, for the error message."""
    parts = [f"{len(report.unchanged)} already in the file"]
    if report.conflicts:
        parts.append(f"{len(report.conflicts)} in conflict with newer changes")
    if report.unknown:
        parts.append(f"{len(report.unknown)} unknown to this content")
    if not report.unchanged and not report.conflicts and not report.unknown:
        return f"{name} holds no ticks, statuses or answers; {status_file.name} was not changed"
    return f"nothing to import from {name} ({', '.join(parts)}); {status_file.name} was not changed"


def _write(
    status_file: Path, current: LoadedStatus, merged: list[Entry], playbook: Playbook
) -> None:
    editor = round_trip_yaml()
    original = status_file.read_text("utf-8-sig") if current.file else ""
    document = editor.load(original) if original.strip() else None
    prefix = ""
    if document is None:
        # A new file, or one of comments only (ruamel would drop those): keep them above.
        prefix = original.rstrip("\n") + "\n" if original.strip() else ""
        document = CommentedMap()
        document["version"] = FORMAT_VERSION
        if not original.strip():
            document.yaml_set_start_comment(NEW_FILE_HEADER)
    for entry in merged:
        section = document.get(entry.section)
        if section is None:
            section = document[entry.section] = CommentedMap()
        elif not section and section.fa.flow_style():
            section.fa.set_block_style()  # `items: {}` grows into one entry per line
        target = section.get(entry.key)
        if target is None:
            target = section[entry.key] = CommentedMap()
        for name in entry.clears:
            target.pop(name, None)
        for name, value in entry.raw.items():
            target[name] = _scalar(name, value, flow=target.fa.flow_style())
    stream = io.StringIO()
    editor.dump(document, stream)
    text = prefix + stream.getvalue()
    _check_result(text, current, merged, playbook)
    replace_keeping_mode(status_file, text.encode("utf-8"))


def _scalar(name: str, value: str, *, flow: bool):
    if name in ("due", "changed"):
        return date_scalar(value)
    if name == "status":
        return value  # one of four words, safe anywhere
    return block_text_scalar(value, flow=flow)


def _check_result(
    text: str, current: LoadedStatus, merged: list[Entry], playbook: Playbook
) -> None:
    """The edited file must load, and hold exactly the old entries plus the merged ones.

    A guard for the person's file: if the edit went wrong, nothing is written.
    """
    try:
        parsed = parse_yaml(text, current.file or "progress.yaml")
        result = validate_status(parsed)
        errors, _ = check_keys(parsed, playbook)
    except ContentError as error:
        raise GeneratorError(
            f"the merged status file would not load; nothing was written:\n{error}"
        ) from None
    expected = current.status.model_dump()
    for entry in merged:
        fields = expected[entry.section].setdefault(entry.key, {})
        for name in entry.clears:
            fields.pop(name, None)
        fields.update(entry.model.model_dump(include=set(entry.raw)))
    if errors or TeamStatus.model_validate(expected) != result:
        raise GeneratorError(
            "the merged status file would not say what was imported; nothing was written "
            "(please report this as a bug, with the two files)"
        )
