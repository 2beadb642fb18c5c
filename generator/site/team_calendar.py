"""The team's due dates as an iCalendar file (RFC 5545), one all-day event per item.

Events, not to-dos: Google and Apple calendars ignore VTODO. Each event's UID is built from
the item's progress key and the site, so importing a newer file updates the events it
imported before instead of adding copies. Lines end in CRLF and are folded at 75 octets
(never inside a UTF-8 character); text values are escaped. Pure: no I/O, no clock (the
stamp is the day the state is judged on).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

from generator.content.model import Playbook
from generator.site.localize import Localizer
from generator.site.team_rows import TeamGroup, state_fields
from generator.site.ui import UI_TEXT

LINE_OCTETS = 75
"""RFC 5545 3.1: a content line is folded so that no line is longer than 75 octets."""

PRODUCT = "-//Journey Playbook//Team due dates//EN"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def calendar(playbook: Playbook, groups: list[TeamGroup], text: Localizer, today: date) -> str:
    """Every item with a due date as an all-day VEVENT on that day.

    A done item's summary starts with ✓ and a not-applicable one is CANCELLED, so a
    calendar shows what is still open; the description says the status in words.
    """
    language = text.language
    site = _site_id(playbook)
    name = f"{text.peek(playbook.site.title)}: {UI_TEXT['calendar_name'][language]}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    stamp = f"{today:%Y%m%d}T000000Z"
    for group in groups:
        for section in group.sections:
            for row in section.rows:
                due = row.state.due
                if due is None:
                    continue
                status = row.state.status
                summary = ("✓ " if status == "done" else "") + row.text
                description = "\n".join(
                    [f"{group.name} › {section.name}", *state_fields(row, language)]
                )
                lines += [
                    "BEGIN:VEVENT",
                    f"UID:{row.key}.{site}@journey-playbook",
                    f"DTSTAMP:{stamp}",
                    f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
                    f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
                    f"SUMMARY:{escape_text(summary)}",
                    f"DESCRIPTION:{escape_text(description)}",
                    f"STATUS:{'CANCELLED' if status == 'not-applicable' else 'CONFIRMED'}",
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line
    break as ``\\n``, other control characters (which TEXT may not hold) left out."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded (RFC 5545 3.1): at most 75 octets a line, each continuation line
    starting with a space; a UTF-8 character is never split."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            parts.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


def _site_id(playbook: Playbook) -> str:
    """A short hash naming the site, so that two playbooks' items with the same key get
    different UIDs: its address when the content has one, else its title."""
    site = playbook.site
    title = site.title.get(playbook.default_language) or ""
    identity = site.url or site.repo_url or title
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:10]
