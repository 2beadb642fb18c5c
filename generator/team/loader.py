"""Load ``progress.yaml`` and check it against the content, reporting every problem at once.

Reading, positions and YAML errors are the content's own (generator/content/source.py), so
the status file's errors look like the content's: ``FILE:LINE:COL: path: message`` plus a
hint. Keys are checked against the keys the site saves progress under:

* a key that is not a progress key, or that names a prompt under ``items`` (or an item
  under ``answers``), is an error;
* a key one typo away from a key the content has (and the file does not) is an error with
  "did you mean";
* any other key the content does not have is *orphaned*: its item was removed or renamed.
  It is reported, with its line, as a warning (``playbook validate --strict`` fails on it),
  so that upgrading a base playbook does not break a team's build, and never dropped
  silently.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.content.describe import brief, constraints_of, explain, kind_of
from generator.content.model import Playbook
from generator.content.source import MAX_FILE_BYTES, ParsedFile, read_yaml
from generator.errors import ContentError, Issue
from generator.project_files import UnsafePath, resolve_inside
from generator.team.keys import checklist_items, prompts
from generator.team.model import (
    ITEM_STATES,
    KEY_PATTERN,
    STATUS_FILE,
    AnswerStatus,
    ItemStatus,
    TeamStatus,
)

__all__ = ["LoadedStatus", "load_team_status", "read_team_status", "status_path"]

_KEY = re.compile(KEY_PATTERN)
_SECTIONS = ("items", "answers")
_DATE_ERRORS = ("date_", "datetime_", "value_error")


@dataclass(frozen=True)
class LoadedStatus:
    """A valid status file, and its entries whose items the content no longer has."""

    status: TeamStatus
    orphans: tuple[Issue, ...] = ()
    """Warnings, one per orphaned entry, each with its line."""
    file: str = ""
    """The file as messages name it ('' when the project has none)."""


def status_path(project_dir: Path) -> Path:
    """Where a project's status file is: beside its content file."""
    return project_dir / STATUS_FILE


def load_team_status(
    project_dir: Path, playbook: Playbook, *, display_name: str | None = None
) -> TeamStatus:
    """The project's team status; empty when it has no status file. ContentError if invalid."""
    return read_team_status(project_dir, playbook, display_name=display_name).status


def read_team_status(
    project_dir: Path, playbook: Playbook, *, display_name: str | None = None
) -> LoadedStatus:
    """Like load_team_status, with the orphaned entries as warnings."""
    path = status_path(project_dir)
    name = display_name or str(path)
    if not path.exists() and not path.is_symlink():
        return LoadedStatus(TeamStatus.empty())
    try:
        resolve_inside(project_dir, STATUS_FILE)
    except UnsafePath as error:
        raise ContentError([Issue(name, 0, 0, "", str(error), error.hint)]) from None
    if _only_comments(path):
        return LoadedStatus(TeamStatus.empty(), file=name)  # a fresh file: nothing recorded yet
    parsed = read_yaml(path, display_name=name)
    shape_issues: list[Issue] = []
    try:
        status = validate_status(parsed)
    except ContentError as error:
        shape_issues, status = error.issues, None
    # The keys are checked even when a value is wrong, so every problem shows at once.
    issues, orphans = check_keys(parsed, playbook)
    if shape_issues or issues:
        raise ContentError(list(dict.fromkeys(shape_issues + issues)))
    assert status is not None
    return LoadedStatus(status, tuple(sorted(orphans)), name)


