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
        second = "sv" if code == "en" else "en"  # never the same language twice
        assert (
            f"{{code: {code}, default: true}}"
            in render_project("K", "default", [code, second], "")["content.yaml"]
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


def test_a_language_given_twice_is_refused_before_anything_is_written(tmp_path):
    # `da,da` used to write a project whose own content.yaml failed validation with
    # "key 'da' appears twice" on lines the consultant never wrote.
    result = run_cli("init", str(tmp_path / "x"), "--name", "X", "--languages", "da,en,da")
    assert result.exit_code == 1, result.output
    assert "'da' is given twice" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("country, language", [("dk", "da"), ("se", "sv")])
def test_a_country_code_is_answered_with_its_language_code(tmp_path, country, language):
    # A consultant writes the country (.dk, .se); the hint names the language code
    # first instead of leaving them to find it in Material's list of some 70 codes.
    result = run_cli("init", str(tmp_path / "x"), "--name", "X", "--languages", f"{country},en")
    assert result.exit_code == 1, result.output
    assert f"'{country}' is a country code; the language is '{language}'" in result.output
    assert not (tmp_path / "x").exists()
