"""``playbook progress import``: merge a colleague's progress into the team's status file.

Three kinds of file come in:

* the site's changes (sharing format version 2, generator/team/changes.py): its JSON
  export, "share my changes" and the issue "Send to the team" opens. Each change applies
  while the file's value is still the one it was made from; any other is a conflict that
  writes nothing for its item or answer until ``keep`` says which to keep
  (generator/team/merge.py);
* the browser's JSON export of version 1 (``{format, version, ticks, answers}``) and a
  snippet of the status file itself (what "share my changes" gave before version 2), merged
  entry by entry as before: an entry the file lacks is added, an equal one left alone, and
  one whose values differ replaces the file's unless the file's entry changed later (its
  ``changed`` is newer than the incoming one, or the incoming one has no date), which is a
  conflict;
* keys the content does not have are listed and ignored, never guessed.

The file is edited with ruamel.yaml's round trip, so comments, order and layout stay; the
result is checked in memory (it must load, and say exactly what the merge meant) before
it replaces the file atomically. Nothing imported is an error; nothing is then written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from generator.content.describe import brief
from generator.content.model import Playbook
from generator.content.source import ParsedFile, SourceLocator, parse_yaml, read_yaml
from generator.errors import ContentError, GeneratorError, Issue
from generator.team.changes import is_changes, read_changes
from generator.team.incoming import Entry, read_incoming
from generator.team.keys import checklist_items, prompts
from generator.team.loader import LoadedStatus, check_keys, validate_status
from generator.team.merge import Conflict, Keep, Write, plan
from generator.team.model import FORMAT_VERSION, TeamStatus, moment
from generator.yaml_edit import (
    block_text_scalar,
    date_scalar,
    replace_keeping_mode,
    round_trip_yaml,
)

NEW_FILE_HEADER = (
    "yaml-language-server: $schema=.playbook/progress.schema.json\n"
    "Team status of this playbook. What the site shows of it is set by team.publish in the\n"
    "content (full: everything; counts: statuses, due dates and numbers, no owners, notes or\n"
    "answers; none: nothing). The file itself is as public as the repository that holds it.\n"
    "Owners are free text: an initial or a role is enough.\n"
    "Check it with 'playbook validate'. 'playbook generate' writes the schema named above,\n"
    "so that editors check this file and complete its ids."
)


@dataclass
class ImportReport:
    """What an import did (or, with ``write=False``, would do)."""

    kind: str
    """'changes' (format version 2), 'browser export' or 'status file'."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Issue] = field(default_factory=list)
    """Entries kept as the file has them (the file's change is newer, or the change was made
    from a value the file no longer has), one Issue per conflicting field."""
    resolved: list[str] = field(default_factory=list)
    """Conflicts settled by ``keep``, one line each: what was kept."""
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
    keep: Keep | None = None,
) -> ImportReport:
    """Merge ``incoming`` into ``status_file`` (whose validated content is ``current``).

    Raises ContentError for an unreadable or invalid incoming file. Writes only when
    something changes and ``write`` is true; with nothing to import, the caller reports
    ``nothing_imported`` as an error. ``keep`` settles conflicts (merge.Keep); without it,
    nothing is written for an item or answer in conflict.
    """
    name = incoming_name or str(incoming)
    keep = keep or Keep()
    parsed = read_yaml(incoming, display_name=name)
    if is_changes(parsed.data):
        wanted = _wanted(playbook)
        return _import_changes(parsed, wanted, current, status_file, playbook, keep, write)
    kind, entries = read_incoming(parsed)
    return merge_entries(playbook, current, status_file, kind, entries, write=write, keep=keep)


def merge_entries(
    playbook: Playbook,
    current: LoadedStatus,
    status_file: Path,
    kind: str,
    entries: list[Entry],
    *,
    write: bool = True,
    keep: Keep | None = None,
    stamp: str | None = None,
) -> ImportReport:
    """Merge ``entries`` of a file of ``kind`` (not format 2) into ``status_file``; a
    snapshot entry taken gets ``changed: stamp``, the moment of the import."""
    keep = keep or Keep()
    wanted = _wanted(playbook)
    report = ImportReport(kind, created=not current.file)
    merged: list[Write] = []
    source: SourceLocator | None = None
    for entry in entries:
        if entry.key not in wanted[entry.section]:
            report.unknown.append(entry.key)
            continue
        verdict = _compare(entry, current)
        if verdict is None:
            report.added.append(entry.key)
            merged.append(_entry_write(entry.stamped(stamp), new=True))
        elif verdict == "same":
            report.unchanged.append(entry.key)
        elif verdict == "newer":
            report.updated.append(entry.key)
            merged.append(_entry_write(entry.stamped(stamp)))
        else:
            shown = "status" if entry.section == "items" else "text"
            choice = keep.choice(entry.key, shown)
            if choice in ("theirs", "both"):
                resolved = _resolved_entry(entry, current, choice)
                report.updated.append(entry.key)
                report.resolved.append(f"{entry.key}: kept {choice}")
                merged.append(_entry_write(resolved.stamped(stamp)))
                continue
            if choice == "mine":
                report.resolved.append(f"{entry.key}: kept mine")
                report.unchanged.append(entry.key)
                continue
            if source is None:  # where each conflict is in the file: parsed once, if needed
                source = read_yaml(status_file, display_name=current.file).source
            report.conflicts.append(_conflict(entry, current, source, verdict))
    if merged and write:
        _write(status_file, current, merged, playbook)
    return report


