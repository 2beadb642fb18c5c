"""What search engines and link previews read in a page's head, and the sitemap: checked in
the real HTML of real builds (issue #31 point 6)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from generator.site.ui import UI_TEXT
from tests.conftest import FIXTURES, SITE_URL, BuiltSite, make_project
from tests.htmlscan import Page

pytestmark = pytest.mark.slow

PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}
STAGE = "stages/customer-journey/after-purchase/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
NO_ADDRESS = (
    "warning: the site has no address (site.url in the content, or --site-url), so it has no "
    "sitemap and no hreflang alternates; set it to where the site is published"
)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> BuiltSite:
    """The small fixture, which sets no site.url, built as `playbook build` builds it."""
    project = tmp_path_factory.mktemp("small-head")
    content = make_project(project, FIXTURES / "small.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return BuiltSite(project, result.stdout, result.stderr)


def alternates(page: Page) -> dict[str, str]:
    links = [link for link in page.find("link", rel="alternate") if "hreflang" in link]
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), links  # no language twice
    return found


def meta(page: Page, **attrs: str) -> list[str]:
    return [tag["content"] for tag in page.find("meta", **attrs)]


def test_hreflang_alternates_are_absolute_with_an_x_default(default_site):
    for here in (STAGE, ""):
        expected = {lang: SITE_URL + prefix + here for lang, prefix in PREFIX.items()}
        expected["x-default"] = SITE_URL + here
        for prefix in PREFIX.values():
            page = Page(default_site.site / prefix / here / "index.html")
            assert alternates(page) == expected, prefix + here


def test_the_sitemap_holds_absolute_addresses_and_no_page_kept_out_of_indexes(default_site):
    root = ET.parse(default_site.site / "sitemap.xml").getroot()
    entries = root.findall("s:url", SITEMAP)
    locations = [entry.findtext("s:loc", namespaces=SITEMAP) for entry in entries]
    # Every page of every language once, except 404 pages and print and poster pages.
    pages = [
        path.parent.relative_to(default_site.site).as_posix() + "/"
        for path in default_site.site.rglob("index.html")
        if path.parent.name not in ("print", "poster")
    ]
    expected = sorted(SITE_URL + ("" if page == "./" else page) for page in pages)
    assert sorted(locations) == expected
    stage = next(
        entry
        for entry in entries
        if entry.findtext("s:loc", namespaces=SITEMAP) == SITE_URL + "nb/" + STAGE
    )
    links = {link.get("hreflang"): link.get("href") for link in stage.findall("x:link", SITEMAP)}
    assert links == {
        "sv": SITE_URL + STAGE,
        "nb": SITE_URL + "nb/" + STAGE,
        "en": SITE_URL + "en/" + STAGE,
        "x-default": SITE_URL + STAGE,
    }


def test_a_site_without_an_address_has_no_sitemap_or_alternates_and_the_build_says_so(small):
    assert not list(small.site.rglob("sitemap.xml*"))  # it was "None./" in every <loc>
    assert small.stderr.splitlines().count(NO_ADDRESS) == 1
    for path in small.site.rglob("*.html"):
        assert alternates(Page(path)) == {}, path
        assert "None" not in path.read_text(encoding="utf-8"), path


def test_a_site_with_an_address_does_not_warn(default_site):
    assert "no address" not in default_site.stderr


def test_each_page_describes_itself_in_its_language(small):
    cases = {
        "stages/loop/first/": {
            "sv": ("Första", "Början på allt."),
            "nb": ("Første", "Begynnelsen på alt."),
            "en": ("First", "The start of it all."),
        },
        "stages/loop/": {
            "sv": ("Slingan", "Går runt."),
            "nb": ("Sløyfen", "Går rundt."),
            "en": ("The loop", "Goes round."),
        },
        # A name that looks like markup, and a summary only in Swedish on every language.
        "stages/loop/second/": {
            "sv": ("Andra <steget> & #1", "Bara på svenska."),
            "en": ("Second", "Bara på svenska."),
        },
        "checklists/basics/": {"nb": ("Det grunnleggende", "Gjelder i hvert steg.")},
    }
    for here, languages in cases.items():
        for lang, (title, description) in languages.items():
            page = Page(small.site / PREFIX[lang] / here / "index.html")
            assert meta(page, name="description") == [description], (lang, here)
            assert meta(page, property="og:description") == [description], (lang, here)
            assert meta(page, property="og:title") == [title], (lang, here)
    home = Page(small.site / "nb/index.html")
    site_name = meta(home, property="og:site_name")
    assert site_name == meta(
        Page(small.site / "nb/stages/loop/index.html"), property="og:site_name"
    )
    assert meta(home, name="description") == meta(home, property="og:description") != []


def test_print_and_poster_pages_are_kept_out_of_search_engines_indexes(small):
    for prefix in PREFIX.values():
        for kind in ("print", "poster"):
            page = Page(small.site / prefix / "stages/loop" / kind / "index.html")
            assert meta(page, name="robots") == ["noindex"], prefix + kind
        for here in ("", "stages/loop/", "stages/loop/first/"):
            page = Page(small.site / prefix / here / "index.html")
            assert meta(page, name="robots") == [], prefix + here


def test_the_404_home_link_leads_home_in_each_language_in_a_browser(default_site, small):
    from tests.browser import chromium, serve
    from tests.conftest import BASE_PATH

    # Under a base path (GitHub project pages), and at the root with no site address, where
    # "{{ base_url }}/" made the link "//": on /nb/404.html, the host "nb".
    for built, base in ((default_site, BASE_PATH), (small, "/")):
        with chromium() as browser, serve(built.site, base) as site:
            _follow_home_links(browser, site)


def _follow_home_links(browser, site: str) -> None:
    from tests.browser import open_page

    for lang, prefix in PREFIX.items():
        with open_page(browser) as page:
            page.goto(site + prefix + "404.html")
            page.get_by_role("link", name=UI_TEXT["not_found_home"][lang]).click()
            page.wait_for_url(site + prefix)
            assert page.locator("html").get_attribute("lang") == lang
