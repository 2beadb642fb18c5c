"""The first hour in a real browser (issue #29): the home page's cards at 360 and 1280 px, with
and without JavaScript, by keyboard; the start link after ticking; axe on the new pages; and
reflow at 320 px on the pages the accessibility statement says were checked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import open_page, serve
from tests.conftest import BASE_PATH

pytestmark = pytest.mark.slow

WORKSHOP = "stages/customer-journey/workshop/"


@pytest.fixture(scope="module")
def site(default_site):
    with serve(default_site.site, BASE_PATH) as url:
        yield url


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    "path", ["", "en/", WORKSHOP, "comparison/", "accessibility/", "en/accessibility/"]
)
def test_axe_finds_nothing_serious_on_the_first_hour_pages(browser, site, path, width):
    with open_page(browser, viewport={"width": width, "height": 800}) as page:
        page.goto(site + path)
        assert serious(page) == []


def test_without_javascript_the_home_page_is_plain_links_to_each_first_stage(browser, site):
    with open_page(
        browser, java_script_enabled=False, viewport={"width": 360, "height": 740}
    ) as page:
        page.goto(site + "en/")
        cards = page.locator("li.playbook-card")
        expect(cards).to_have_count(4)
        starts = page.locator("a.playbook-start")
        assert [a.inner_text() for a in starts.all()] == [
            "Start here: Awareness",
            "Start here: The customer notices you",
            "Start here: Problem awareness",
            "Start here: Need recognition",
        ]
        assert [a.get_attribute("href") for a in starts.all()] == [
            "stages/customer-journey/awareness/",
            "stages/six-phases/notice/",
            "stages/buyers-journey/awareness/",
            "stages/purchase-process/need-recognition/",
        ]
        # Everything a card offers is a link that leads somewhere; nothing waits for a script.
        links = page.locator("li.playbook-card a")
        assert links.count() == 4 * 3 + 21 + 1  # title, start, guide; each stage; the loop
        assert all(a.is_visible() for a in links.all())
        starts.nth(2).click()
        assert page.url == site + "en/stages/buyers-journey/awareness/"
        page.go_back()
        page.get_by_role("link", name="Workshop guide").first.click()
        assert page.url == site + "en/" + WORKSHOP
        expect(page.locator("table.playbook-agenda")).to_be_visible()
        page.goto(site + "en/comparison/")
        expect(page.get_by_role("heading", name="Which model fits?")).to_be_visible()
        expect(page.get_by_role("link", name="The buyer's journey").first).to_be_visible()


def test_start_here_continues_at_the_first_open_item_once_something_is_ticked(page, site):
    page.goto(site + "stages/buyers-journey/")
    for box in page.locator("#checklist ~ ul.playbook-checklist input[type=checkbox]").all()[:4]:
        box.check()
    page.goto(site + "stages/buyers-journey/awareness/")
    page.locator("input[data-key='buyers-journey/awareness/problem-content']").check()
    page.goto(site)
    start = page.locator("#buyers-journey a.playbook-start")
    expect(start).to_have_text("Fortsätt: Insikt")
    assert start.get_attribute("href") == "stages/buyers-journey/awareness/#visible-search"
    start.click()
    assert page.url == site + "stages/buyers-journey/awareness/#visible-search"
    # Another journey, untouched, still starts at its first stage.
    page.goto(site)
    expect(page.locator("#purchase-process a.playbook-start")).to_have_text(
        "Börja här: Behovsidentifikation"
    )


def test_start_here_says_so_when_everything_is_ticked_and_comes_back_when_unticked(page, site):
    for stage in ("", "awareness/", "consideration/", "decision/"):
        page.goto(site + "en/stages/buyers-journey/" + stage)
        for box in page.locator("input[data-key^='buyers-journey/']").all():
            box.check()
    page.goto(site + "en/")
    start = page.locator("#buyers-journey a.playbook-start")
    expect(start).to_have_text("All ticked – see the journey")
    assert start.get_attribute("href") == "stages/buyers-journey/"
    page.goto(site + "en/stages/buyers-journey/decision/")
    page.locator("input[data-key='buyers-journey/decision/easy-start']").uncheck()
    page.goto(site + "en/")
    expect(start).to_have_text("Continue: Decision")
    assert start.get_attribute("href") == "stages/buyers-journey/decision/#easy-start"


def test_the_keyboard_reaches_every_card_link_in_reading_order(browser, site):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site + "en/")
        expected = page.evaluate(
            "() => [...document.querySelectorAll('.playbook-how a, li.playbook-card a')]"
            ".map(a => a.getAttribute('href'))"
        )
        reached = []
        for _ in range(120):
            page.keyboard.press("Tab")
            inside = page.evaluate(
                "() => { const a = document.activeElement;"
                " return a.closest('.playbook-how, li.playbook-card') ? a.getAttribute('href') : null }"
            )
            if inside is not None:
                reached.append(inside)
            if len(reached) == len(expected):
                break
        assert reached == expected
        for _ in range(10):  # back up to the last card's start link
            if (
                page.evaluate("document.activeElement.textContent")
                == "Start here: Need recognition"
            ):
                break
            page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.textContent") == "Start here: Need recognition"
        page.keyboard.press("Enter")
        page.wait_for_url(site + "en/stages/purchase-process/need-recognition/")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "en/",
        "stages/customer-journey/after-purchase/",
        WORKSHOP,
        "comparison/",
        "accessibility/",
    ],
)
def test_at_320_px_the_page_needs_no_sideways_scrolling(browser, site, path):
    with open_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(site + path)
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => {
                 const r = e.getBoundingClientRect();
                 return r.right > 321 && !e.closest('.playbook-map, .md-typeset__scrollwrap, .md-sidebar, .md-search, .md-header, .md-select');
               }).map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide
