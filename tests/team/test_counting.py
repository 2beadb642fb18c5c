"""How one item counts and how a scope sums (generator/team/counting.py), checked against the
table the page script is checked against too (tests/fixtures/counting-cases.json,
tests/js/counting.test.js): the one rule cannot differ between the site and the command."""

from __future__ import annotations

import json

import pytest

from generator.team.counting import Tally, counts_as, layered, tally
from tests.conftest import FIXTURES

CASES = json.loads((FIXTURES / "counting-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", CASES["items"], ids=[row["case"] for row in CASES["items"]])
def test_one_item_counts_as_the_shared_table_says(row):
    status = layered(row["team"], row["own"])
    assert status == row["status"]
    assert counts_as(status) == Tally(row["done"], row["applicable"])


@pytest.mark.parametrize("row", CASES["scopes"], ids=[row["case"] for row in CASES["scopes"]])
def test_a_scope_sums_as_the_shared_table_says(row):
    # Python never sees a reader's ticks on a scope; they go on top of the team's status.
    states = {key: layered(row["team"].get(key), row["own"].get(key)) for key in row["keys"]}
    counted = tally(row["keys"], states)
    assert counted == Tally(row["done"], row["applicable"])
    assert counted.complete is row["complete"]