def _wanted(playbook: Playbook) -> dict[str, set[str]]:
    """The keys this content has, per section: an import ignores any other."""
    return {
        "items": {key for key, _ in checklist_items(playbook)},
        "answers": {key for key, _ in prompts(playbook)},
    }


def _import_changes(
    parsed: ParsedFile,
    wanted: dict[str, set[str]],
    current: LoadedStatus,
    status_file: Path,
    playbook: Playbook,
    keep: Keep,
    write: bool,
) -> ImportReport:
    """Merge the changes of a sharing format version 2 document (merge.plan)."""
    report = ImportReport("changes", created=not current.file)
    changes = []
    for change in read_changes(parsed):
        if change.key in wanted[change.section]:
            changes.append(change)
        elif change.key not in report.unknown:
            report.unknown.append(change.key)
    named = {change.key for change in changes}
    strangers = sorted(keep.keys() - named)
    if strangers:
        raise GeneratorError(
            f"--keep names {', '.join(strangers)}, which {parsed.source.file} does not change"
        )
    found = plan(changes, current.status, keep)
    for written in found.writes:
        (report.added if written.new else report.updated).append(written.key)
    report.unchanged.extend(found.unchanged)
    for conflict, choice in found.resolved:
        change = conflict.change
        report.resolved.append(f"{change.key}.{change.field}: kept {choice}")
    if found.conflicts:
        source = read_yaml(status_file, display_name=current.file).source
        report.conflicts.extend(
            _change_conflict(conflict, source, parsed.source) for conflict in found.conflicts
        )
    if found.writes and write:
        _write(status_file, current, found.writes, playbook)
    return report


def _change_conflict(conflict: Conflict, source: SourceLocator, incoming: SourceLocator) -> Issue:
    """Where the file's value is, both texts, who made the change and when, and the choice."""
    change = conflict.change
    _, incoming_line, _ = incoming.locate(change.path, key=True)
    who = f"by {change.by}, " if change.by else ""
    made = change.at.strftime("%Y-%m-%dT%H:%M:%SZ")
    message = (
        f"the file has {_shown(conflict.current)}; {incoming.file}:{incoming_line} has "
        f"{_shown(change.to)} ({who}{made}), made from another value: nothing was written "
        f"for {change.key}"
    )
    choices = (
        "mine, theirs or both" if change.field in ("owner", "note", "text") else ("mine or theirs")
    )
    hint = (
        f"choose with --keep {change.key}={choices.replace(', ', '|').replace(' or ', '|')} "
        "(mine: the file's; theirs: the import's), then import again"
    )
    file, line, column = source.locate(change.path, key=True)
    return Issue(
        file, line, column, f"{change.section}[{change.key}].{change.field}", message, hint
    )


def _shown(value: str | None) -> str:
    return "nothing" if value is None else brief(value, limit=1000)


def _entry_write(entry: Entry, *, new: bool = False) -> Write:
    values = {k: str(v) for k, v in entry.raw.items()}
    return Write(entry.section, entry.key, values, cleared=entry.clears, new=new)


def _resolved_entry(entry: Entry, current: LoadedStatus, choice: str) -> Entry:
    """The incoming entry (theirs), or for an answer both texts, the file's first (both)."""
    if choice == "theirs":
        return entry
    if entry.section != "answers":
        raise GeneratorError(
            f"--keep both: {entry.key}'s status has one value; keep mine or theirs"
        )
    mine = current.status.answers[entry.key].text
    return Entry(entry.section, entry.key, {**entry.raw, "text": f"{mine}\n\n{entry.raw['text']}"},
                 entry.model)  # fmt: skip


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
        newer = "" if report.kind == "changes" else " with newer changes"
        parts.append(f"{len(report.conflicts)} in conflict{newer}")
    if report.unknown:
        parts.append(f"{len(report.unknown)} unknown to this content")
    if not report.unchanged and not report.conflicts and not report.unknown:
        return f"{name} holds no ticks, statuses or answers; {status_file.name} was not changed"
    return f"nothing to import from {name} ({', '.join(parts)}); {status_file.name} was not changed"


def _write(
    status_file: Path, current: LoadedStatus, merged: list[Write], playbook: Playbook
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
        if entry.section == "answers" and "text" in entry.cleared:
            if section is not None and entry.key in section:
                del section[entry.key]  # an answer without its text is no answer
            continue
        if section is None:
            section = document[entry.section] = CommentedMap()
        elif not section and section.fa.flow_style():
            section.fa.set_block_style()  # `items: {}` grows into one entry per line
        target = section.get(entry.key)
        if target is None:
            target = section[entry.key] = CommentedMap()
        for name in entry.cleared:
            target.pop(name, None)
        for name, value in entry.values.items():
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
    text: str, current: LoadedStatus, merged: list[Write], playbook: Playbook
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
    expected = current.status.model_dump(exclude_none=True)
    for entry in merged:
        section = expected.setdefault(entry.section, {})
        if entry.section == "answers" and "text" in entry.cleared:
            section.pop(entry.key, None)
            continue
        fields = section.setdefault(entry.key, {})
        for name in entry.cleared:
            fields.pop(name, None)
        fields.update(entry.values)
    try:
        same = TeamStatus.model_validate(expected) == result
    except ValueError:
        same = False
    if errors or not same:
        raise GeneratorError(
            "the merged status file would not say what was imported; nothing was written "
            "(please report this as a bug, with the two files)"
        )
