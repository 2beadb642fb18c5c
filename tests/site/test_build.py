"""End to end: the default content built by the real mkdocs, checked in the real HTML."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loader import load_content
from tests.conftest import (
    BASE_PATH,
    REPO,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    BuiltSite,
    build_command,
    build_env,
    make_project,
)
from tests.htmlscan import Page, page_urls, third_party_requests
from tests.pagefind_index import index_languages, index_stemming, indexed_pages

pytestmark = pytest.mark.slow

LANGUAGE_PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}


@pytest.fixture
def built(default_site: BuiltSite) -> tuple[Path, BuiltSite]:
    """The default content plus one hand-written page, built once per run (conftest)."""
    return default_site.project, default_site


@pytest.fixture(scope="module")
def playbook():
    return load_content(REPO / "content.yaml")


def stage_pages(playbook):
    for journey in playbook.journeys:
        for stage in journey.stages:
            for lang in playbook.language_codes:
                yield journey, stage, lang


def test_build_is_strict_and_quiet(built):
    _, result = built
    assert "WARNING" not in result.stderr and "Built in" in result.stdout


def test_every_stage_page_exists_in_every_language(built, playbook):
    project, _ = built
    for journey, stage, lang in stage_pages(playbook):
        path = (
            project / "site" / f"{LANGUAGE_PREFIX[lang]}stages/{journey.id}/{stage.id}/index.html"
        )
        page = Page(path)
        assert page.lang == lang, path
        assert page.h1.strip() == stage.name.get(lang), path
        assert page.title.startswith(stage.name.get(lang)), path
        for item in stage.checklist + stage.prompts:
            assert item.id in page.ids, f"{path}: no anchor #{item.id}"
        assert {"checklist", "prompts"} <= page.ids


def test_journey_and_home_pages_exist_in_every_language(built, playbook):
    project, _ = built
    for lang, prefix in LANGUAGE_PREFIX.items():
        home = Page(project / "site" / prefix / "index.html")
        assert home.lang == lang
        assert home.h1.strip() == playbook.site.title.get(lang)
        for journey in playbook.journeys:
            page = Page(project / "site" / f"{prefix}stages/{journey.id}/index.html")
            assert page.h1.strip() == journey.name.get(lang)


def test_switcher_links_to_the_same_stage_in_each_language(built, playbook):
    project, _ = built
    for journey, stage, lang in stage_pages(playbook):
        here = f"{LANGUAGE_PREFIX[lang]}stages/{journey.id}/{stage.id}/"
        page = Page(project / "site" / here / "index.html")
        links = {a["hreflang"]: a["href"] for a in page.find("a") if "hreflang" in a}
        assert set(links) == {"sv", "nb", "en"}, here
        for other, href in links.items():
            target = posixpath.normpath(posixpath.join(here, href)) + "/"
            assert target == f"{LANGUAGE_PREFIX[other]}stages/{journey.id}/{stage.id}/", here


def test_navigation_titles_are_translated(built):
    project, _ = built
    nb = (project / "site/nb/stages/customer-journey/awareness/index.html").read_text("utf-8")
    sv = (project / "site/stages/customer-journey/awareness/index.html").read_text("utf-8")
    assert "Etter kjøpet" in nb and "Efter köp" not in nb
    assert "Efter köp" in sv and "Etter kjøpet" not in sv


def test_search_index_per_language_with_nordic_stemming(built):
    project, _ = built
    site = project / "site"
    assert index_stemming(site) == {"en": "en", "nb": "nb", "sv": "sv"}
    for lang, prefix in LANGUAGE_PREFIX.items():
        urls = list(indexed_pages(site, lang))
        assert len(urls) == index_languages(site)[lang] > 20, lang
        others = tuple(f"/{p}" for code, p in LANGUAGE_PREFIX.items() if code != lang and p)
        assert [url for url in urls if url.startswith(others)] == [], lang
        assert all(url.startswith(f"/{prefix}") for url in urls), lang
    # Material's lunr search is gone: no index of it, no search worker of ours.
    assert not (site / "search").exists()
    assert not (site / "assets/javascripts/workers/playbook-search.js").exists()


def test_no_requests_to_third_party_hosts(built):
    # Every fetch the files themselves ask for: script, link, img and other src attributes,
    # url() and @import in style sheets, style attributes and <style>, and absolute addresses
    # in inline scripts and the playbook's own JavaScript. The browser tests add what the
    # pages really request at run time (tests/browser.py).
    project, _ = built
    site = project / "site"
    home = page_urls(Page(site / "index.html"))
    assert "assets/playbook/playbook.js" in home and "assets/playbook/playbook.css" in home
    own_host = urllib.parse.urlsplit(SITE_URL).hostname
    assert third_party_requests(site, own_host) == []


def test_third_party_check_sees_every_way_of_fetching(tmp_path):
    # The check above, on a site that fetches from elsewhere in each way it looks for.
    site = tmp_path / "site"
    (site / "assets/playbook").mkdir(parents=True)
    (site / "index.html").write_text(
        "<html><head>"
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="stylesheet" href="//cdn.example/a.css">'
        '<link rel="canonical" href="https://example.github.io/journey-playbook/">'
        "<style>@import 'https://fonts.googleapis.com/css?family=Roboto'; "
        "/* url(https://comment.example/) */</style>"
        '<script src="https://cdn.example/x.js"></script>'
        "<script>fetch('https://api.example/v1')</script>"
        '</head><body style="background: url( &quot;http://img.example/b.png&quot; )">'
        '<img src="https://img.example/a.png" srcset="a.png 1x, https://img.example/2x.png 2x">'
        '<a href="https://example.org/">a link is not a request</a>'
        '<img src="assets/local.png"></body></html>',
        encoding="utf-8",
    )
    (site / "assets/x.css").write_text(
        "/* https://fontawesome.com licence */ a{background:url(data:image/svg+xml,<svg "
        "xmlns='http://www.w3.org/2000/svg'/>)} @font-face{src:url('https://font.example/f.woff')}",
        encoding="utf-8",
    )
    (site / "assets/playbook/playbook.js").write_text(
        "// see https://docs.example/\nconst u = `https://beacon.example/${id}`;\n", "utf-8"
    )
    found = third_party_requests(site, "example.github.io")
    assert sorted(found) == sorted(
        [
            "index.html: https://fonts.gstatic.com",
            "index.html: //cdn.example/a.css",
            "index.html: https://cdn.example/x.js",
            "index.html: https://img.example/a.png",
            "index.html: https://img.example/2x.png",
            "index.html: http://img.example/b.png",
            "index.html: https://fonts.googleapis.com/css?family=Roboto",
            "index.html: https://api.example/v1",
            "assets/x.css: https://font.example/f.woff",
            "assets/playbook/playbook.js: https://beacon.example/${id}",
        ]
    )


def duplicate_ids(site: Path) -> dict[str, dict[str, int]]:
    """{page: {id: count}} for every built page on which two elements share an id."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    found = {path.relative_to(site).as_posix(): Page(path).duplicate_ids for path in pages}
    return {page: ids for page, ids in found.items() if ids}


