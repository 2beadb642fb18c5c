"""The team status file (``progress.yaml``): what a team has done, kept in its repository.

The browser keeps one reader's ticks; this file is the team's shared truth, published with
the site (issue #15). It is keyed by the same progress keys as the browser
(``journey/stage/item``, see generator/team/keys.py ``progress_key``), so a browser
export and the file describe the same items. Field docstrings become the JSON Schema
(``playbook schema --progress``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from generator.content.describe import Rule

STATUS_FILE = "progress.yaml"
"""The status file's name, beside the content file. A client project keeps its own: status
belongs to a team, so it never comes from a base playbook through ``extends:``."""

FORMAT_VERSION: Literal[1] = 1
"""The status file's format version; a file of another version is refused."""

ItemState = Annotated[
    Literal["done", "in-progress", "not-applicable", "not-started"], Rule("status")
]
ITEM_STATES: tuple[str, ...] = ("done", "in-progress", "not-applicable", "not-started")
CLOSED_STATES: tuple[str, ...] = ("done", "not-applicable")
"""States in which an item is finished: it can no longer be overdue."""

MAX_OWNER_CHARS = 80
MAX_NOTE_CHARS = 500
MAX_ANSWER_CHARS = 20_000

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/([a-z0-9]+(-[a-z0-9]+)*|-)/[a-z0-9]+(-[a-z0-9]+)*$"
"""A progress key: ``journey/stage/item``, ``journey/-/item`` (a journey's "before you
start" items) or ``shared/checklist/item``."""


def _iso_text(value: Any) -> Any:
    # YAML reads 2026-12-15 as text here (generator/content/source.py keeps dates as text);
    # anything else (a number, 15.12.2026) would be half-guessed by pydantic, so refuse it.
    if isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str):
        raise ValueError("not_a_date")
    return value


Day = Annotated[date, BeforeValidator(_iso_text)]
Moment = Annotated[date | datetime, BeforeValidator(_iso_text)]
Owner = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_OWNER_CHARS),
    Rule("owner", shorten="an initial or a role is enough"),
]
Note = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_NOTE_CHARS),
    Rule("note", shorten="keep the note short; put the detail in an answer"),
]
Answer = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_ANSWER_CHARS),
    Rule(shorten="shorten the answer"),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ItemStatus(_Strict):
    """The team's state of one checklist item."""

    status: ItemState
    """done, in-progress, not-applicable or not-started."""
    owner: Owner | None = None
    """Who is on it, as free text: an initial or a role is enough (the file is published
    with the site)."""
    due: Day | None = None
    """When it should be done, as YYYY-MM-DD. Past this day and not done, it is overdue."""
    note: Note | None = None
    """A short note, plain text (at most 500 characters)."""
    changed: Moment | None = None
    """When the status last changed (YYYY-MM-DD or an ISO date and time). An import does not
    overwrite a change newer than its own."""


class AnswerStatus(_Strict):
    """The team's agreed answer to one workshop prompt."""

    text: Answer
    """The answer, plain text."""
    changed: Moment | None = None
    """When the answer last changed (YYYY-MM-DD or an ISO date and time)."""


class TeamStatus(_Strict):
    """The whole status file: every item's state and every agreed answer."""

    version: Literal[1] = FORMAT_VERSION
    """Format version of this file: 1."""
    items: dict[str, ItemStatus] = Field(default_factory=dict)
    """Checklist items by progress key: journey/stage/item, journey/-/item or
    shared/checklist/item."""
    answers: dict[str, AnswerStatus] = Field(default_factory=dict)
    """Answers by progress key of the prompt: journey/stage/prompt."""

    @classmethod
    def empty(cls) -> TeamStatus:
        """The status of a project without a status file: nothing recorded."""
        return cls()

    def state_of(self, key: str) -> str:
        """The state of the item under ``key``; ``not-started`` when the file has no entry."""
        entry = self.items.get(key)
        return entry.status if entry else "not-started"


def moment(value: date | datetime) -> datetime:
    """A ``changed`` value as an aware datetime, so dates and times compare.

    A date means the start of that day; a time without a zone is read as UTC.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)
