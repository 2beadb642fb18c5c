"""Lock files (translations.lock, upstream.lock): exact bytes written, exact reasons when damaged.

Mutation testing (docs/testing.md) found the reason in the message and the file's layout
untested: the commands' tests only matched the start of the message.
"""

from __future__ import annotations

import pytest

from generator.errors import GeneratorError
from generator.lockfile import TRANSLATIONS_LOCK, UPSTREAM_LOCK

REPAIR = {
    "translation lock": "'playbook translations confirm' once the translations are checked",
    "upstream lock": "'playbook diff --accept' once you have reviewed the base",
}


def test_a_lock_is_written_as_indented_json_with_nordic_letters_kept(tmp_path):
    content = tmp_path / "content.yaml"
    TRANSLATIONS_LOCK.write(content, {"site.title nb": "ab12", "journeys[å].name en": "cd34"})
    assert (tmp_path / "translations.lock").read_bytes() == (
        "{\n"
        '  "comment": "Written by \'playbook translations confirm\'. Do not edit by hand.",\n'
        '  "version": 2,\n'
        '  "confirmed": {\n'
        '    "journeys[å].name en": "cd34",\n'
        '    "site.title nb": "ab12"\n'
        "  }\n"
        "}\n"
    ).encode()
    assert TRANSLATIONS_LOCK.read(content) == {
        "site.title nb": "ab12",
        "journeys[å].name en": "cd34",
    }
    assert UPSTREAM_LOCK.read(content) == {}  # no file yet: nothing accepted


@pytest.mark.parametrize(
    "lock, data, reason",
    [
        (
            TRANSLATIONS_LOCK,
            b'{"confirmed": {"a b": "1",}',
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 27 (char 26)",
        ),
        (TRANSLATIONS_LOCK, b"[]", "no 'confirmed' mapping of texts to hashes"),
        (
            TRANSLATIONS_LOCK,
            b'{"confirmed": {"x": 12}}',
            "no 'confirmed' mapping of texts to hashes",
        ),
        (
            TRANSLATIONS_LOCK,
            b'{"confirmed": {"x": "\xe4"}}',
            "'utf-8' codec can't decode byte 0xe4 in position 21: invalid continuation byte",
        ),
        (UPSTREAM_LOCK, b'{"confirmed": {}}', "no 'base_values' mapping of paths to hashes"),
    ],
)
def test_a_damaged_lock_names_the_file_the_reason_and_the_repair(tmp_path, lock, data, reason):
    (tmp_path / lock.name).write_bytes(data)
    with pytest.raises(GeneratorError) as caught:
        lock.read(tmp_path / "content.yaml")
    assert str(caught.value) == (
        f"{tmp_path / lock.name}: the {lock.label} is damaged ({reason}); restore it from "
        f"version control, or delete it and run {REPAIR[lock.label]}"
    )
