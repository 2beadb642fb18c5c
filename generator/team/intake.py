"""Changes sent from the site as a GitHub issue: read the event, check the sender, find the
snippet (issue #25, point 2).

The site's "Send to the team" button opens GitHub's new-issue form with a body of one line
of prose and ONE fenced code block whose first line is ``MARKER``, followed by what
``playbook progress import`` reads. The team-intake workflow hands the event file to
``playbook progress intake``, which uses this module. Everything here is about untrusted
text: the body is anyone's, so it is read from the event file (never through a workflow
expression), capped in size, and accepted only in exactly that shape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "# journey-playbook-changes"
"""The first line of the snippet: how the workflow recognises the site's form (a label is
not enough: GitHub drops a template's label that the repository does not have yet)."""

LABEL = "team-status"
"""The label the workflow adds to every issue it has acted on."""

MAX_BODY_CHARS = 65_536
"""Longest body read as changes: GitHub's own limit for an issue body."""
MAX_EVENT_BYTES = 8 * 1024 * 1024
"""An event file larger than this is not one GitHub wrote for an opened issue."""

WRITE_ROLES = frozenset({"admin", "maintain", "write"})
"""Roles that may change the team's state: those that can push to the repository."""

_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_BACKTICKS = re.compile(r"`+")
_INFO_STRINGS = ("", "yaml", "yml")


class IntakeError(Exception):
    """Raised by read_event for an event file that is not an opened issue; the workflow
    then fails without touching anything."""


class BodyProblem(Exception):
    """Raised by extract_snippet: the body is not the site's form. ``reason`` is one of
    too_large, no_block, two_blocks, fence (each has a text in ui_text: intake_<reason>)."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


@dataclass(frozen=True)
class OpenedIssue:
    """What the intake needs of the issue: its number, its author and its body."""

    number: int
    login: str
    user_id: int
    body: str
    """With CRLF and lone CR made LF, as every later step reads it."""


def read_event(path: Path) -> OpenedIssue:
    """The opened issue of a GitHub ``issues`` event file; IntakeError for anything else."""
    try:
        if path.stat().st_size > MAX_EVENT_BYTES:
            raise IntakeError(f"{path}: the event file is larger than {MAX_EVENT_BYTES} bytes")
        event = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IntakeError(f"{path}: not a readable GitHub event file ({error})") from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or event.get("action") != "opened":
        raise IntakeError(f"{path}: not the event of an opened issue")
    user = issue.get("user")
    number = issue.get("number")
    body = issue.get("body") or ""
    if (
        not isinstance(user, dict)
        or not isinstance(number, int)
        or isinstance(number, bool)
        or number < 1
        or not isinstance(user.get("login"), str)
        or not _LOGIN.match(user["login"])
        or not isinstance(user.get("id"), int)
        or not isinstance(body, str)
    ):
        raise IntakeError(f"{path}: the issue's number, author or body is not as GitHub sends")
    return OpenedIssue(number, user["login"], user["id"], normalise_newlines(body))


def normalise_newlines(text: str) -> str:
    """CRLF (what browsers submit) and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_intake(body: str) -> bool:
    """Whether the body claims to be the site's form: a line that is the marker. Any other
    issue is none of the workflow's business, and gets no comment."""
    return any(line.strip() == MARKER for line in body.split("\n"))


def extract_snippet(body: str) -> str:
    """The text of the one fenced block that starts with the marker, without its fences.

    Refused (BodyProblem) unless the body holds exactly one fenced code block, fenced with
    backticks at the start of a line and closed, its info string empty or yaml, its first
    line the marker, and no run of backticks inside as long as its fence (so where it ends
    is never in doubt). Prose before and after is allowed and ignored.
    """
    if len(body) > MAX_BODY_CHARS:
        raise BodyProblem("too_large", len(body))
    blocks = _fenced_blocks(body.split("\n"))
    if len(blocks) > 1:
        raise BodyProblem("two_blocks")
    if not blocks:
        raise BodyProblem("no_block")
    indent, fence, info, lines, closed = blocks[0]
    if (
        indent
        or not fence.startswith("`")
        or info.strip().lower() not in _INFO_STRINGS
        or not closed
        or not lines
        or lines[0] != MARKER
    ):
        raise BodyProblem("no_block")
    if any(len(run) >= len(fence) for line in lines for run in _BACKTICKS.findall(line)):
        raise BodyProblem("fence")
    return "\n".join(lines) + "\n"


def _fenced_blocks(lines: list[str]) -> list[tuple[str, str, str, list[str], bool]]:
    """(indent, fence, info string, content lines, closed?) of each fenced code block, as
    CommonMark finds them: a block runs to a closing fence of the same character at least
    as long, or to the end of the text."""
    blocks = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            index += 1  # "```a`b" is inline code in a paragraph, not a fence
            continue
        fence = match["fence"]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])), len(lines))
        content = lines[index + 1 : end]
        blocks.append((match["indent"], fence, match["info"], content, end < len(lines)))
        index = end + 1
    return blocks


def may_write(permission_file: Path, login: str) -> bool:
    """Whether GitHub's answer to "the author's permission on this repository" (the REST
    API's collaborators/LOGIN/permission, saved by the workflow) says write, maintain or
    admin. ``author_association`` is not used: it counts organisation members without
    access and read-only collaborators. A missing or unreadable answer is a no."""
    try:
        answer: Any = json.loads(permission_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    if not isinstance(answer, dict):
        return False
    user = answer.get("user")
    if isinstance(user, dict) and str(user.get("login", "")).lower() != login.lower():
        return False  # an answer about someone else
    return answer.get("role_name") in WRITE_ROLES or answer.get("permission") in WRITE_ROLES


def co_author_trailer(issue: OpenedIssue) -> str:
    """The commit trailer that credits the issue's author (GitHub's noreply address)."""
    return f"Co-authored-by: {issue.login} <{issue.user_id}+{issue.login}@users.noreply.github.com>"
