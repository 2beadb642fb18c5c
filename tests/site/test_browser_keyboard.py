"""The site by keyboard at 320 and 1280 px (issue #26, point 6: what a manual audit found
and axe does not): where focus goes when a dialog opens or a share link is read, what a
checkbox's description says, and that focus is never hidden."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.browser import open_page, serve
from tests.conftest import BASE_PATH, REPO, build_project

pytestmark = pytest.mark.slow

JOURNEY = "en/stages/customer-journey/"
STAGE = JOURNEY + "after-purchase/"
WIDTHS = [320, 1280]
EXAMPLE = REPO / "examples" / "team-progress"
NOTE = "Väntar på leveransdatum från leverantören – Øystein frågar."


@pytest.fixture(scope="module")
def site(default_site):
    with serve(default_site.site, BASE_PATH) as url:
        yield url


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(request, browser):
    with open_page(browser, viewport={"width": request.param, "height": 640}) as page:
        page.set_default_timeout(5000)
        yield page


def focused(page) -> dict:
    """The focused element: its tag, class, text, and whether it is on screen."""
    return page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect();
             return {tag: e.tagName, cls: e.className, text: (e.textContent || '').trim(),
                     on_screen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                                && r.bottom <= innerHeight && r.right <= innerWidth} }"""
    )


def test_a_dialog_opens_on_its_first_button_the_safe_one(page, site):
    page.goto(site + STAGE)
    page.locator("[data-playbook-action=reset-stage]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#playbook-reset")
    expect(dialog).to_be_visible()
    buttons = dialog.locator("button")
    expect(buttons.first).to_have_text("Cancel")
    expect(buttons.first).to_be_focused()
    assert focused(page)["on_screen"]
    page.keyboard.press("Enter")  # Cancel: nothing is reset
    expect(dialog).to_be_hidden()


def test_a_broken_share_links_error_is_focused_on_screen(page, site):
    page.goto(site + JOURNEY + "#share=1.AAAA")
    status = page.locator(".playbook-sharelink .playbook-status")
    expect(status).to_have_text(
        "The share link could not be read: it is cut short or damaged. Nothing was changed."
    )
    expect(status).to_be_focused()
    assert focused(page)["on_screen"]


def test_a_share_links_outcome_is_focused_on_screen(page, site):
    page.goto(site + JOURNEY)
    page.locator("[data-playbook-action=make-link]").click()
    field = page.locator(".playbook-sharelink__url")
    expect(field).to_be_focused()
    link = field.input_value()
    page.goto("about:blank")
    page.goto(link)
    dialog = page.locator("#playbook-link")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Add to mine")).to_be_focused()
    page.keyboard.press("Enter")
    status = page.locator(".playbook-sharelink .playbook-status")
    expect(status).to_have_text("The share link's ticks and answers have been added.")
    expect(status).to_be_focused()
    assert focused(page)["on_screen"]


@pytest.fixture(scope="module")
def team_site(tmp_path_factory):
    """examples/team-progress, built as CI builds it (its share-timeline item is overdue)."""
    project = tmp_path_factory.mktemp("team") / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    build_project(project / "content.yaml")
    with serve(project / "site") as url:
        yield url


def test_an_items_team_state_is_its_checkboxs_description_and_changes_are_read(page, team_site):
    page.goto(team_site + "en/stages/first-90-days/welcome/")
    box = page.locator("li#share-timeline input[type=checkbox]")
    state = "In progress · Owner: Projektledare · due 2023-10-02 · Overdue · " + NOTE
    expect(box).to_have_accessible_description(state)
    box.focus()
    page.keyboard.press("Space")  # the team says in progress; this browser says done
    expect(box).to_have_accessible_description(state + " Only in this browser")
    expect(page.locator(".playbook-announce")).to_have_text(state + " · Only in this browser")
    page.keyboard.press("Space")
    expect(box).to_have_accessible_description(state)
    expect(page.locator(".playbook-announce")).to_have_text(state)