def test_no_page_has_two_elements_with_one_id(built, built_small):
    # An id twice on a page breaks its anchor and the label of a checkbox or answer box.
    # Page.ids is a set, which hides duplicates, so they are counted here: on the default
    # site, and on the small one, which has every kind of page (tests/fixtures/small.yaml).
    project, _ = built
    assert len(list((project / "site").rglob("*.html"))) > 100
    assert duplicate_ids(project / "site") == {}
    assert (built_small / "site/glossary/index.html").exists()
    assert duplicate_ids(built_small / "site") == {}


def test_hand_written_page_is_published_and_in_navigation(built):
    project, _ = built
    page = Page(project / "site/workshop-notes/index.html")
    assert page.h1.strip() == "Våra anteckningar"
    home = (project / "site/index.html").read_text("utf-8")
    assert 'href="workshop-notes/"' in home


def test_generate_check_passes_right_after_build(built):
    project, _ = built
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--check",
            "-c",
            str(project / "content.yaml"),
            "--site-url",
            SITE_URL,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _internal_links(page: Page):
    for tag, attrs in page.tags:
        for name in ("href", "src"):
            url = attrs.get(name)
            if tag in ("a", "link", "script", "img") and url is not None:
                yield url


def test_no_broken_internal_links_or_anchors(built):
    """An equivalent of LinkChecker on the built files: every relative link and #anchor resolves."""
    project, _ = built
    site = project / "site"
    pages: dict[Path, Page] = {}

    def page_at(path: Path) -> Page:
        if path not in pages:
            pages[path] = Page(path)
        return pages[path]

    broken = []
    checked = 0
    for html in sorted(site.rglob("*.html")):
        if html.name == "404.html":
            continue  # served for any path, so its relative links are resolved by the server
        for url in _internal_links(page_at(html)):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url):
                continue
            path_part, _, fragment = url.partition("#")
            if path_part.startswith("/"):  # absolute: the switcher on home pages
                assert path_part.startswith(BASE_PATH), f"{html}: {url} ignores the base path"
                target = site / path_part[len(BASE_PATH) :]
            else:
                target = (html.parent / path_part) if path_part else html
            if target.is_dir() or path_part.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {url}")
            elif fragment and target.suffix == ".html" and fragment not in page_at(target).ids:
                broken.append(f"{html.relative_to(site)} -> {url} (no such anchor)")
    assert checked > 500
    assert broken == []


