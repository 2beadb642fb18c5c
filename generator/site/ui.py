"""The tool's own interface text, read from one data file per language (``ui_text/*.yml``).

A translator edits ``ui_text/nb.yml`` without reading Python. Everything here is the one
access path to that text: ``UI_TEXT[key][language]`` for page text, ``LANGUAGE_NAMES`` and
``language_in`` for language names, ``INIT_TEXT`` for what ``playbook init`` writes and
``MATERIAL_TEXT`` for Material strings its own language files leave in English.
tests/site/test_ui.py checks that every key exists in every language and is used.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from generator.languages import ui_languages

UI_LANGUAGES: tuple[str, ...] = ui_languages()
"""Languages with a complete interface text file (one ``ui_text/<code>.yml`` each)."""


def _load(language: str) -> dict[str, Any]:
    text = resources.files("generator.site").joinpath(f"ui_text/{language}.yml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_FILES = {language: _load(language) for language in UI_LANGUAGES}

LANGUAGE_NAMES: dict[str, str] = {lang: data["name"] for lang, data in _FILES.items()}
"""Each language's name for itself, as the language switcher shows it."""

LANGUAGE_NAME_IN: dict[str, dict[str, str]] = {
    lang: data["language_names"] for lang, data in _FILES.items()
}
"""LANGUAGE_NAME_IN[reader][language]: a language's name in the reader's language."""

UI_TEXT: dict[str, dict[str, str]] = {
    key: {lang: data["text"][key] for lang, data in _FILES.items()} for key in _FILES["en"]["text"]
}
"""UI_TEXT[key][language]: text the generator adds to pages."""

INIT_TEXT: dict[str, dict[str, str]] = {lang: data["init"] for lang, data in _FILES.items()}
"""INIT_TEXT[language][key]: the title and examples ``playbook init`` writes."""

CSV_DELIMITER: dict[str, str] = {lang: data["csv_delimiter"] for lang, data in _FILES.items()}
"""The cell delimiter a spreadsheet in the language expects: ';' where the decimal comma is used."""

MATERIAL_TEXT: dict[str, dict[str, str]] = {
    lang: data.get("material") or {} for lang, data in _FILES.items()
}
"""Material's own interface strings that its language file leaves in English."""


def language_in(language: str, reader_language: str) -> str:
    """The name of ``language`` as written in ``reader_language`` (e.g. 'norska')."""
    return LANGUAGE_NAME_IN[reader_language][language]


def ui_files() -> dict[str, dict[str, Any]]:
    """The raw data files, for the test that checks every key in every language."""
    return _FILES
