"""Load content.yaml into a validated Playbook, or report every problem at once.

Flow: read and parse (``source``) -> validate types with pydantic (this module)
-> cross-checks such as unique ids (``checks``). Every problem becomes an Issue
with file, line, column, content path and a hint.
"""

from __future__ import annotations

import difflib
import typing
import zoneinfo
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator.content.checks import check_ids, check_playbook
from generator.content.describe import brief, constraints_of, explain, kind_of
from generator.content.model import (
    ID_PATTERN,
    LANGUAGE_CODES,
    MATERIAL_COLORS,
    Playbook,
    guess_default_language,
)
from generator.content.overlay import load_with_extends
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.errors import ContentError, Issue
from generator.languages import language_problem

__all__ = ["load_content", "load_parsed", "validate_data"]


def load_content(path: Path, *, display_name: str | None = None) -> Playbook:
    """Load and validate a content file. Raises ContentError listing every problem."""
    return load_parsed(path, display_name=display_name)[0]


def load_parsed(
    path: Path, *, display_name: str | None = None, cache: bool = False
) -> tuple[Playbook, ParsedFile]:
    """Like load_content, but also return the parsed (and, with extends, merged) data.

    ``cache``: use and fill the user's parse cache (content/parse_cache.py).
    """
    parsed = load_with_extends(path, display_name=display_name, cache=cache).merged
    return validate_data(parsed), parsed


def validate_data(parsed: ParsedFile) -> Playbook:
    """Validate parsed YAML against the model, then run the cross-checks."""
    data = parsed.data
    context = {"default_language": guess_default_language(data)}
    issues = check_ids(parsed)
    try:
        playbook = Playbook.model_validate(data, context=context)
    except ValidationError as error:
        issues += [_issue_from_pydantic(e, parsed) for e in error.errors()]
        raise ContentError(_unique(issues)) from None
    issues += check_playbook(playbook, parsed)
    if issues:
        raise ContentError(_unique(issues))
    return playbook


def _unique(issues: list[Issue]) -> list[Issue]:
    return list(dict.fromkeys(issues))


def _issue_from_pydantic(error: Any, parsed: ParsedFile) -> Issue:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "invalid_key" and value is False:
        loc = loc[:-1] + (False,)  # pydantic reports the key `no:` (False) as 0
    if kind == "missing":
        near_miss = _near_miss(loc[:-1], parsed)
        if near_miss is not None:
            return near_miss
    path_text = format_path(loc, parsed.data)
    # A key the message is about (unknown, or not text) is shown where the key is written.
    file, line, column = parsed.source.locate(loc, key=kind in ("extra_forbidden", "invalid_key"))
    if kind == "extra_forbidden" and _in_overlay(loc, parsed, file):
        message, hint = _unknown_key(loc, extra=_PLACEMENT_KEYS)
    else:
        message, hint = _describe(kind, loc, value, error)
    return Issue(file, line, column, path_text, message, hint)


_PLACEMENT_KEYS = ("after", "before", "remove")
"""Keys an item with an id may have in an overlay (the merge reads and removes them)."""


def _in_overlay(loc: tuple, parsed: ParsedFile, file: str) -> bool:
    """Whether the key at ``loc`` is written in an overlay, inside an item with an id."""
    model = _model_at(loc[:-1])
    return (
        parsed.source.layered
        and file == parsed.source.file
        and model is not None
        and "id" in model.model_fields
    )


def _near_miss(loc: tuple, parsed: ParsedFile) -> Issue | None:
    """One issue for a new overlay item lacking fields, when its id is one edit from a base id:
    most likely a typo for that id (issue #12), not a new item."""
    item = _value_at(parsed.data, loc)
    suggestion = parsed.suggestions.get(loc) if isinstance(item, dict) else None
    model = _model_at(loc)
    if suggestion is None or model is None:
        return None
    missing = [
        name for name, info in model.model_fields.items() if info.is_required() and name not in item
    ]
    what = model.__name__.lower()
    file, line, column = parsed.source.locate(loc + ("id",))
    fields = " and ".join(f"'{name}'" for name in missing)
    return Issue(
        file,
        line,
        column,
        format_path(loc, parsed.data),
        f"the base has no {what} '{item['id']}', so this is a new {what}, which needs {fields}",
        f"did you mean '{suggestion}'?",
    )


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _describe(kind: str, loc: tuple, value: Any, error: dict[str, Any]) -> tuple[str, str]:
    """A message and a hint for one pydantic error, in the words a YAML author uses.

    A broken constraint (length, range, pattern, choice) is worded from the model itself
    (describe.explain); what is left here are the cases that need a sentence of their own.
    """
    field = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if field in ("primary", "accent") and len(loc) == 3 and loc[:2] == ("site", "branding"):
        return _colour(value)  # did you mean one of Material's colours, or a hex in quotes
    if kind == "invalid_key":
        if value is False:
            return _unknown_key(loc)
        return f"the key {field!r} is not text", "write keys as words, e.g. name:"
    if field in ("code", "language") and kind == "string_type" and value is False:
        return _unknown_language(value)
    if kind == "string_type" or kind in ("model_type", "dict_type") and _is_text(loc):
        return _not_text(value)  # a number, a null or a list where text belongs
    if kind == "model_type":
        return f"expected a mapping (key: value), got {kind_of(value)}", _mapping_hint(value)
    if kind == "list_type":
        return (
            f"expected a list, got {kind_of(value)}",
            "write each entry on its own line after '- '",
        )
    if field == "time_zone" and loc[:1] == ("site",):
        return _time_zone(value)
    if kind == "value_error" and field in ("code", "language") and isinstance(value, str):
        problem = language_problem(value)
        if problem:
            return problem
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {brief(value)}", "write true or false"
    explained = explain(error, _name_of(loc), constraints_of(_field_at(loc)))
    if explained is None:
        return error["msg"], "run 'playbook schema' to see what each field allows"
    message, hint = explained
    if kind == "string_pattern_mismatch" and message.startswith("invalid id"):
        hint = f"try '{_suggest_id(value)}'; {hint}"  # the id the text most likely meant
    return message, hint


