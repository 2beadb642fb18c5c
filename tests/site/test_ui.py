"""Every piece of interface text exists in every language, and every key is used."""

import re
from pathlib import Path

import pytest

from generator.content.model import LANGUAGE_CODES
from generator.site.ui import LANGUAGE_NAME_IN, LANGUAGE_NAMES, UI_TEXT, ui_files

GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def _keys(data, prefix=""):
    """Every leaf key of a data file, as 'text.home', 'init.title', …"""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def test_every_data_file_has_every_key():
    assert_complete(ui_files())


def assert_complete(files):
    assert set(files) == set(LANGUAGE_CODES)
    reference = set(_keys(files["en"])) - {
        k for k in _keys(files["en"]) if k.startswith("material.")
    }
    for language, data in files.items():
        keys = {k for k in _keys(data) if not k.startswith("material.")}
        assert keys == reference, (language, keys ^ reference)
        for key in keys:
            value = data
            for part in key.split("."):
                value = value[part]
            assert isinstance(value, str) and value.strip(), (language, key)


def test_a_missing_key_is_caught():
    files = {lang: {**data, "text": dict(data["text"])} for lang, data in ui_files().items()}
    del files["nb"]["text"]["home"]
    with pytest.raises(AssertionError, match="home"):
        assert_complete(files)


def test_placeholders_agree_across_languages():
    for key, values in UI_TEXT.items():
        placeholders = {code: set(re.findall(r"\{\w+\}", values[code])) for code in LANGUAGE_CODES}
        assert len({frozenset(p) for p in placeholders.values()}) == 1, (key, placeholders)


def test_every_ui_key_is_used():
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in GENERATOR.rglob("*")
        if path.suffix in (".py", ".j2", ".html", ".js") and path.name != "ui.py"
    )
    # Spreadsheet headings are looked up as f"csv_{column}" with the column names quoted.
    unused = [
        key
        for key in UI_TEXT
        if not re.search(rf"""(ui\.{key}\b|["']{key}["'])""", sources)
        and not (key.startswith("csv_") and f'"{key[4:]}"' in sources)
    ]
    assert unused == []


def test_language_names_cover_every_language():
    assert set(LANGUAGE_NAMES) == set(LANGUAGE_CODES)
    for reader in LANGUAGE_CODES:
        assert set(LANGUAGE_NAME_IN[reader]) == set(LANGUAGE_CODES)


def test_norwegian_ui_is_bokmal_not_swedish():
    # A cheap guard against copy-paste: Swedish-only letters never appear in nb text.
    for key, values in UI_TEXT.items():
        assert not set("äöÄÖ") & set(values["nb"]), key


def test_the_seven_shipped_languages_are_there():
    # Adding a ui_text file adds a language; removing one must be a decision, not an accident.
    assert {"sv", "nb", "en", "da", "fi", "nn", "de"} <= set(LANGUAGE_CODES)


@pytest.mark.parametrize("language", ["da", "fi", "nn", "de"])
def test_a_missing_key_in_a_new_language_is_caught(language):
    files = {lang: {**data, "init": dict(data["init"])} for lang, data in ui_files().items()}
    del files[language]["init"]["example_item"]
    with pytest.raises(AssertionError, match="example_item"):
        assert_complete(files)


def test_nynorsk_ui_is_nynorsk_not_bokmal():
    # Bokmål-only forms that Nynorsk writes otherwise: ikke/ikkje, hjem/heim, fra/frå, hvert/kvart.
    bokmal_only = re.compile(r"\b(ikke|hjem|fra|hvert|hva|nettleser|fremdrift|jeg|mye)\b", re.I)
    for key, values in UI_TEXT.items():
        assert not bokmal_only.search(values["nn"]), (key, values["nn"])
        assert not set("äöÄÖ") & set(values["nn"]), key
    assert "ikkje" in UI_TEXT["import_not_json"]["nn"]


def test_danish_ui_is_danish_not_norwegian():
    # Danish writes æ where Norwegian writes e in these words, and "ikke" not "ikkje".
    for key, values in UI_TEXT.items():
        assert not re.search(r"\b(ikkje|nettleser|steg)\b", values["da"]), key
    assert UI_TEXT["home"]["da"] != UI_TEXT["home"]["nb"]
