"""`playbook init --languages` for any language with interface text (issue #18)."""

from __future__ import annotations

import pytest

from generator.content.model import LANGUAGE_CODES
from generator.fork.init import render_project
from tests.conftest import run_cli


@pytest.mark.parametrize("languages", ["da,en", "nn,nb", "fi,sv", "de,en"])
def test_init_writes_titles_and_languages_in_any_shipped_language(languages):
    content = render_project("Kunde", "default", languages.split(","), "")["content.yaml"]
    first, second = languages.split(",")
    assert f"- {{code: {first}, default: true}}" in content
    assert f"- {{code: {second}}}" in content
    titles = {"da": "kunderejsen", "nn": "kundereisa", "fi": "asiakaspolku", "de": "Customer"}
    assert titles[first] in content


def test_every_ui_language_can_be_a_client_default():
    for code in LANGUAGE_CODES:
        assert (
            f"{{code: {code}, default: true}}"
            in render_project("K", "default", [code, "en"], "")["content.yaml"]
        )


def test_a_language_material_knows_but_we_have_no_text_for_names_ours(tmp_path):
    result = run_cli("init", str(tmp_path / "x"), "--name", "X", "--languages", "fr,en")
    assert result.exit_code == 1, result.output
    assert "no interface text for 'fr'" in result.output
    assert ", ".join(LANGUAGE_CODES) in result.output
    assert not (tmp_path / "x").exists()


def test_a_code_material_does_not_know_lists_materials_codes(tmp_path):
    result = run_cli("init", str(tmp_path / "x"), "--name", "X", "--languages", "xx")
    assert result.exit_code == 1
    assert "unknown language code 'xx'" in result.output
    assert "af, ar," in result.output and "zh" in result.output
