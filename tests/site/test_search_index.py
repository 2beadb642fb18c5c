"""The search index step (generator/site/search_index.py) on its own: the real Pagefind
binary on small pages written here, in milliseconds. The built sites and the search box
in Chromium are tested in test_browser_search.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.site.search_index import (
    BUNDLE_DIR,
    QUERY_STEMMERS,
    index_site,
    query_stemmer,
)
from generator.site.ui import UI_LANGUAGES
from tests.pagefind_index import index_languages, indexed_pages

THEME = Path(__file__).resolve().parents[2] / "generator/site/theme"


def _page(site: Path, path: str, lang: str, body: str, *, searched: bool = True) -> None:
    target = site / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = " data-pagefind-body" if searched else ""
    target.write_text(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title>'
        f"</head><body><nav>Meny</nav><div{marker}>{body}</div></body></html>",
        encoding="utf-8",
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _page(
        site, "", "sv", '<h1>Lojalitet<a class="headerlink" href="#l">¶</a></h1><p>Kundtjänst.</p>'
    )
    _page(site, "stages/a", "sv", "<h1>Köp</h1><p data-pagefind-ignore>Team: Datum:</p>")
    _page(site, "nb", "nb", "<h1>Lojalitet</h1><p>Kundeservice.</p>")
    _page(site, "da", "da", "<h1>Loyalitet</h1><p>Kundeservice.</p>")
    _page(site, "404", "sv", "<h1>Sidan finns inte</h1>", searched=False)
    return site


def test_each_language_gets_its_own_index_of_the_marked_content(site):
    report = index_site(site, ["sv", "nb", "da"])
    assert report.pages == {"sv": 2, "nb": 1, "da": 1}
    assert report.summary() == "sv 2, nb 1, da 1"
    assert report.warnings == ()
    # Sorted, whatever order Pagefind wrote (it differs run to run): same site, same bytes.
    assert list(index_languages(site)) == ["da", "nb", "sv"]
    assert indexed_pages(site, "sv") == {
        "/": {"content": "Lojalitet. Kundtjänst.", "title": "Lojalitet"},
        "/stages/a/": {"content": "Köp.", "title": "Köp"},
    }
    assert set(indexed_pages(site, "nb")) == {"/nb/"}


def test_only_what_the_search_box_loads_is_published(site):
    index_site(site, ["sv", "nb", "da"])
    bundle = site / BUNDLE_DIR
    names = {path.name for path in bundle.iterdir() if path.is_file()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= names
    assert {"wasm.sv.pagefind", "wasm.nb.pagefind"} <= names
    # Pagefind's own search interfaces are about 400 KB no page loads.
    assert not [name for name in names if "-ui" in name or "highlight" in name], names
    # Nothing of the work in progress stays beside the bundle.
    assert sorted(path.name for path in site.iterdir()) == [
        "404",
        "da",
        "index.html",
        "nb",
        "pagefind",
        "stages",
    ]


def test_indexing_again_leaves_no_file_of_the_old_index(site, tmp_path):
    index_site(site, ["sv", "nb", "da"])
    _page(site, "stages/a", "sv", "<h1>Köp</h1><p>Nytt ord: blåbär.</p>")
    index_site(site, ["sv", "nb", "da"])
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for page in site.rglob("index.html"):
        target = fresh / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
    index_site(fresh, ["sv", "nb", "da"])

    def files(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in (root / BUNDLE_DIR).rglob("*")
            if path.is_file()
        }

    assert files(site) == files(fresh)
    assert "blåbär" in indexed_pages(site, "sv")["/stages/a/"]["content"]


def test_pages_where_the_index_goes_are_an_error_not_lost(site):
    # A page folder playbook/pagefind/ is published at site/pagefind/, which the index
    # replaces: the pages would be gone from the site without a word.
    _page(site, "pagefind/notes", "sv", "<h1>Anteckningar</h1>")
    with pytest.raises(BuildError) as error:
        index_site(site, ["sv", "nb", "da"])
    assert str(error.value) == (
        "search index: pagefind/ in the site holds files Pagefind did not write "
        "(notes/index.html); the search index goes there: move them out of the pages' "
        "pagefind/ folder"
    )
    assert (site / "pagefind/notes/index.html").is_file()


def test_a_language_with_no_page_to_search_is_an_error(site):
    with pytest.raises(BuildError) as error:
        index_site(site, ["sv", "nb", "da", "fi"])
    assert str(error.value) == (
        "search index: no page in fi was indexed (indexes found: da, nb, sv); the theme marks "
        "each page's content with data-pagefind-body and its language with <html lang>: "
        "a theme override without them leaves search empty"
    )


def test_a_site_pagefind_cannot_read_is_one_line(tmp_path):
    with pytest.raises(BuildError, match=r"^search index: Pagefind failed: .+") as error:
        index_site(tmp_path / "no-site", ["sv"])
    assert "\n" not in str(error.value)


def test_pagefind_warnings_are_passed_on(site):
    _page(site, "stages/b", "sv", '<h1>B</h1><p data-pagefind-ignore="yes">x</p>')
    report = index_site(site, ["sv", "nb", "da"])
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith('search index: data-pagefind-ignore value of "yes"')


def test_no_settings_file_or_variable_steers_pagefind(site, tmp_path, monkeypatch):
    # A page folder can publish a pagefind.yml; its output_path could point anywhere.
    elsewhere = tmp_path / "elsewhere"
    settings = f"output_path: {elsewhere}\nforce_language: en\n"
    (site / "pagefind.yml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(site)
    monkeypatch.setenv("PAGEFIND_OUTPUT_PATH", str(elsewhere))
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "en")
    report = index_site(site, ["sv", "nb", "da"])
    assert report.pages == {"sv": 2, "nb": 1, "da": 1}
    assert not elsewhere.exists()
    assert (site / BUNDLE_DIR / "pagefind-entry.json").is_file()


def test_every_query_stemmer_is_shipped_and_norwegian_is_one_for_both():
    assert QUERY_STEMMERS["nb"] == QUERY_STEMMERS["nn"] == "no"
    for language in UI_LANGUAGES:
        path = query_stemmer(language)
        if language == "en":
            assert path is None  # Pagefind's own English stemming is enough
            continue
        assert path is not None and (THEME / path).is_file(), language
    assert (THEME / "assets/playbook/stemmers/LICENSE").is_file()
