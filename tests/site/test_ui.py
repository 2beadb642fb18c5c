"""Every piece of interface text exists in sv, nb and en."""

from generator.content.model import LANGUAGE_CODES
from generator.site.ui import LANGUAGE_NAME_IN, LANGUAGE_NAMES, UI_TEXT


def test_every_ui_string_exists_in_every_language():
    for key, values in UI_TEXT.items():
        assert set(values) == set(LANGUAGE_CODES), key
        assert all(values[code].strip() for code in LANGUAGE_CODES), key


def test_language_names_cover_every_language():
    assert set(LANGUAGE_NAMES) == set(LANGUAGE_CODES)
    for reader in LANGUAGE_CODES:
        assert set(LANGUAGE_NAME_IN[reader]) == set(LANGUAGE_CODES)


def test_norwegian_ui_is_bokmal_not_swedish():
    # A cheap guard against copy-paste: Swedish-only letters never appear in nb text.
    for key, values in UI_TEXT.items():
        assert not set("äöÄÖ") & set(values["nb"]), key
