"""The committed JSON Schema matches the model, and content.yaml points editors at it."""

from __future__ import annotations

import json

from generator.project import content_schema
from tests.conftest import REPO


def test_committed_schema_is_up_to_date():
    committed = (REPO / "content.schema.json").read_text(encoding="utf-8")
    assert committed == content_schema(), "content.schema.json is stale: run make schema"


def test_schema_is_strict_and_documented():
    schema = json.loads(content_schema())
    stage = schema["$defs"]["Stage"]
    assert stage["additionalProperties"] is False
    assert stage["properties"]["checklist"]["description"].startswith("Actions for the team")
    assert stage["properties"]["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    text = stage["properties"]["name"]
    assert {"type": "string", "minLength": 1, "maxLength": 20_000} in text["anyOf"]


def test_content_yaml_declares_the_schema_for_editors():
    first_line = (REPO / "content.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./content.schema.json"
