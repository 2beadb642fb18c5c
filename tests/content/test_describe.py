"""Constraint errors are worded from the model: a new constraint brings its own message."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from generator.content.describe import Rule, constraints_of, explain


class _New(BaseModel):
    """A model no message was ever written for: every constraint kind, with and without a Rule."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "ABC"
    word: Annotated[str, StringConstraints(min_length=1, max_length=5)] = "ord"
    colour: Annotated[
        str,
        StringConstraints(pattern=r"^#[0-9a-f]{6}$"),
        Rule("colour", form="{value} is no colour", hint="write e.g. #1a7f64"),
    ] = "#000000"
    size: Annotated[int, Field(ge=1, le=12)] = 1
    kind: Annotated[Literal["tall", "short"], Rule("kind")] = "tall"
    mood: Literal["glad", "sad"] = "glad"
    tags: list[str] = Field(default=["a"], min_length=2)
    needed: str


CASES = {
    "pattern, no Rule": (
        {"code": "abc"},
        "'abc' does not have the form this text needs",
        "write it to match the pattern ^[A-Z]{3}$",
    ),
    "pattern with a Rule": ({"colour": "red"}, "'red' is no colour", "write e.g. #1a7f64"),
    "too long": (
        {"word": "ordenen"},
        "the text is 7 characters long; the limit is 5",
        "shorten the text",
    ),
    "too short": ({"word": ""}, "the text is empty", "write the text, or remove the key"),
    "above the range": ({"size": 13}, "13 is out of range", "use a number from 1 to 12"),
    "below the range": ({"size": 0}, "0 is out of range", "use a number from 1 to 12"),
    "a choice with a noun, one typo away": (
        {"kind": "Tal"},
        "'Tal' is not a kind",
        "did you mean 'tall'? (use one of: tall, short)",
    ),
    "a choice without a noun": ({"mood": "ö"}, "'ö' is not allowed here", "use one of: glad, sad"),
    "a list one entry short": (
        {"tags": ["x"]},
        "'tags' needs at least 2 entries",
        "add entries to 'tags'",
    ),
}


@pytest.mark.parametrize("data, message, hint", list(CASES.values()), ids=list(CASES))
def test_each_constraint_kind_is_worded_from_the_constraint(data, message, hint):
    with pytest.raises(ValidationError) as caught:
        _New.model_validate({"needed": "x", **data})
    (error,) = caught.value.errors()
    field = error["loc"][0]
    assert explain(error, field, constraints_of(_New.model_fields[field])) == (message, hint)


def test_a_missing_field_names_its_choices_when_the_model_has_them():
    with pytest.raises(ValidationError) as caught:
        _New.model_validate({})
    (error,) = caught.value.errors()
    assert explain(error, "needed", constraints_of(_New.model_fields["needed"])) == (
        "missing required field 'needed'",
        "add 'needed:' to this entry",
    )
    kind = constraints_of(_New.model_fields["kind"])
    assert explain({**error, "loc": ("kind",)}, "kind", kind) == (
        "missing required field 'kind'",
        "add 'kind:' (tall, short)",
    )


def test_a_type_error_is_left_to_the_loaders_sentences():
    with pytest.raises(ValidationError) as caught:
        _New.model_validate({"needed": "x", "size": "stor"})
    (error,) = caught.value.errors()
    assert explain(error, "size", constraints_of(_New.model_fields["size"])) is None
