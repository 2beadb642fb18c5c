"""Which languages a site may use: read from Material's files and ours, not listed in code."""

from __future__ import annotations

from importlib import resources

from generator.languages import (
    language_problem,
    material_languages,
    ui_languages,
)


def test_material_languages_are_read_from_the_installed_theme():
    folder = resources.files("material").joinpath("templates/partials/languages")
    on_disk = {entry.name[: -len(".html")] for entry in folder.iterdir()}
    assert set(material_languages()) == on_disk
    assert len(material_languages()) > 50 and {"da", "fi", "nn", "nb", "de"} <= on_disk


def test_every_ui_language_is_one_material_translates():
    assert set(ui_languages()) <= set(material_languages())
    assert set(ui_languages()) == {"sv", "nb", "en", "da", "fi", "nn", "de"}


def test_problems_name_what_would_work():
    assert language_problem("nn") is None
    message, hint = language_problem("fr") or ("", "")
    assert "no interface text for 'fr'" in message and "ui_text/fr.yml" in hint
    message, hint = language_problem("no") or ("", "")
    assert "unknown language code 'no'" in message and "Bokmål is nb" in hint