def test_canonical_links_and_sitemap_alternates(built, playbook):
    project, _ = built
    for journey, stage, lang in stage_pages(playbook):
        here = f"{LANGUAGE_PREFIX[lang]}stages/{journey.id}/{stage.id}/"
        canonical = Page(project / "site" / here / "index.html").find("link", rel="canonical")
        assert [c["href"] for c in canonical] == [SITE_URL + here]
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    stage = playbook.journeys[0].stages[0]
    for lang, prefix in LANGUAGE_PREFIX.items():
        link = f'hreflang="{lang}" href="{SITE_URL}{prefix}stages/{playbook.journeys[0].id}/{stage.id}/"'
        assert link in sitemap


def test_every_language_folder_has_the_sitemap_the_switcher_asks_for(built):
    # Material's switcher fetches sitemap.xml beside each language's home (issue #10: 404s).
    project, _ = built
    site = project / "site"
    for _lang, prefix in LANGUAGE_PREFIX.items():
        assert (site / prefix / "sitemap.xml").read_bytes() == (site / "sitemap.xml").read_bytes()


def test_a_404_page_per_language(built):
    project, _ = built
    titles = {"sv": "Sidan finns inte", "nb": "Siden finnes ikke", "en": "Page not found"}
    for lang, prefix in LANGUAGE_PREFIX.items():
        page = Page(project / "site" / prefix / "404.html")
        assert page.lang == lang
        assert page.h1.strip() == titles[lang]


