"""Translation coverage, fallbacks and stale translations."""

from __future__ import annotations

import shutil

from tests.conftest import FIXTURES, REPO, make_project
from tests.conftest import run_cli as run


def test_coverage_per_language_lists_missing_with_line(small_project):
    result = run("translations", "-c", str(small_project))
    assert result.exit_code == 0
    assert "sv  100.0 %  (15/15)  (default)" in result.output
    assert "nb   86.7 %  (13/15)" in result.output
    assert "en   80.0 %  (12/15)" in result.output
    assert (f"{small_project}:35:19: journeys[loop].stages[second].checklist[follow-up].text: "
            "missing en translation") in result.output


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
    content.write_text(text.replace(old, "Ta reda på vilka kunder som tipsar andra om er."), "utf-8")

    result = run("translations", "--strict", "-c", str(content))
    assert result.exit_code == 1
    stale = [line for line in result.output.splitlines() if "stale" in line]
    assert len(stale) == 2, result.output  # nb and en, pointing at their own lines
    assert all("stages[ambassador].checklist[find-ambassadors].text" in line for line in stale)
    assert {line.split(":")[1] for line in stale} == {
        str(n) for n, line in enumerate(text.splitlines(), 1)
        if "Finn ut hvilke kunder som allerede anbefaler dere." in line
        or "Find out which customers already recommend you." in line
    }

    confirmed = run("translations", "-c", str(content), "confirm", "--lang", "nb")
    assert confirmed.exit_code == 0
    after = run("translations", "-c", str(content))
    still_stale = [line for line in after.output.splitlines() if "stale" in line]
    assert still_stale == [line for line in stale if ": en translation is stale" in line]


def test_missing_translation_is_not_an_error_for_validate(tmp_path):
    content = make_project(tmp_path, FIXTURES / "small.yaml")
    assert run("validate", "-c", str(content)).exit_code == 0
