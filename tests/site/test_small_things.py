"""The small things of issue #26, each where a machine can check it without a browser:
palette labels in every language, distinct names for this browser's progress and the team's
status, the "only in this browser" note, each stage's lanes on its page, the wide map and
an ignored example build."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
import yaml

from generator.content.loader import load_content
from generator.site.render import render
from generator.site.site_config import render_config
from generator.site.ui import UI_LANGUAGES, UI_TEXT
from generator.team.model import TeamStatus
from tests.conftest import FIXTURES, REPO, run_cli
from tests.site.test_render import wide_loop

PALETTE = {
    "sv": ("Byt till mörkt läge", "Byt till ljust läge"),
    "nb": ("Bytt til mørk modus", "Bytt til lys modus"),
    "nn": ("Byt til mørk modus", "Byt til lys modus"),
    "da": ("Skift til mørk tilstand", "Skift til lys tilstand"),
    "fi": ("Vaihda tummaan tilaan", "Vaihda vaaleaan tilaan"),
    "de": ("Zum dunklen Modus wechseln", "Zum hellen Modus wechseln"),
    "en": ("Switch to dark mode", "Switch to light mode"),
}


@pytest.fixture(scope="module")
def playbook():
    playbook = load_content(FIXTURES / "small.yaml")
    return playbook.model_copy(update={"journeys": wide_loop(playbook)})


@pytest.fixture(scope="module")
def pages(playbook):
    return {p.as_posix(): t for p, t in render(playbook).items()}


def test_every_language_names_the_palette_switch_in_its_own_words(playbook):
    assert set(PALETTE) == set(UI_LANGUAGES)
    config = yaml.safe_load(render_config(playbook))
    top = [option["toggle"]["name"] for option in config["theme"]["palette"]]
    assert top == list(PALETTE["sv"])  # the default language's
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = i18n["languages"]
    for language in languages:
        names = [option["toggle"]["name"] for option in language["theme"]["palette"]]
        assert names == list(PALETTE[language["locale"]]), language["locale"]
    for code, (to_dark, to_light) in PALETTE.items():
        assert (UI_TEXT["palette_to_dark"][code], UI_TEXT["palette_to_light"][code]) == (
            to_dark,
            to_light,
        )


def test_this_browsers_progress_and_the_teams_status_have_distinct_names():
    for code in UI_LANGUAGES:
        browser, team = UI_TEXT["progress_tools"][code], UI_TEXT["team_title"][code]
        assert browser != team
        # The home page's section says whose progress it is: this browser's.
        assert UI_TEXT["team_only_here"][code].split()[-1].casefold() in browser.casefold(), code


def test_a_stage_page_without_a_status_file_says_ticks_stay_in_this_browser(playbook, pages):
    note = UI_TEXT["local_only_note"]["sv"]
    assert f"{note}\n{{: .playbook-local-note }}" in pages["playbook/stages/loop/first.md"]
    with_team = render(playbook, team=TeamStatus.empty(), today=date(2023, 11, 14))
    assert note not in with_team[next(p for p in with_team if p.as_posix().endswith("first.md"))]


def test_each_stage_page_shows_its_touchpoints_pain_points_and_opportunities(pages):
    meet = pages["playbook/stages/short/meet.md"]
    assert "## På kartan över resan { #map--lanes }" in meet
    assert (
        "### Kontaktpunkter och kanaler { #map--touchpoints }\n\n<ul>\n<li>Webbplatsen</li>" in meet
    )
    decide = pages["playbook/stages/short/decide.en.md"]
    assert "### Pain points { #map--pain-points }" in decide
    assert "<li>The reply is slow</li>" in decide
    assert "### Opportunities { #map--opportunities }" in decide
    assert "<li>Call back the same day</li>" in decide
    # Only the lanes a stage has; the lanes the map has beside them stay on the map.
    assert "map--pain-points" not in meet and "Frågar en vän" not in meet
    assert "{ #map--lanes }" not in pages["playbook/stages/loop/first.md"]


def test_a_wide_map_hides_the_sidebars_and_sizes_the_label_column_to_its_longest_word(pages):
    loop = pages["playbook/stages/loop/index.md"]
    assert "hide:\n  - navigation\n  - toc\n" in loop
    assert 'class="playbook-map playbook-map--cyclic playbook-map--wide"' in loop
    short = pages["playbook/stages/short/index.md"]
    assert "hide:" not in short and "playbook-map--wide" not in short
    # "Kontaktpunkter" (14) is the longest word of the short journey's lane labels in sv.
    assert 'style="--playbook-map-lane-word: 14ch"' in short


def test_the_german_touchpoint_lane_is_kontaktpunkte():
    assert UI_TEXT["lane_touchpoints"]["de"] == "Kontaktpunkte und Kanäle"


def test_building_the_readmes_example_leaves_git_status_clean(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("no git")
    readme = (REPO / "examples/team-progress/README.md").read_text("utf-8")
    assert "playbook build -c examples/team-progress/content.yaml -d /tmp/" in readme
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "examples/team-progress", repo / "examples/team-progress")
    shutil.copyfile(REPO / ".gitignore", repo / ".gitignore")

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "example")
    # `playbook build` generates into the example's folder, then builds elsewhere (-d).
    result = run_cli("generate", "-c", str(repo / "examples/team-progress/content.yaml"))
    assert result.exit_code == 0, result.output
    assert (repo / "examples/team-progress/playbook/index.md").exists()
    assert git("status", "--porcelain", "--untracked-files=all") == ""
