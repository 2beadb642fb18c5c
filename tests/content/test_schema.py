"""The committed JSON Schema matches the model, and content.yaml points editors at it."""

from __future__ import annotations

import json
import subprocess

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


def _patterns(node) -> list[str]:
    """Every regular expression in a JSON Schema: `pattern` values and `patternProperties` keys."""
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.append(node["pattern"])
        found += list(node.get("patternProperties", {}))
        for value in node.values():
            found += _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found += _patterns(value)
    return found


def test_every_schema_regex_is_valid_ecma_262_in_unicode_mode():
    # JSON Schema patterns are ECMA-262 regular expressions, and strict validators (ajv
    # with unicode regexps, the YAML language server) compile them with the "u" flag,
    # where an identity escape such as \" is a syntax error (issue #27).
    from generator.content.loader import load_content
    from generator.team.schema import status_schema

    schemas = {
        "content": content_schema(),
        "overlay": content_schema(overlay=True),
        "progress": status_schema(),
        "progress of the default playbook": status_schema(load_content(REPO / "content.yaml")),
    }
    patterns = sorted({p for text in schemas.values() for p in _patterns(json.loads(text))})
    assert len(patterns) >= 8, patterns
    script = (
        "const bad = [];"
        "for (const p of JSON.parse(require('fs').readFileSync(0, 'utf8'))) {"
        "  try { new RegExp(p, 'u'); } catch (e) { bad.push(p + ': ' + e.message); }"
        "}"
        "console.log(JSON.stringify(bad));"
    )
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps(patterns),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