SEEN = """() => {
    const e = document.activeElement, r = e.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const map = e.closest('.playbook-map');
    const lane = map && map.querySelector('tbody th');
    const box = map ? map.getBoundingClientRect() : {left: 0, right: innerWidth};
    const left = lane ? lane.getBoundingClientRect().right : box.left;
    return {text: (e.textContent || '').trim().slice(0, 40), in_map: Boolean(map),
            link: e.tagName === 'A', at: [r.top, r.bottom, r.left, r.right, left, header.bottom],
            seen: r.top >= header.bottom - 1 && r.bottom <= innerHeight + 1
                  && r.left >= left - 1 && r.right <= Math.min(box.right, innerWidth) + 1};
}"""


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_every_focused_link_in_the_content_is_in_full_view(page, site, key):
    """Nothing focused in the content hides under the sticky header, off the screen or,
    inside the journey map, under its sticky lane labels or outside its scroll box."""
    page.goto(site + JOURNEY)
    links = page.locator(".md-content a[href]")
    count = links.count()
    (links.first if key == "Tab" else links.last).focus()
    hidden, in_map = [], 0
    for _ in range(count - 1):
        page.keyboard.press(key)
        where = page.evaluate(SEEN)
        if not page.evaluate("() => Boolean(document.activeElement.closest('.md-content'))"):
            break
        if not where["link"]:
            continue  # the map's own scroll box (focusable, taller than the screen)
        in_map += where["in_map"]
        if not where["seen"]:
            hidden.append((where["text"], where["at"]))
    assert in_map >= 7  # the map's stage links were among them
    assert hidden == []


def test_the_share_link_field_shows_its_focus(page, site):
    page.goto(site + JOURNEY)
    page.locator("[data-playbook-action=make-link]").focus()
    page.keyboard.press("Enter")
    field = page.locator(".playbook-sharelink__url")
    expect(field).to_be_focused()
    assert field.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert focused(page)["on_screen"]


def test_the_maps_column_headers_say_the_stage_and_its_count_once(page, site):
    page.goto(site + JOURNEY)
    page.locator(".playbook-map .playbook-stage-done").first.wait_for()
    headers = page.locator(".playbook-map thead th")
    expect(headers.first).to_have_accessible_name("1 Awareness 0 of 4 done")
    expect(headers.nth(6)).to_have_accessible_name("7 Ambassador 0 of 10 done")
    assert "progressbar" not in page.locator(".playbook-map thead").aria_snapshot()


def test_the_language_menu_names_each_language_in_it_and_no_landmark_is_empty(page, site):
    page.goto(site + JOURNEY)
    links = page.locator(".md-select__link[hreflang]")
    assert links.evaluate_all("ls => ls.map(a => [a.lang, a.hreflang, a.textContent.trim()])") == [
        ["sv", "sv", "Svenska"],
        ["nb", "nb", "Norsk (bokmål)"],
        ["en", "en", "English"],
    ]
    empty = page.locator("aside, [role=complementary]").evaluate_all(
        "asides => asides.filter(a => !a.textContent.trim()).length"
    )
    assert empty == 0


def test_a_stages_tab_title_names_its_journey_and_the_loop_says_so_in_words(page, site):
    page.goto(site + STAGE)
    assert page.title() == (
        "After purchase · The never-ending customer journey - The Customer Journey Playbook"
    )
    page.goto(site + JOURNEY)
    loop = page.locator(".md-content p", has_text="↺")
    expect(loop).to_have_text("↺ The journey starts again: Awareness")
    loop.get_by_role("link").focus()
    assert focused(page) == {**focused(page), "text": "Awareness", "on_screen": True}


def test_tab_reaches_the_menu_and_search_and_never_the_closed_drawer(page, site):
    page.goto(site + STAGE)
    narrow = page.viewport_size["width"] == 320
    stops = []
    for _ in range(25):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const e = document.activeElement;
                 // Material's palette switch: a 0-size radio, shown by the label after it.
                 const shown = e.matches('.md-option') ? e.nextElementSibling : e;
                 const r = shown.getBoundingClientRect();
                 return {name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30),
                         drawer: Boolean(e.closest('.md-sidebar--primary')),
                         on_screen: r.width > 0 && r.right > 0 && r.left < innerWidth
                                    && r.bottom > 0 && r.top < innerHeight} }"""
        )
        stops.append(where)
    assert [stop["name"] for stop in stops if not stop["on_screen"]] == []
    names = [stop["name"] for stop in stops]
    assert "Search" in names
    if not narrow:  # the navigation is beside the page, not a drawer
        return
    assert not any(stop["drawer"] for stop in stops)
    menu = page.locator(".md-header label[for=__drawer]")
    assert "Navigation" in names
    menu.focus()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary .md-nav__list a[href]").first).to_be_focused()
    page.wait_for_timeout(400)  # the drawer slides in
    assert focused(page)["on_screen"]
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")  # a button opens with Space too
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary .md-nav__list a[href]").first).to_be_focused()
