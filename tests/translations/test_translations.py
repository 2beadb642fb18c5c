"""Translation coverage, fallbacks and stale translations."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES, REPO, make_project
from tests.conftest import run_cli as run


def test_coverage_per_language_lists_missing_with_line(small_project):
    result = run("translations", "-c", str(small_project))
    assert result.exit_code == 0
    assert "sv  100.0 %  (50/50)  (default)" in result.output
    assert "nb   96.0 %  (48/50)" in result.output
    assert "en   94.0 %  (47/50)" in result.output
    assert (
        f"{small_project}:35:19: journeys[loop].stages[second].checklist[follow-up].text: "
        "missing en translation"
    ) in result.output


def test_strict_fails_on_missing_translations(small_project):
    result = run("translations", "--strict", "-c", str(small_project))
    assert result.exit_code == 1 and "5 translation problems" in result.output


def test_default_content_is_complete_and_confirmed():
    result = run("translations", "--strict", "-c", str(REPO / "content.yaml"))
    assert result.exit_code == 0, result.output


def test_changed_source_text_makes_translations_stale_until_confirmed(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    shutil.copyfile(REPO / "translations.lock", tmp_path / "translations.lock")
    text = content.read_text(encoding="utf-8")
    old = "Ta reda på vilka kunder som redan rekommenderar er."
    content.write_text(
        text.replace(old, "Ta reda på vilka kunder som tipsar andra om er."), "utf-8"
    )

    result = run("translations", "--strict", "-c", str(content))
    assert result.exit_code == 1
    stale = [line for line in result.output.splitlines() if "translation is stale" in line]
    assert len(stale) == 2, result.output  # nb and en, pointing at their own lines
    assert all("stages[ambassador].checklist[find-ambassadors].text" in line for line in stale)
    assert {line.split(":")[1] for line in stale} == {
        str(n)
        for n, line in enumerate(text.splitlines(), 1)
        if "Finn ut hvilke kunder som allerede anbefaler dere." in line
        or "Find out which customers already recommend you." in line
    }

    confirmed = run("translations", "-c", str(content), "confirm", "--lang", "nb")
    assert confirmed.exit_code == 0
    after = run("translations", "-c", str(content))
    still_stale = [line for line in after.output.splitlines() if "translation is stale" in line]
    assert still_stale == [line for line in stale if ": en translation is stale" in line]


def test_missing_translation_is_not_an_error_for_validate(tmp_path):
    content = make_project(tmp_path, FIXTURES / "small.yaml")
    assert run("validate", "-c", str(content)).exit_code == 0


DAMAGED = {
    "not JSON": b'{"confirmed": {"a b": "1",}',
    "a list": b"[]",
    "hashes that are not text": b'{"confirmed": {"site.title nb": 12}}',
    "not UTF-8": b'{"confirmed": {"x": "\xe4"}}',
}


@pytest.mark.parametrize("data", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_translation_lock_is_one_line_naming_it(small_project, data):
    lock = small_project.parent / "translations.lock"
    lock.write_bytes(data)
    for args in (
        ["translations"],
        ["translations", "export", "--lang", "en"],
        ["translations", "confirm"],
    ):
        result = run(*args, "-c", str(small_project))
        assert result.exit_code == 1, args
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith(f"Error: {lock}: the translation lock is damaged (")
        assert "delete it and run 'playbook translations confirm'" in result.output
    assert lock.read_bytes() == data


@pytest.mark.parametrize("data", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_upstream_lock_is_one_line_naming_it(tmp_path, data):
    content = make_project(tmp_path, "extends: default\n")
    lock = tmp_path / "upstream.lock"
    lock.write_bytes(data.replace(b"confirmed", b"base_values"))
    for command in ("diff", "validate"):
        result = run(command, "-c", str(content))
        assert result.exit_code == 1, command
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith(f"Error: {lock}: the upstream lock is damaged (")
        assert "delete it and run 'playbook diff --accept'" in result.output
