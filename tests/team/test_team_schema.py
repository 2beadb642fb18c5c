"""`playbook schema --progress`: editors check the status file and complete its ids."""

from __future__ import annotations

import json

import jsonschema
import yaml

from generator.team.schema import status_schema
from tests.conftest import FIXTURES, run_cli
from tests.offered import base_in_sv_nb_en
from tests.team.test_team_loader import VALID


def test_the_schema_lists_the_contents_keys_with_their_texts(small_playbook):
    schema = json.loads(status_schema(small_playbook))
    items = schema["properties"]["items"]["properties"]
    assert items["loop/first/say-hello"]["description"] == "Säg hej"
    assert items["short/-/gather-team"]["description"] == "Samla gruppen"
    assert "shared/basics/answer-fast" in items
    answers = schema["properties"]["answers"]["properties"]
    assert answers["loop/first/who-first"]["description"] == "Vem möter kunden först?"
    assert "loop/first/who-first" not in items


def test_a_valid_file_passes_and_mistakes_fail(small_playbook):
    schema = json.loads(status_schema(small_playbook))
    data = yaml.safe_load(VALID)
    # PyYAML reads dates as dates; an editor sees the text, as JSON Schema does.
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, schema)
    for wrong in (
        {"items": {"loop/first/say-helo": {"status": "done"}}},
        {"items": {"loop/first/say-hello": {"status": "finished"}}},
        {"items": {"loop/first/say-hello": {"status": "done", "owner": "x" * 81}}},
        {"answers": {"loop/first/say-hello": {"text": "Hej"}}},
        {"version": 2},
    ):
        assert not jsonschema.Draft202012Validator(schema).is_valid(wrong), wrong


def test_without_content_the_schema_checks_the_shape_of_keys():
    schema = json.loads(status_schema())
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"items": {"any-journey/-/item": {"status": "done"}}})
    assert not validator.is_valid({"items": {"Bad Key": {"status": "done"}}})


def test_the_command_prints_it_for_the_given_content():
    result = run_cli("schema", "--progress", "-c", str(FIXTURES / "small.yaml"))
    assert result.exit_code == 0
    assert "loop/first/say-hello" in json.loads(result.output)["properties"]["items"]["properties"]
    assert run_cli("schema", "--progress", "--overlay").exit_code == 2


def test_a_client_in_a_language_its_base_lacks_sees_each_id_described_as_its_site_shows_it(
    tmp_path,
):
    # A Danish client of a Swedish base without Danish texts: until someone translates, the
    # site shows the English text, and so must the editor's completion (it used to be empty).
    base = base_in_sv_nb_en(tmp_path / "c" / "base")  # inside the project, as bases must be
    made = run_cli(
        "init", str(tmp_path / "c"), "--name", "C", "--languages", "da,en", "--extends", str(base)
    )
    assert made.exit_code == 0, made.output
    result = run_cli("schema", "--progress", "-c", str(tmp_path / "c/content.yaml"))
    assert result.exit_code == 0, result.output
    properties = json.loads(result.output)["properties"]
    item = properties["items"]["properties"]["customer-journey/awareness/known-for"]
    assert item["description"] == "Write down, in one sentence, what you want to be known for."
    answers = properties["answers"]["properties"].values()
    assert all(answer["description"] for answer in answers)


def test_a_danish_client_of_the_default_playbook_sees_the_danish_text(tmp_path):
    made = run_cli("init", str(tmp_path / "c"), "--name", "C", "--languages", "da,en")
    assert made.exit_code == 0, made.output
    result = run_cli("schema", "--progress", "-c", str(tmp_path / "c/content.yaml"))
    item = json.loads(result.output)["properties"]["items"]["properties"][
        "customer-journey/awareness/known-for"
    ]
    assert item["description"] == "Formulér i én sætning, hvad I vil være kendt for."
