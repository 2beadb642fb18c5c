"""The team page as a board (issue #26, point 1), in a real browser.

examples/team-progress is built as CI builds it (SOURCE_DATE_EPOCH: 2023-11-14), with four
more entries so that every due group has rows: due 2023-11-16 and 2023-11-20 are within a
week, 2023-11-21 is later (the boundary), a done item due 2023-11-01 is in no due group.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser import open_page, serve
from tests.conftest import REPO, build_project

pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "team-progress"
MORE = {
    "first-90-days/first-use/check-first-login": {"status": "not-started", "owner": "åsa ",
                                                  "due": "2023-11-16"},
    "first-90-days/check-in/hold-check-in": {"status": "in-progress", "owner": "Åsa",
                                             "due": "2023-11-20"},
    "first-90-days/check-in/send-survey": {"status": "done", "owner": "Åsa", "due": "2023-11-01"},
    "first-90-days/renewal/review-goals": {"status": "not-started", "owner": "Projektledare",
                                           "due": "2023-11-21"},
}  # fmt: skip
ALL_ROWS = [
    "Name one contact person for the customer",
    "Book the kickoff meeting",
    "Send the welcome letter",
    "Share the rollout timeline",
    "Post a printed welcome pack",
    "Log the contact in the customer register",
    "Train the customer's users",
    "Check that everyone has logged in",
    "Hold the check-in meeting",
    "Send a short survey",
    "Log the contact in the customer register",
    "Review the goals from the kickoff",
]


def _project(tmp_path_factory, publish: str):
    project = tmp_path_factory.mktemp("board-" + publish) / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    status = yaml.safe_load((project / "progress.yaml").read_text(encoding="utf-8"))
    status["items"].update(MORE)
    (project / "progress.yaml").write_text(yaml.safe_dump(status, allow_unicode=True), "utf-8")
    if publish != "full":
        content = (project / "content.yaml").read_text(encoding="utf-8")
        content += f"team:\n  publish: {publish}\n"
        (project / "content.yaml").write_text(content, encoding="utf-8")
    build_project(project / "content.yaml")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve(_project(tmp_path_factory, "full") / "site") as url:
        yield url


def shown(page) -> list[str]:
    """The texts of the rows a reader sees, top to bottom."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.playbook-board__item')]
            .filter(li => li.offsetParent !== null)
            .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
            .map(li => li.querySelector('.playbook-board__text').textContent)"""
    )


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def wider_than_the_window(page) -> list[str]:
    """What in the page's text reaches past the window's right edge. (Without the script,
    Material's closed language menu in the header does, on every page: not the board's.)"""
    return page.evaluate(
        """() => [...document.querySelectorAll('article, article *')].filter(e =>
            e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map(e => e.tagName + '.' + e.className)"""
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_without_javascript_the_board_is_every_row_and_fits(browser, site, width):
    with open_page(browser, java_script_enabled=False,
                   viewport={"width": width, "height": 900}) as page:  # fmt: skip
        page.goto(site + "en/team/")
        assert shown(page) == ALL_ROWS
        assert page.locator(".playbook-board-filters").is_hidden()
        assert wider_than_the_window(page) == []
        row = page.locator(".playbook-board__item", has_text="Share the rollout timeline")
        assert row.inner_text().split("\n")[0] == (
            "Share the rollout timeline In progress ⚠ Overdue Owner: Projektledare"
            " due 2023-10-02 Väntar på leveransdatum från leverantören – Øystein frågar."
        )
        # Each stage's numbers as one line, not a table of nine columns.
        assert page.locator(".playbook-board-journey table").count() == 0
        expect(page.locator(".playbook-board-stage .playbook-board__summary").nth(1)).to_have_text(
            "1 of 3 done · In progress: 2 · Not applicable: 1 · Overdue: 1 · Answers: 1/1"
        )


@pytest.mark.parametrize("width", [360, 1280])
def test_filters_and_sorting_show_exactly_their_rows(browser, site, width):
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(site + "en/team/")
        assert no_sideways_scroll(page)
        count = page.locator(".playbook-board-filters__count")
        expect(count).to_have_text("12 of 12 items shown")
        expect(count).to_have_attribute("role", "status")
        page.get_by_label("Due", exact=True).select_option("week")
        assert shown(page) == ["Check that everyone has logged in", "Hold the check-in meeting"]
        expect(count).to_have_text("2 of 12 items shown")
        page.get_by_label("Due", exact=True).select_option("later")
        assert shown(page) == ["Train the customer's users", "Review the goals from the kickoff"]
        page.get_by_label("Due", exact=True).select_option("overdue")
        assert shown(page) == ["Share the rollout timeline"]
        page.get_by_label("Due", exact=True).select_option("")
        page.get_by_label("Owner", exact=True).select_option("Åsa")
        assert shown(page) == ["Hold the check-in meeting", "Send a short survey"]
        page.get_by_label("Owner", exact=True).select_option("")
        page.get_by_label("Status", exact=True).select_option("not-started")
        assert shown(page) == [
            "Train the customer's users",
            "Check that everyone has logged in",
            "Review the goals from the kickoff",
        ]
        page.get_by_label("Status", exact=True).select_option("")
        page.get_by_label("Order", exact=True).select_option("due")
        assert shown(page)[:6] == [
            "Share the rollout timeline",  # 2023-10-02
            "Send a short survey",  # 2023-11-01
            "Check that everyone has logged in",  # 2023-11-16
            "Hold the check-in meeting",  # 2023-11-20
            "Review the goals from the kickoff",  # 2023-11-21
            "Train the customer's users",  # 2030-06-30
        ]
        assert len(shown(page)) == 12
        # Sorted across stages, each row says where it belongs.
        expect(page.locator(".playbook-board--sorted .playbook-board__where").first).to_have_text(
            "The first 90 days · 1. Welcome"
        )
        assert no_sideways_scroll(page)
        page.get_by_label("Order", exact=True).select_option("")
        assert shown(page) == ALL_ROWS


def test_mine_shows_the_items_of_the_name_the_reader_set(browser, site):
    with open_page(browser) as page:
        page.goto(site + "en/team/")
        expect(page.locator(".playbook-board-filters__mine")).to_be_hidden()  # no name yet
        page.goto(site + "en/")
        page.locator("[data-playbook-action=share-changes]").click()
        page.locator("#playbook-share-name").fill("ÅSA")
        page.locator("#playbook-share-name").blur()
        page.goto(site + "en/team/")
        mine = page.get_by_label("Only mine (ÅSA)")
        # By keyboard: Tab to the box, Space ticks it.
        mine.focus()
        page.keyboard.press("Space")
        expect(mine).to_be_checked()
        assert shown(page) == [
            "Check that everyone has logged in",
            "Hold the check-in meeting",
            "Send a short survey",
        ]
        expect(page.locator(".playbook-board-filters__count")).to_have_text("3 of 12 items shown")


def test_under_counts_no_owners_or_notes_and_the_page_says_so(browser, tmp_path_factory):
    project = _project(tmp_path_factory, "counts")
    with serve(project / "site") as url, open_page(browser) as page:
        page.goto(url + "en/team/")
        assert shown(page) == ALL_ROWS
        expect(page.locator(".playbook-board__owner")).to_have_count(0)
        expect(page.locator(".playbook-board__note")).to_have_count(0)
        expect(page.get_by_label("Owner", exact=True)).to_have_count(0)
        expect(page.locator(".playbook-board-filters__mine")).to_have_count(0)
        expect(page.locator("article")).to_contain_text("but not owners, notes or answers")
        assert page.locator(".playbook-board__item").first.get_attribute("data-owner") == ""
