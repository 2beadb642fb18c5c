"""Search in a real browser: each language searches only its own pages, with stemming.

Playwright drives Debian's chromium (no browser download); the site is served from 127.0.0.1.
"""

from __future__ import annotations

import pytest

from tests.browser import open_page, serve
from tests.conftest import BASE_PATH

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_url(default_site):
    """The default site (built once per run, conftest), served under its base path."""
    with serve(default_site.site, BASE_PATH) as url:
        yield url


def search(browser, url: str, term: str) -> list[str]:
    with open_page(browser) as page:  # a script error in search fails the test
        page.goto(url)
        page.locator(".md-search__input").first.click()
        page.keyboard.type(term, delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


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
