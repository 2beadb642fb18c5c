"""The latest changes to the team's state: what changed, who changed it, and when.

Read at build time (issue #25, point 4), from one of two places:

* the git history of ``progress.yaml``, when the build has it (the Pages workflow checks
  out with ``fetch-depth: 0``): each commit's version of the file is compared with the one
  before it; "who" is the commit's co-author (the person whose issue the intake workflow
  merged) or else its author;
* otherwise the ``changed:`` stamps in the file itself, newest first, without a "who".

Only the site's ``full`` publish setting shows it (generator/team/published.py). Every
old version of the file is untrusted input like the current one: it is parsed with the
same limits and checked with the same model, and a version that does not load is skipped.
Names from git are free text anyone committing can set; the pages escape them.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.content.source import parse_yaml
from generator.errors import ContentError
from generator.team.loader import validate_status
from generator.team.model import STATUS_FILE, TeamStatus, moment

MAX_COMMITS = 40
"""How many of the status file's latest commits the history reads (each is one blob)."""
MAX_CHANGES = 12
"""How many changes the team page lists."""
MAX_NAME_CHARS = 80
MAX_BLOB_BYTES = 2 * 1024 * 1024
"""An old version larger than this is skipped rather than parsed."""

_FIELD_ORDER = {"items": ("status", "owner", "due", "note"), "answers": ("text",)}
_GIT_TIMEOUT = 30
_SEPARATOR = "\x1f"
_CO_AUTHOR = re.compile(r"^\s*(?P<name>[^<>\n]*?)\s*(<[^<>\n]*>)?\s*$")


@dataclass(frozen=True)
class Change:
    """One change to one item or answer."""

    section: str
    """items or answers."""
    key: str
    when: datetime | date
    who: str
    """Who made it ('' when unknown: a changed: stamp does not say)."""
    status: str | None
    """An item's new status (None for an answer, or an item whose entry was removed)."""
    fields: tuple[str, ...]
    """What changed: status, owner, due, note (an item) or text (an answer)."""


def latest_changes(
    project_dir: Path, status: TeamStatus, time_zone: str | None = None
) -> tuple[Change, ...]:
    """The newest changes first: from git when the project's history is there, else from
    the ``changed:`` stamps of ``status``. Times are given in ``time_zone`` (the site's),
    else as each commit or stamp recorded them (a stamp without a zone is UTC)."""
    from_git = git_changes(project_dir)
    changes = stamped_changes(status) if from_git is None else from_git
    zone = ZoneInfo(time_zone) if time_zone else None
    return tuple(
        replace(change, when=moment(change.when).astimezone(zone))
        if zone and isinstance(change.when, datetime)
        else change
        for change in changes[:MAX_CHANGES]
    )


def stamped_changes(status: TeamStatus) -> tuple[Change, ...]:
    """Every entry with a ``changed:`` stamp, newest first (ties: file order)."""
    found: list[Change] = []
    for key, entry in status.items.items():
        if entry.changed is not None:
            found.append(Change("items", key, entry.changed, "", entry.status, ("status",)))
    for key, answer in status.answers.items():
        if answer.changed is not None:
            found.append(Change("answers", key, answer.changed, "", None, ("text",)))
    return tuple(sorted(found, key=lambda change: moment(change.when), reverse=True))


def git_changes(project_dir: Path) -> tuple[Change, ...] | None:
    """The changes in the latest commits of the status file, newest first; None when the
    build has no usable history (not a git checkout, a shallow clone, no git, no commit)."""
    try:
        if _git(project_dir, "rev-parse", "--is-shallow-repository").strip() != "false":
            return None
        log = _git(
            project_dir,
            "log",
            "-z",  # commits end in NUL, which no name or message can hold
            f"-n{MAX_COMMITS + 1}",
            "--no-textconv",
            f"--format=%H{_SEPARATOR}%aI{_SEPARATOR}%an{_SEPARATOR}"
            "%(trailers:key=Co-authored-by,valueonly,separator=%x1f)",
            "--",
            STATUS_FILE,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parsed = [_commit(record) for record in log.split("\0") if record.strip()]
    commits = [commit for commit in parsed if commit is not None]
    if not commits:
        return None
    # One more commit than shown, so the oldest shown has its "before"; without it, the
    # oldest commit is the file's first, compared with nothing.
    complete = len(commits) <= MAX_COMMITS
    shown = commits[:MAX_COMMITS]
    versions = _blobs(project_dir, [c[0] for c in commits])
    if versions is None:
        return None
    changes: list[Change] = []
    for index, (sha, when, who) in enumerate(shown):
        after = versions.get(sha)
        if index + 1 < len(commits):
            before = versions.get(commits[index + 1][0])
        else:
            before = TeamStatus.empty() if complete else None
        if after is None or before is None:
            continue  # a version that does not load is no evidence of a change
        changes += _diff(before, after, when, who)
    return tuple(changes)


def _commit(record: str) -> tuple[str, datetime, str] | None:
    parts = record.strip("\n").split(_SEPARATOR)
    if len(parts) < 3 or not re.fullmatch(r"[0-9a-f]{40,64}", parts[0]):
        return None
    try:
        when = datetime.fromisoformat(parts[1])
    except ValueError:
        return None
    co_authors = [_name(value) for value in parts[3:] if value.strip()]
    names = [name for name in co_authors if name] or [_name(parts[2])]
    return parts[0], when, ", ".join(names)[:MAX_NAME_CHARS]


def _name(trailer: str) -> str:
    match = _CO_AUTHOR.match(trailer.replace("\n", " "))
    name = match.group("name") if match else ""
    return "".join(ch for ch in name if ch.isprintable())[:MAX_NAME_CHARS].strip()


def _blobs(project_dir: Path, shas: list[str]) -> dict[str, TeamStatus | None] | None:
    """Each commit's version of the status file, loaded; None for one that does not."""
    request = "".join(f"{sha}:./{STATUS_FILE}\n" for sha in shas).encode()
    try:
        result = subprocess.run(
            ["git", "-C", str(project_dir), "cat-file", "--batch"],
            input=request,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    output = result.stdout
    versions: dict[str, TeamStatus | None] = {}
    position = 0
    for sha in shas:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            versions[sha] = None  # "missing": the file did not exist in that commit's folder
            continue
        size = int(header[2])
        blob = output[position : position + size]
        position += size + 1
        versions[sha] = _load(blob) if size <= MAX_BLOB_BYTES else None
    return versions


def _load(blob: bytes) -> TeamStatus | None:
    try:
        text = blob.decode("utf-8-sig")
        if not text.strip() or all(
            not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
        ):
            return TeamStatus.empty()
        return validate_status(parse_yaml(text, STATUS_FILE))
    except (UnicodeDecodeError, ContentError):
        return None


def _diff(before: TeamStatus, after: TeamStatus, when: datetime, who: str) -> list[Change]:
    """The entries ``after`` adds or changes (a removed entry is not a change to show)."""
    changes = []
    for section in ("items", "answers"):
        old, new = getattr(before, section), getattr(after, section)
        for key, entry in new.items():
            previous = old.get(key)
            fields = tuple(
                name
                for name in _FIELD_ORDER[section]
                if (getattr(previous, name) if previous else None) != getattr(entry, name)
            )
            if fields:
                status = entry.status if section == "items" else None
                changes.append(Change(section, key, when, who, status, fields))
    return changes


def _git(project_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=_GIT_TIMEOUT,
        check=True,
    ).stdout
