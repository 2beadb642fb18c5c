"""Search in a real browser: each language searches only its own pages, with stemming.

Playwright drives Debian's chromium (no browser download); the site is served from 127.0.0.1.
"""

from __future__ import annotations

import pytest

from tests.browser import build_site, chromium, serve
from tests.conftest import REPO, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = tmp_path_factory.mktemp("search")
    site = build_site(make_project(project, REPO / "content.yaml"))
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def search(browser, url: str, term: str) -> list[str]:
    page = browser.new_page()
    page.goto(url)
    page.locator(".md-search__input").first.click()
    page.keyboard.type(term, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    page.close()
    return links


@pytest.mark.parametrize(
    "prefix, term, stage",
    [
        ("", "reklamationer", "after-purchase"),  # Swedish: Efter köp
        ("nb/", "reklamasjoner", "after-purchase"),  # Norwegian: Etter kjøpet
        ("en/", "complaints", "after-purchase"),
        ("", "ambassadörer", "ambassador"),
        ("nb/", "ambassadørene", "ambassador"),
        # Stemming: these inflections appear nowhere in the content.
        ("", "ambassadörerna", "ambassador"),
        ("", "kundtjänsten", "after-purchase"),
        ("nb/", "kundeservicen", "after-purchase"),
    ],
)
def test_search_finds_the_stage_in_the_readers_language_only(
    browser, site_url, prefix, term, stage
):
    links = search(browser, site_url + prefix, term)
    paths = [link[len(site_url) :] for link in links]
    assert any(p.startswith(f"{prefix}stages/customer-journey/{stage}/") for p in paths), paths
    others = [p for p in ("nb/", "en/") if p != prefix]
    assert not [p for p in paths if p.startswith(tuple(others))], paths
    if not prefix:
        assert all(not p.startswith(("nb/", "en/")) for p in paths), paths
