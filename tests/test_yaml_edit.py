"""Round-trip YAML editing: values are written plain where YAML reads them back unchanged."""

from __future__ import annotations

import io

import pytest
import yaml
from ruamel.yaml.comments import CommentedMap

from generator.yaml_edit import block_text_scalar, date_scalar, round_trip_yaml


def dumped(**values) -> str:
    stream = io.StringIO()
    round_trip_yaml().dump(CommentedMap(values), stream)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2026-12-15", "x: 2026-12-15\n"),
        ("2026-12-15T10:00:00Z", "x: 2026-12-15T10:00:00Z\n"),
        ("2026-12-15 10:00:00+01:00", "x: 2026-12-15 10:00:00+01:00\n"),
        ("2026-12-15T10:00", 'x: "2026-12-15T10:00"\n'),  # not a YAML timestamp: text
    ],
)
def test_dates_are_written_as_they_came(value, written):
    assert dumped(x=date_scalar(value)) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Åsa, Øystein och PM", "x: Åsa, Øystein och PM\n"),
        ("yes", 'x: "yes"\n'),
        ("010", 'x: "010"\n'),
        ("- a list?", 'x: "- a list?"\n'),
        ("a: b", 'x: "a: b"\n'),
        ("a # b", 'x: "a # b"\n'),
        ("rad ett\nrad två\n", "x: |\n  rad ett\n  rad två\n"),
    ],
)
def test_text_is_plain_only_where_yaml_reads_it_back_the_same(value, written):
    text = dumped(x=block_text_scalar(value))
    assert text == written
    assert yaml.safe_load(text) == {"x": value}


def test_text_inside_braces_is_quoted_where_a_comma_would_end_it():
    document = round_trip_yaml().load("e: {status: done}\n")
    document["e"]["note"] = block_text_scalar("a, b", flow=True)
    stream = io.StringIO()
    round_trip_yaml().dump(document, stream)
    assert stream.getvalue() == 'e: {status: done, note: "a, b"}\n'


@pytest.mark.parametrize(
    "value", ["Kan jeg identificere mig med dette brand?", "Hvad nu?", "Svar:"]
)
def test_text_inside_braces_reads_the_same_with_pure_python_pyyaml(value):
    # Pure-Python PyYAML ends a plain value inside {…} at a '?' where libyaml reads on: the
    # imported Danish question made content.yaml unreadable to it (issue #28).
    document = round_trip_yaml().load("x: {sv: Kan jag}\n")
    document["x"]["da"] = block_text_scalar(value, flow=True)
    stream = io.StringIO()
    round_trip_yaml().dump(document, stream)
    assert yaml.load(stream.getvalue(), Loader=yaml.SafeLoader) == {
        "x": {"sv": "Kan jag", "da": value}
    }