@pytest.fixture(scope="module")
def built_small(tmp_path_factory):
    from tests.conftest import FIXTURES

    project = tmp_path_factory.mktemp("small")
    content = make_project(project, FIXTURES / "small.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project


def test_special_characters_in_names_show_literally_everywhere(built_small):
    name = "Andra <steget> & #1"
    page = Page(built_small / "site/stages/loop/second/index.html")
    assert page.h1.strip() == name
    assert page.title.startswith(name)
    html = (built_small / "site/stages/loop/first/index.html").read_text(encoding="utf-8")
    assert "Andra &lt;steget&gt; &amp; #1" in html  # in the navigation and the stage links
    assert "<steget>" not in html


def test_untranslated_page_has_a_visible_note_and_fallback_lang(built_small):
    page = Page(built_small / "site/en/stages/loop/second/index.html")
    html = (built_small / "site/en/stages/loop/second/index.html").read_text(encoding="utf-8")
    assert page.lang == "en"
    assert "This text has not been translated into English yet. It is shown in Swedish." in html
    assert page.find("li", id="follow-up")[0]["lang"] == "sv"


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=40,
    ).filter(str.strip)
)
def test_arbitrary_unicode_never_breaks_the_mkdocs_build(tmp_path_factory, text):
    import yaml

    from tests.conftest import FIXTURES

    project = tmp_path_factory.mktemp("unicode")
    source = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    dumped = yaml.safe_dump(text, default_style='"', width=10**9, allow_unicode=True)
    quoted = dumped.removesuffix("\n...\n").strip()
    source = (
        source.replace("{sv: Första,", "{sv: " + quoted + ",")
        .replace("text: {sv: Säg hej,", "text: {sv: " + quoted + ",")
        .replace("description: Bara svenska här.", "description: " + quoted)
    )
    content = make_project(project, source)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "WARNING" not in result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical_and_honour_source_date_epoch(default_site, tmp_path):
    # The shared build is the first; the same command builds the same project once more.
    assert build_env()["SOURCE_DATE_EPOCH"] == SOURCE_DATE_EPOCH == "1700000000"  # 2023-11-14
    again = tmp_path / "again"
    subprocess.run(
        build_command(default_site.project / "content.yaml", "-d", str(again)),
        env=build_env(),
        check=True,
        capture_output=True,
    )
    first, second = _tree(default_site.site), _tree(again)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
    assert b"<lastmod>2023-11-14</lastmod>" in first["sitemap.xml"]


def test_facts_show_source_and_caveat_and_glossary_and_sources_pages_exist(built, playbook):
    project, _ = built
    for lang, prefix in LANGUAGE_PREFIX.items():
        stage = (
            project / "site" / prefix / "stages/customer-journey/purchase/index.html"
        ).read_text("utf-8")
        fact = next(f for f in playbook.facts if f.id == "switch-brand-74")
        assert fact.text.get(lang).split(" ")[1] in stage
        assert fact.caveat.get(lang)[:40] in stage  # the caveat is visible on the page
        assert "sources/#agency-buyers-journey" in stage
        glossary = Page(project / "site" / prefix / "glossary/index.html")
        assert glossary.lang == lang and "conversion" in glossary.ids and "usp" in glossary.ids
        sources = Page(project / "site" / prefix / "sources/index.html")
        assert {
            "blog-never-ending-journey",
            "agency-six-phases",
            "agency-buyers-journey",
            "bostrom-2016",
            "quaestus-2019",
        } <= sources.ids


def test_glossary_terms_link_from_stage_pages_and_comparison_table_exists(built, playbook):
    project, _ = built
    for lang, prefix in LANGUAGE_PREFIX.items():
        interest = (
            project / "site" / prefix / "stages/customer-journey/interest/index.html"
        ).read_text("utf-8")
        assert 'glossary/#usp"' in interest
        comparison = Page(project / "site" / prefix / "comparison/index.html")
        assert comparison.lang == lang and len(comparison.find("table")) == 1
        assert len(comparison.find("tr")) == 1 + len(playbook.journeys[0].stages)
        shared = Page(project / "site" / prefix / "checklists/cx-basics/index.html")
        assert (
            len([i for i in shared.find("input") if i.get("data-key", "").startswith("shared/")])
            == 6
        )


def test_the_404_home_link_works_on_a_site_served_at_the_root(built_small):
    # base_url is "/" there, and "{{ base_url }}/" made the link "//": a protocol-relative
    # address naming no host, which went nowhere.
    for prefix, home in (("", "/"), ("nb/", "/nb/"), ("en/", "/en/")):
        page = Page(built_small / "site" / prefix / "404.html")
        links = [a["href"] for a in page.find("a") if a.get("href", "").startswith("/")]
        assert home in links and "//" not in links, (prefix, links)
