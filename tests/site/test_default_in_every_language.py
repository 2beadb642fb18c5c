"""Issue #28, point 4: the default playbook in each of the seven languages. A client of it in
da, fi, nn or de (`playbook init --extends default --languages X,en`, the way a consultant
makes one) builds with no "not yet translated" note on any page, every page of language X
says `<html lang="X">`, and no element in it is marked with another language except a
source's title, which is shown in the language it was written in."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.site.ui import UI_TEXT
from tests.conftest import REPO, build_project, run_cli

pytestmark = pytest.mark.slow

MARKED = re.compile(r'<(\w+)\b[^>]*?\slang="([^"]+)"[^>]*>(.*?)</\1>', re.S)
HTML_LANG = re.compile(r'<html\b[^>]*?\slang="([^"]+)"')


def _note_start(language: str) -> str:
    """The note's words before the language it names ("Denne tekst er endnu ikke …")."""
    return UI_TEXT["not_translated"][language].split("{language}")[0]


def _source_titles() -> set[tuple[str, str]]:
    playbook = load_content(REPO / "content.yaml")
    return {(source.language, source.title) for source in playbook.sources}


def _client_site(root: Path, languages: str, *extends: str) -> Path:
    folder = root / languages.replace(",", "-")
    made = run_cli(
        "init", str(folder), "--name", "Kunde Æøå", *extends, "--languages", languages,
        "--package", "",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    return build_project(folder / "content.yaml")


@pytest.mark.parametrize("language", ["da", "fi", "nn", "de"])
def test_a_client_of_the_default_playbook_is_wholly_in_its_language(tmp_path, language):
    site = _client_site(tmp_path, f"{language},en", "--extends", "default")
    titles = _source_titles()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        where = page.relative_to(site).as_posix()
        own = "en" if where.startswith("en/") else language
        text = page.read_text(encoding="utf-8")
        assert HTML_LANG.findall(text) == [own], where
        for note_language in (language, "en"):
            assert _note_start(note_language) not in text, f"{where}: a fallback note"
        for _, marked, inner in MARKED.findall(text):
            if marked == own:
                continue
            shown = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
            assert (marked, shown) in titles, f"{where}: {marked!r} on {shown[:80]!r}"


def test_init_languages_da_en_builds_with_no_fallback_note(tmp_path):
    site = _client_site(tmp_path, "da,en")  # `extends: default` is what init writes by default
    note = _note_start("da")
    noted = [p for p in site.rglob("*.html") if note in p.read_text(encoding="utf-8")]
    assert noted == []
    assert "Denne tekst" in note  # the note really is the Danish one
