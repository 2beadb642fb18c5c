"""Which of a reader's changes (sharing format version 2) progress.yaml takes, field by field.

A change applies while the file's value is still the one it was made from: its base
(generator/team/changes.py ``base_version``) equals the base of the file's value now. So two
people who change one value from the same starting point conflict in either order, whatever
their clocks say: the first one applies, and the second was made from a value the file no
longer has. A change whose value the file already has is "unchanged", never a conflict.

A conflict writes nothing for its item or answer until someone says which to keep, per key
or for all (``playbook progress import --keep``): ``mine`` keeps the file's value (the
receiving side), ``theirs`` takes the import's, and ``both`` keeps both texts (an owner,
a note, an answer; a status or a due date has one value). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from generator.errors import GeneratorError
from generator.team.changes import UNKNOWN_BASE, Change, base_version, field_value
from generator.team.model import MAX_ANSWER_CHARS, MAX_NOTE_CHARS, MAX_OWNER_CHARS, TeamStatus

CHOICES = ("mine", "theirs", "both")
NOT_STARTED = "not-started"

_JOINED = {"owner": ", ", "note": "\n\n", "text": "\n\n"}
"""How ``both`` joins two texts of a field; a status or a due date cannot hold two values."""
_LIMITS = {"owner": MAX_OWNER_CHARS, "note": MAX_NOTE_CHARS, "text": MAX_ANSWER_CHARS}
_SELECTOR = re.compile(r"^(?:(?P<key>[^=.]+)(?:\.(?P<field>[a-z]+))?=)?(?P<choice>[a-z]+)$")


@dataclass(frozen=True)
class Keep:
    """What to keep in a conflict: for all (``theirs``), per key (``j/s/i=both``) or per
    field of a key (``j/s/i.status=mine``); the most precise one that matches wins."""

    rules: tuple[tuple[str, str, str], ...] = ()
    """(key or '', field or '', choice)."""

    @classmethod
    def parse(cls, given: Iterable[str]) -> Keep:
        rules = []
        for text in given:
            match = _SELECTOR.match(text.strip())
            if not match or match["choice"] not in CHOICES:
                raise GeneratorError(
                    f"--keep {text!r}: write mine, theirs or both, for all conflicts, or "
                    "KEY=CHOICE for one item or answer (KEY.FIELD=CHOICE for one field)"
                )
            rules.append((match["key"] or "", match["field"] or "", match["choice"]))
        return cls(tuple(rules))

    def choice(self, key: str, name: str) -> str | None:
        for wanted in ((key, name), (key, ""), ("", "")):
            for rule_key, rule_field, choice in self.rules:
                if (rule_key, rule_field) == wanted:
                    return choice
        return None

    def keys(self) -> set[str]:
        return {key for key, _, _ in self.rules if key}


@dataclass(frozen=True)
class Conflict:
    """A change made from a value the file no longer has, and the file's value now."""

    change: Change
    current: str | None


@dataclass(frozen=True)
class Write:
    """What the file gets for one entry: values to set (dates and times as text), fields to
    remove, and whether the entry is new."""

    section: str
    key: str
    values: dict[str, str]
    cleared: tuple[str, ...] = ()
    new: bool = False


@dataclass
class Plan:
    writes: list[Write] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    """Not resolved: nothing is written for their keys."""
    resolved: list[tuple[Conflict, str]] = field(default_factory=list)


def effective(name: str, value: str | None) -> str | None:
    """A value as it counts: an item without a status is not started."""
    return NOT_STARTED if name == "status" and value is None else value


def verdict(change: Change, status: TeamStatus) -> str:
    """'same' (the file has it), 'apply' (made from the file's value) or 'conflict'."""
    current = field_value(status, change.section, change.key, change.field)
    if effective(change.field, current) == effective(change.field, change.to):
        return "same"
    if change.base == base_version(current):
        return "apply"
    if change.base == UNKNOWN_BASE and current is None:
        return "apply"  # made before changes carried a base, onto nothing: nothing is lost
    return "conflict"


def plan(changes: list[Change], status: TeamStatus, keep: Keep) -> Plan:
    """What the file takes of ``changes``, entry by entry, in the order they came."""
    result = Plan()
    grouped: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        grouped.setdefault((change.section, change.key), []).append(change)
    for (section, key), entry_changes in grouped.items():
        values: dict[str, str] = {}
        cleared: list[str] = []
        times: list[datetime] = []
        held: list[Conflict] = []
        for change in entry_changes:
            found = verdict(change, status)
            if found == "same":
                continue
            to = change.to
            if found == "conflict":
                conflict = Conflict(change, field_value(status, section, key, change.field))
                choice = keep.choice(key, change.field)
                if choice is None:
                    held.append(conflict)
                    continue
                result.resolved.append((conflict, choice))
                if choice == "mine":
                    continue
                if choice == "both":
                    to = _both(conflict)
            times.append(change.at)
            if to is None:
                cleared.append(change.field)
            else:
                values[change.field] = to
        if held:
            result.conflicts.extend(held)  # nothing for this key until someone chooses
            continue
        if not values and not cleared:
            result.unchanged.append(key)
            continue
        result.writes.append(_write(section, key, values, cleared, times, status))
    return result


def _write(
    section: str,
    key: str,
    values: dict[str, str],
    cleared: list[str],
    times: list[datetime],
    status: TeamStatus,
) -> Write:
    entry = getattr(status, section).get(key)
    new = entry is None
    if section == "items" and new and "status" not in values:
        values = {"status": NOT_STARTED, **values}  # an entry needs a status
    values["changed"] = _stamp(max(times))
    return Write(section, key, values, tuple(name for name in cleared if not new), new)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _both(conflict: Conflict) -> str | None:
    change = conflict.change
    if change.field not in _JOINED:
        raise GeneratorError(
            f"--keep both: {change.key}'s {change.field} has one value; keep mine or theirs "
            f"(--keep {change.key}.{change.field}=mine or =theirs)"
        )
    texts = [text for text in (conflict.current, change.to) if text]
    joined = _JOINED[change.field].join(texts) if texts else None
    if joined is not None and len(joined) > _LIMITS[change.field]:
        raise GeneratorError(
            f"--keep both: {change.key}'s {change.field} would be {len(joined):,} characters "
            f"long, over the limit of {_LIMITS[change.field]:,}; keep mine or theirs and edit it"
        )
    return joined
