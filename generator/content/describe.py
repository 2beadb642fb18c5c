"""How error messages show a value the author wrote: its kind, and a short form of it.

Shared by the content's messages and the status file's (generator/team), so both read alike.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic.fields import FieldInfo


def kind_of(value: Any) -> str:
    """What kind of YAML value ``value`` is, as a message names it ("a list", "null")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text" if isinstance(value, str) else type(value).__name__


def brief(value: Any, *, quote: bool = True, limit: int = 60) -> str:
    """A value as a message may show it: never more than ``limit`` characters.

    Messages echo what the author wrote, but content is untrusted: an alias bomb made one
    message 580 MB long (issue #11).
    """
    shown = repr(value) if quote else str(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class Rule:
    """An author's words for one constrained type, kept beside the constraint in the type's
    ``Annotated`` metadata: the loaders read it from the model (``explain``), so the model
    stays the one place that says what a value may be, and how to put it right.

    Example: ``Annotated[str, StringConstraints(pattern=...), Rule("id", form=..., hint=...)]``.
    """

    noun: str = "text"
    """What the value is, in messages: 'the id is 70 characters long'."""
    form: str = ""
    """The message when the value does not match the pattern; ``{value}`` is the value."""
    hint: str = ""
    """How to fix that."""
    shorten: str = ""
    """How to fix a value over the length limit (default: 'shorten the <noun>')."""


@dataclass(frozen=True)
class Constraints:
    """What the model declares for one field: the metadata of its type, its Literal choices."""

    metadata: tuple[Any, ...] = ()
    choices: tuple[Any, ...] = ()
    description: str = ""

    @property
    def rule(self) -> Rule:
        return next((item for item in self.metadata if isinstance(item, Rule)), Rule())

    def bound(self, name: str) -> Any:
        """A numeric bound the type declares ('ge', 'le', 'gt', 'lt'), or None."""
        return next((getattr(m, name) for m in self.metadata if hasattr(m, name)), None)


def constraints_of(field: FieldInfo | None) -> Constraints:
    """Everything the model declares about ``field``, through Optional, list and Annotated."""
    if field is None:
        return Constraints()
    metadata: list[Any] = []
    choices: list[Any] = []
    pending: list[Any] = [*field.metadata, field.annotation]
    while pending:
        item = pending.pop(0)
        if isinstance(item, FieldInfo):
            pending.extend(item.metadata)
        elif typing.get_origin(item) is Annotated:
            pending.extend(item.__metadata__)
            pending.append(typing.get_args(item)[0])
        elif typing.get_origin(item) is Literal:
            choices.extend(typing.get_args(item))
        elif typing.get_args(item):  # Optional, Union, list: look inside
            pending.extend(typing.get_args(item))
        elif not isinstance(item, type):
            metadata.append(item)
    return Constraints(tuple(metadata), tuple(choices), field.description or "")


def explain(error: dict[str, Any], field: Any, declared: Constraints) -> tuple[str, str] | None:
    """A message and a hint for a pydantic error about a declared constraint (a length, a
    range, a pattern, a choice), worded from the constraint (the error's ``ctx``) and the
    type's Rule; None for any other error. A new constraint in the model gets its message
    here without a line of code."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    rule = declared.rule
    if kind == "missing":
        choices = ", ".join(map(str, declared.choices))
        return f"missing required field '{field}'", (
            f"add '{field}:' ({choices})" if choices else f"add '{field}:' to this entry"
        )
    if kind == "string_too_long" and isinstance(value, str):
        return (
            f"the {rule.noun} is {len(value):,} characters long; "
            f"the limit is {ctx.get('max_length', 0):,}",
            rule.shorten or f"shorten the {rule.noun}",
        )
    if kind == "string_too_short":
        return f"the {rule.noun} is empty", f"write the {rule.noun}, or remove the key"
    if kind == "too_short" and isinstance(value, list):
        least = ctx.get("min_length", 1)
        if least == 1:
            return f"'{field}' is empty", f"add at least one entry to '{field}'"
        return f"'{field}' needs at least {least} entries", f"add entries to '{field}'"
    if kind == "string_pattern_mismatch":
        if rule.form:
            return rule.form.format(value=brief(value)), rule.hint
        return (
            f"{brief(value)} does not have the form this {rule.noun} needs",
            f"write it to match the pattern {ctx.get('pattern', '')}",
        )
    if kind == "literal_error":
        allowed = [str(choice) for choice in declared.choices]
        listed = f"use one of: {', '.join(allowed)}"
        close = difflib.get_close_matches(str(value).lower().replace(" ", "-"), allowed, n=1)
        what = "allowed here" if rule.noun == "text" else _a(rule.noun)
        return f"{brief(value)} is not {what}", (
            f"did you mean '{close[0]}'? ({listed})" if close else listed
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low = declared.bound("ge") if declared.bound("ge") is not None else declared.bound("gt")
        high = declared.bound("le") if declared.bound("le") is not None else declared.bound("lt")
        span = f"from {low} to {high}" if None not in (low, high) else str(ctx).strip("{}")
        return f"{brief(value)} is out of range", f"use a number {span}"
    return None


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"