def _only_comments(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        return False  # read_yaml refuses it with the reason
    lines = path.read_text("utf-8", errors="replace").splitlines()
    return all(not line.strip() or line.lstrip().startswith("#") for line in lines)


def validate_status(parsed: ParsedFile) -> TeamStatus:
    """Check the file's shape and values (not yet its keys) against the model."""
    data = parsed.data
    if not isinstance(data, dict):
        file, line, column = parsed.source.locate(())
        raise ContentError(
            [
                Issue(
                    file,
                    line,
                    column,
                    "",
                    f"expected a mapping with version, items and answers, got {kind_of(data)}",
                    "start the file with 'version: 1' and 'items:' (see the README)",
                )
            ]
        )
    # `items:` with every entry commented out is empty, not an error.
    data = {
        key: ({} if key in _SECTIONS and value is None else value) for key, value in data.items()
    }
    try:
        return TeamStatus.model_validate(data)
    except ValidationError as error:
        issues = [_issue(e, parsed) for e in error.errors()]
        raise ContentError(list(dict.fromkeys(issues))) from None


def check_keys(parsed: ParsedFile, playbook: Playbook) -> tuple[list[Issue], list[Issue]]:
    """(errors, orphan warnings) for the keys of the parsed file against the content."""
    ticks = {key for key, _ in checklist_items(playbook)}
    prompt_keys = {key for key, _ in prompts(playbook)}
    errors: list[Issue] = []
    orphans: list[Issue] = []
    data = parsed.data if isinstance(parsed.data, dict) else {}
    for section, wanted, other in (("items", ticks, prompt_keys), ("answers", prompt_keys, ticks)):
        entries = data.get(section)
        if not isinstance(entries, dict):
            continue  # validate_status reports it
        for key in entries:
            if not isinstance(key, str) or key in wanted:
                continue  # a key that is not text: validate_status reports it
            orphaned, message, hint = _key_problem(section, key, wanted, other, entries)
            file, line, column = parsed.source.locate((section, key), key=True)
            issue = Issue(file, line, column, f"{section}[{key}]", message, hint)
            (orphans if orphaned else errors).append(issue)
    return errors, orphans


def _key_problem(
    section: str, key: str, wanted: set[str], other: set[str], entries: dict
) -> tuple[bool, str, str]:
    """(orphaned?, message, hint) for a key the content does not have under ``section``."""
    what = "checklist item" if section == "items" else "prompt"
    if not _KEY.match(key):
        return False, f"{brief(key)} is not a progress key", _KEY_HINT
    if key in other and section == "items":
        return (
            False,
            "this is a prompt, not a checklist item",
            "move it under answers:, with the team's answer as text:",
        )
    if key in other:
        return (
            False,
            "this is a checklist item, not a prompt",
            "move it under items:, with its state as status:",
        )
    # A typo: close to a key the content has and the file does not (if the file has that
    # key too, this entry is more likely a removed sibling: orphaned).
    close = [
        match
        for match in difflib.get_close_matches(key, wanted, n=3, cutoff=0.85)
        if match not in entries
    ]
    if close:
        return False, f"the content has no {what} '{key}'", f"did you mean '{close[0]}'?"
    return (
        True,
        f"orphaned: the content no longer has the {what} '{key}'",
        "delete this entry, or move it to the item's new id (it is not shown on the site)",
    )


_KEY_HINT = (
    "write journey/stage/item with the content's ids, e.g. customer-journey/awareness/"
    "<item-id>; journey/-/<item-id> for a journey's 'before you start' items, "
    "shared/<checklist-id>/<item-id> for a shared checklist"
)


def _issue(error: Any, parsed: ParsedFile) -> Issue:
    loc = tuple(error["loc"])
    kind = error["type"]
    # Unions (date or datetime) report each member under its own name: report the field.
    if loc and loc[0] in _SECTIONS and len(loc) > 3:
        loc = loc[:3]
    # pydantic names a mapping key that is not text "[key]": show the key, where it is written.
    where = loc[:-1] if loc[-1:] == ("[key]",) else loc
    on_key = kind == "extra_forbidden" or where != loc
    file, line, column = parsed.source.locate(where, key=on_key)
    message, hint = _describe(kind, loc, error.get("input"), error)
    return Issue(file, line, column, format_status_path(where), message, hint)


def format_status_path(loc: tuple) -> str:
    """``items[journey/stage/item].status``: keys in brackets, as the content's ids are."""
    text = ""
    for depth, part in enumerate(loc):
        if depth == 1 and loc[0] in _SECTIONS:
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _describe(kind: str, loc: tuple, value: Any, error: dict[str, Any]) -> tuple[str, str]:
    """A message and a hint for one pydantic error, in the words of the status file.

    A broken constraint (a length, a status that is not one of the states) is worded from the
    model itself (describe.explain); what is left here needs a sentence of its own.
    """
    field = loc[-1] if loc else ""
    section = loc[0] if loc else ""
    model = ItemStatus if section == "items" else AnswerStatus
    if field == "version" and len(loc) == 1:
        return (
            f"this file is format version {brief(value)}; this playbook reads version 1",
            "write version: 1, or update journey-playbook to read the newer format",
        )
    if kind == "missing" and field == "text":
        return "missing required field 'text'", "add 'text:' with the team's agreed answer"
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if len(loc) == 3 else list(TeamStatus.model_fields)
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(allowed)}"
        )
        return f"unknown key '{field}'", hint
    if field in ("due", "changed") and kind.startswith(_DATE_ERRORS):
        shown = "a date" if field == "due" else "a date or a date and time"
        example = "2026-12-15" if field == "due" else "2026-12-15 or 2026-12-15T14:30:00Z"
        return f"{brief(value)} is not {shown}", f"write it as YYYY-MM-DD, e.g. {example}"
    if kind == "string_type":
        if len(loc) == 3 and loc[-1] == "[key]":
            return f"the key {brief(value)} is not text", _KEY_HINT
        return f"expected text, got {kind_of(value)} {brief(value)}".replace(
            "got null None", "got nothing (null)"
        ), "put the text after the colon, in quotes if it looks like a number"
    if kind in ("model_type", "dict_type"):
        if len(loc) == 2 and section == "items":
            return (
                f"expected the item's fields, got {kind_of(value)}",
                f"write 'status: {value if value in ITEM_STATES else 'done'}' on its own line, "
                "indented under the key",
            )
        if len(loc) == 2:
            return f"expected the answer's fields, got {kind_of(value)}", (
                "write 'text: ...' on its own line, indented under the key"
            )
        return f"expected a mapping (key: value), got {kind_of(value)}", (
            "write the entries as 'key:' lines indented under this key"
        )
    declared = model.model_fields.get(str(field)) if len(loc) == 3 else None
    explained = explain(error, field, constraints_of(declared))
    if explained is None:
        return error["msg"], "run 'playbook schema --progress' to see what each field allows"
    return explained