def _name_of(loc: tuple) -> Any:
    """The key a message names: a list's, for one of its items."""
    names = [part for part in loc if not isinstance(part, int)]
    return names[-1] if names else ""


def _field_at(loc: tuple) -> FieldInfo | None:
    """The model field that declares the value at ``loc`` (a list's, for one of its items)."""
    names = [i for i, part in enumerate(loc) if not isinstance(part, int)]
    if not names:
        return None
    model = _model_at(loc[: names[-1]])
    return model.model_fields.get(loc[names[-1]]) if model is not None else None


def _time_zone(value: Any) -> tuple[str, str]:
    names = [name for name in zoneinfo.available_timezones() if "/" in name]
    close = difflib.get_close_matches(str(value), names, n=1, cutoff=0.8)
    hint = "write an IANA time zone name, e.g. Europe/Stockholm, Europe/Oslo or UTC"
    return f"unknown time zone {brief(value)}", (f"did you mean '{close[0]}'?" if close else hint)


def _colour(value: Any) -> tuple[str, str]:
    if value is None:
        return (
            "the colour is empty",
            "a hex colour needs quotes, or YAML reads '#' as a comment: primary: \"#1a7f64\"",
        )
    close = difflib.get_close_matches(str(value), MATERIAL_COLORS, n=1)
    if close:
        return (
            f"unknown colour {brief(value)}",
            f"did you mean '{close[0]}'? Or a hex colour in quotes, e.g. \"#1a7f64\"",
        )
    return (
        f"unknown colour {brief(value)}",
        'use a hex colour in quotes (e.g. "#1a7f64") or one of '
        f"Material's: {', '.join(MATERIAL_COLORS)}",
    )


def _is_text(loc: tuple) -> bool:
    if not loc:
        return False
    model = _model_at(loc[:-1])
    if model is None or not isinstance(loc[-1], str):
        return False
    annotation = model.model_fields.get(loc[-1])
    return annotation is not None and "Translations" in str(annotation.annotation)


def _not_text(value: Any) -> tuple[str, str]:
    if value is None:
        return "the text is empty (null)", "write the text after the colon, or remove the key"
    if isinstance(value, (int, float, bool)):
        return (
            f"expected text, got the {kind_of(value)} {brief(value)}",
            f'put it in quotes to make it text, e.g. "{brief(value, quote=False)}"',
        )
    return (
        f"expected text or a map of languages ({', '.join(LANGUAGE_CODES)}), got {kind_of(value)}",
        "write a string, or a mapping such as {sv: ..., nb: ..., en: ...}",
    )


def _unknown_key(loc: tuple, extra: tuple[str, ...] = ()) -> tuple[str, str]:
    key = loc[-1]
    if key is False or key == "False" or key == "no":
        return (
            "the key 'no:' is read by YAML as false",
            "Norwegian Bokmål is 'nb': write nb: instead of no:",
        )
    model = _model_at(loc[:-1])
    allowed = [*(model.model_fields if model else []), *extra]
    message = f"unknown key '{key}'"
    if key in extra:
        # A placement key the merge did not use: the item's list has no base to place in.
        return (
            f"'{key}' places an item among its base's items, but this list has none: "
            "the item above it is new to this overlay",
            "check the id of the stage or journey this item belongs to; if it is meant to be "
            f"new, delete '{key}' here",
        )
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        return message, f"did you mean '{close[0]}'?"
    if model is not None and model.__name__ == "Translations":
        return f"unknown language '{key}'", f"use one of: {', '.join(LANGUAGE_CODES)}"
    return message, f"allowed keys here: {', '.join(allowed)}" if allowed else "remove it"


def _unknown_language(value: Any) -> tuple[str, str]:
    return (
        "'no' is read by YAML as false",
        "Norwegian Bokmål is 'nb' and Nynorsk 'nn': write code: nb",
    )


def _mapping_hint(value: Any) -> str:
    if isinstance(value, list):
        return "remove the '- ' in front: this entry is a mapping, not a list"
    return "write the fields as 'key: value' lines indented under this key"


def _suggest_id(value: Any) -> str:
    import re
    import unicodedata

    # æ and ø do not decompose, so NFKD alone would drop them ('størrelse' -> 'strrelse').
    text = str(value).translate(_NORDIC)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text if text and re.match(ID_PATTERN, text) else "my-id"


_NORDIC = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "å": "a",
        "Å": "A",
        "ä": "a",
        "Ä": "A",
        "ö": "o",
        "Ö": "O",
    }
)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (None if not a model)."""
    current: Any = Playbook
    for part in loc:
        if isinstance(part, int):
            continue  # list index: the item type was already unwrapped
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field_info = current.model_fields.get(part)
        if field_info is None:
            return None
        current = _unwrap(field_info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, list and Annotated down to the model class, if any."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = [
            a for a in typing.get_args(arg) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if inner:
            return inner[0]
    return annotation
