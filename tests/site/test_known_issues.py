"""The accessibility statement's known issues, each as a test of the fix that fails today.

Every entry of generator/known_issues.py has one test here, marked as an expected failure
(strict). When a fix lands, its test passes, the run fails on the unexpected pass, and the
fixer removes the entry from KNOWN_ISSUES (and its texts from ui_text/*.yml) and the mark
here: the statement then stops listing the issue. test_every_known_issue_has_its_test keeps
the list and the tests one to one.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.content.loader import load_content
from generator.content.source import read_yaml
from generator.known_issues import KNOWN_ISSUES
from generator.site.render import render
from generator.team.loader import validate_status
from tests.browser import open_page, serve
from tests.conftest import BASE_PATH, FIXTURES

TESTED: dict[str, str] = {}


def known_issue(issue_id: str):
    """Mark a test as the fix of a known issue: an expected failure until it is fixed."""

    def mark(test):
        TESTED[issue_id] = test.__name__
        return pytest.mark.xfail(
            strict=True, raises=AssertionError, reason=f"known issue {issue_id}"
        )(test)

    return mark


@pytest.fixture(scope="module")
def site(default_site):
    with serve(default_site.site, BASE_PATH) as url:
        yield url


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
             // Material's palette switch: a 0-size radio, shown by the label after it.
             const r = (e.matches('.md-option') ? e.nextElementSibling : e).getBoundingClientRect();
             const header = document.querySelector('.md-header').getBoundingClientRect();
             return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
                     visible: r.width > 0 && r.right > 0 && r.left < innerWidth
                              && r.bottom > 0 && r.top < innerHeight,
                     under_header: r.top < header.bottom && r.bottom > 0} }"""
    )


@pytest.mark.slow
def test_at_320_px_every_tab_stop_is_on_screen(browser, site):
    with open_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(site + "en/stages/customer-journey/awareness/")
        hidden = []
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = _focused(page)
            if not focused["visible"]:
                hidden.append(focused["text"])
        assert hidden == []


@pytest.mark.slow
def test_shift_tab_never_leaves_focus_under_the_header(browser, site):
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site + "en/stages/customer-journey/after-purchase/")
        page.locator(".md-content a").last.focus()
        covered = []
        for _ in range(40):
            page.keyboard.press("Shift+Tab")
            focused = _focused(page)
            if focused["under_header"] and focused["tag"] == "A":
                covered.append(focused["text"])
        assert covered == []


@pytest.mark.slow
def test_the_share_link_field_shows_its_focus(browser, site):
    style = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow] }"
    with open_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site + "en/stages/customer-journey/")
        page.get_by_role("button", name="Make a share link").click()
        field = page.locator(".playbook-sharelink__url")
        field.focus()
        assert field.evaluate(style) != ["none", "none"]


@pytest.mark.slow
def test_each_language_name_is_marked_with_its_language(default_site):
    page = (default_site.site / "en/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*hreflang="(\w+)"[^>]*>', page)
    tags = re.findall(r'<a [^>]*hreflang="\w+"[^>]*>', page)
    if len(links) != 3:  # not an AssertionError: a broken test must fail, not "xfail"
        raise LookupError(f"expected three language links, found {links}")
    # " lang=", not the "lang=" inside "hreflang=".
    assert all(f' lang="{code}"' in tag for code, tag in zip(links, tags, strict=True))


@pytest.mark.slow
def test_no_page_has_an_empty_aside(default_site):
    page = (default_site.site / "en/index.html").read_text(encoding="utf-8")
    asides = re.findall(r"<aside[^>]*>(.*?)</aside>", page, re.S)
    assert all(re.sub(r"<[^>]*>|\s", "", inside) for inside in asides)


@pytest.mark.slow
def test_no_two_stage_pages_share_a_title(default_site):
    titles = [
        re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1)
        for path in sorted((default_site.site / "en/stages").glob("*/*/index.html"))
        if path.parent.name not in ("print", "poster", "workshop")
    ]
    if len(titles) != 21:  # not an AssertionError: a broken test must fail, not "xfail"
        raise LookupError(f"expected the 21 stage pages, found {len(titles)}")
    assert len(titles) == len(set(titles))


@pytest.mark.slow
def test_the_link_round_the_loop_says_so_in_words(default_site):
    page = (default_site.site / "en/stages/customer-journey/index.html").read_text("utf-8")
    # Today: <p>↺ <a href="awareness/">Awareness</a></p>, the glyph alone says it loops.
    assert not re.search(r"<p>↺ <a [^>]*>[^<]*</a></p>", page)


def test_an_items_team_state_is_part_of_its_checkbox_description():
    playbook = load_content(FIXTURES / "small.yaml")
    status = validate_status(read_yaml(FIXTURES / "small-progress.yaml"))
    pages = render(playbook, team=status, today=date(2023, 11, 14))
    stage = next(text for path, text in pages.items() if path.name == "first.en.md")
    box = re.search(r'<input type="checkbox"[^>]*data-key="loop/first/know-names"[^>]*>', stage)
    if box is None:  # not an AssertionError: a broken test must fail, not "xfail"
        raise LookupError("no checkbox for loop/first/know-names")
    assert "aria-describedby" in box.group(0)


def test_every_known_issue_has_its_test():
    assert set(TESTED) == {issue.id for issue in KNOWN_ISSUES}
    assert len(TESTED) == len(KNOWN_ISSUES)
