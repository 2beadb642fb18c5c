"""A team working through a stage in a real browser (Playwright + Debian chromium).

Covers: ticks that survive reload and language switch, progress bars, reset,
export/import into a fresh browser, typed answers, keyboard use, no-JS and
no-storage fallbacks, print media, and axe-core accessibility checks. Saves a
screenshot of a stage page per language into $PLAYBOOK_TEST_ARTIFACTS (default: a folder in /tmp).
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, KNOWN_PROBLEMS, open_page, serve
from tests.conftest import BASE_PATH

pytestmark = pytest.mark.slow

STAGE = "stages/customer-journey/after-purchase/"
JOURNEY = "stages/customer-journey/"
PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}


@pytest.fixture(scope="module")
def site(default_site):
    """The default site (built once per run, conftest), served under its base path."""
    with serve(default_site.site, BASE_PATH) as url:
        yield url


def boxes(page):
    """The stage's own checklist (shared checklists such as CX basics come after it)."""
    return page.locator("ul.playbook-checklist input[type=checkbox]:not([data-key^='shared/'])")


def ticked(page) -> list[bool]:
    return [box.is_checked() for box in boxes(page).all()]


def test_shared_checklist_tick_shows_on_every_stage_that_has_it(page, site):
    page.goto(site + STAGE)
    shared = page.locator("input[data-key='shared/cx-basics/secure-payment']")
    shared.check()
    page.goto(site + "en/stages/six-phases/decision/")
    assert page.locator("input[data-key='shared/cx-basics/secure-payment']").is_checked()
    page.goto(site + "nb/checklists/cx-basics/")
    assert page.locator("input[data-key='shared/cx-basics/secure-payment']").is_checked()


def progress(page, scope: str = ".md-content") -> list[tuple[int, int, str]]:
    return [
        (
            int(bar.evaluate("b => b.value")),
            int(bar.evaluate("b => b.max")),
            bar.locator("xpath=following-sibling::span").inner_text(),
        )
        for bar in page.locator(f"{scope} .playbook-progress progress").all()
    ]


def test_tick_survives_reload_and_language_switch(page, site):
    page.goto(site + STAGE)
    boxes(page).nth(1).check()
    assert ticked(page) == [False, True, False, False]
    page.reload()
    assert ticked(page) == [False, True, False, False]
    page.locator("a[hreflang=nb]").first.evaluate("a => a.click()")
    page.wait_for_url(site + "nb/" + STAGE)
    assert page.locator("html").get_attribute("lang") == "nb"
    assert ticked(page) == [False, True, False, False]


def test_checkboxes_are_labelled_and_keyboard_operable(page, site):
    page.goto(site + "en/" + STAGE)
    first = page.get_by_role(
        "checkbox",
        name=(
            "Show on every page of your website how customers can reach customer service and "
            "support."
        ),
    )
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    assert ticked(page)[0] is True


def test_progress_bars_on_stage_journey_and_home(page, site):
    page.goto(site + STAGE)
    boxes(page).nth(0).check()
    boxes(page).nth(2).check()
    # The stage's bar counts its own 4 items and the shared checklist's 6 (#26); the shared
    # checklist has its own bar too.
    assert progress(page) == [(2, 10, "2 av 10 klara"), (0, 6, "0 av 6 klara")]
    page.goto(site + "en/" + JOURNEY)
    # The journey's bar, after one bar per stage in the map's columns (#16): the journey
    # counts its 26 items and the shared checklist's 6 once.
    assert progress(page)[-1] == (2, 32, "2 of 32 done")
    assert progress(page, ".playbook-map")[4] == (2, 10, "2 of 10 done")
    assert len(progress(page)) == 8
    page.goto(site + "nb/")
    # The whole playbook's bar, then one per journey.
    assert progress(page)[:3] == [
        (2, 78, "2 av 78 fullført"),
        (2, 32, "2 av 32 fullført"),
        (0, 24, "0 av 24 fullført"),
    ]


def test_reset_clears_the_stage(page, site):
    page.goto(site + STAGE)
    for index in range(4):
        boxes(page).nth(index).check()
    page.goto(site + "stages/customer-journey/loyalty/")
    boxes(page).nth(0).check()
    page.goto(site + STAGE)
    page.get_by_role("button", name="Nollställ steget").click()
    page.locator("dialog").get_by_role("button", name="Nollställ steget").click()  # asks (#15)
    assert ticked(page) == [False] * 4
    assert progress(page)[0] == (0, 10, "0 av 10 klara")
    page.reload()
    assert ticked(page) == [False] * 4
    page.goto(site + "stages/customer-journey/loyalty/")
    assert ticked(page)[0] is True  # other stages keep their ticks


def test_typed_answer_persists(page, site):
    page.goto(site + STAGE)
    answer = page.get_by_role(
        "textbox", name="Vad händer i dag när en kunds produkt krånglar, steg för steg?"
    )
    answer.fill("Kunden ringer, vi svarar inom en dag. Å ä ö.")
    page.reload()
    assert answer.input_value() == "Kunden ringer, vi svarar inom en dag. Å ä ö."


def test_export_then_import_into_a_fresh_browser(browser, site, tmp_path):
    exported = tmp_path / "progress.json"
    with open_page(browser, accept_downloads=True) as first:
        first.goto(site + STAGE)
        boxes(first).nth(3).check()
        first.locator("textarea.playbook-answer").nth(1).fill("Blixten som byttes – æ ø å.")
        first.goto(site)
        with first.expect_download() as download:
            first.get_by_role("button", name="Exportera framsteg (JSON)").click()
        download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    (change,) = data["items"].values()
    assert list(data["items"]) == ["customer-journey/after-purchase/learn-from-faults"]
    assert (change["status"]["to"], change["status"]["base"]) == ("done", "-")

    with open_page(browser) as fresh:
        fresh.goto(site + "en/")
        fresh.locator("input[data-playbook-action=import-all]").set_input_files(str(exported))
        fresh.locator("dialog").get_by_role(
            "button", name="Replace"
        ).click()  # previews first (#15)
        expect(fresh.locator(".playbook-transfer .playbook-status")).to_have_text(
            "Progress imported."
        )
        fresh.goto(site + "en/" + STAGE)
        assert ticked(fresh) == [False, False, False, True]
        assert (
            fresh.locator("textarea.playbook-answer").nth(1).input_value()
            == "Blixten som byttes – æ ø å."
        )


def test_import_of_a_wrong_file_says_so(page, site, tmp_path):
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"something": "else"}', encoding="utf-8")
    page.goto(site + "nb/")
    page.locator("input[data-playbook-action=import-all]").set_input_files(str(wrong))
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "Filen kunne ikke leses som eksportert fremdrift: den er ikke merket som fremdrift "
        "eksportert fra en playbook. Ingenting ble importert."
    )


def test_stage_exports_as_markdown(page, site, tmp_path):
    page.goto(site + "en/" + STAGE)
    boxes(page).nth(0).check()
    page.locator("textarea.playbook-answer").nth(0).fill("We call back within a day.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as Markdown").click()
    path = tmp_path / "stage.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert download.value.suggested_filename == "customer-journey-after-purchase-en.md"
    assert text.startswith("# After purchase\n")
    assert (
        "- [x] Show on every page of your website how customers can reach customer service and support."
        in text
    )
    assert (
        "- [ ] Write a procedure for handling complaints, with deadlines you actually meet." in text
    )
    assert (
        "1. What happens today, step by step, when a customer's product stops working?\n   > We call back within a day."
        in text
    )


def test_without_javascript_the_page_is_a_plain_list(browser, site):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site + STAGE)
        assert boxes(page).count() == 4
        assert all(box.is_disabled() for box in boxes(page).all())
        assert page.locator("ul.playbook-checklist li").first.is_visible()
        assert not page.locator("textarea.playbook-answer").first.is_visible()
        assert not page.locator(".playbook-actions").is_visible()


NO_STORAGE = (
    "Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }});"
)
"""What a browser that blocks site data does: reading localStorage throws."""
MATERIAL_WITHOUT_STORAGE = r"uncaught error on \S+: denied \[get < __md_get\b.*"
"""Material's inline __md_get reads localStorage outside its try block, so it throws where
storage is blocked. Only this error may pass: the same error from the playbook's own script
(any other stack) still fails the test."""


def test_without_storage_ticking_still_works(browser, site):
    with open_page(browser, known=(*KNOWN_PROBLEMS, MATERIAL_WITHOUT_STORAGE)) as page:
        page.add_init_script(NO_STORAGE)
        page.goto(site + STAGE)
        boxes(page).nth(0).check()
        assert ticked(page)[0] is True
        assert progress(page)[0] == (1, 10, "1 av 10 klara")
        assert page.locator(".playbook-storage-warning").is_visible()


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="Material's __md_get throws when storage is blocked"
)
def test_without_storage_no_script_throws(browser, site):
    # When this passes (Material fixed, or the theme overrides __md_get), drop
    # MATERIAL_WITHOUT_STORAGE above.
    with open_page(browser) as page:
        page.add_init_script(NO_STORAGE)
        page.goto(site + STAGE)


def test_print_media_shows_a_worksheet_without_navigation(page, site):
    page.goto(site + STAGE)
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".playbook-search-open",
        ".playbook-actions",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert boxes(page).first.is_visible()
    writing = page.locator(".playbook-answer-print").first
    assert writing.is_visible() and writing.bounding_box()["height"] > 60


def test_print_page_holds_every_stage(page, site):
    page.goto(site + "nb/" + JOURNEY + "print/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("h2").count() >= 7
    assert boxes(page).count() == 26


def test_journey_map_is_labelled_and_links_every_stage(page, site):
    page.goto(site + "en/" + JOURNEY)
    journey_map = page.get_by_role("region", name="Journey map")
    links = journey_map.get_by_role("link").all()
    assert [link.get_attribute("href") for link in links] == [
        "awareness/",
        "interest/",
        "consideration/",
        "purchase/",
        "after-purchase/",
        "loyalty/",
        "ambassador/",
        "awareness/",
    ]
    expect(links[-1]).to_have_accessible_name("Back to Awareness")
    caption = journey_map.locator("caption").inner_text()
    assert "after Ambassador the journey starts again at Awareness" in caption


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_journey_map_scrolls_inside_itself_at_360_px_in_light_and_dark(browser, site, scheme):
    with open_page(browser, viewport={"width": 360, "height": 740}) as page:
        page.goto(site + JOURNEY)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        # The map scrolls sideways on its own; the page around it never does (the done
        # marks' screen-reader texts once widened it to 1102 px).
        expect(page.locator(".playbook-map .playbook-stage-done").first).to_be_visible()
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(
              e => e.getBoundingClientRect().right > 361 && !e.closest('.playbook-map')
            ).map(e => e.tagName + '.' + e.className)"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
        region = page.locator(".playbook-map")
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"journey-map-360-{scheme}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
@pytest.mark.parametrize(
    "path", ["", JOURNEY, STAGE, JOURNEY + "workshop/", "comparison/", "accessibility/"]
)
def test_axe_finds_no_serious_violations(browser, site, lang, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    with open_page(browser, color_scheme=scheme) as page:
        page.goto(site + PREFIX[lang] + path)
        assert page.locator("html").get_attribute("lang") == lang
        results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_screenshot_of_a_stage_page(browser, site, lang):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"stage-{lang}.png"
    with open_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(site + PREFIX[lang] + STAGE)
        page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_every_page_kind_loads_without_a_script_error(page, site):
    # One page of each kind the tests above do not open, each in every language.
    for prefix in PREFIX.values():
        for path in ("glossary/", "sources/", "comparison/", "checklists/cx-basics/", "404.html"):
            page.goto(site + prefix + path)
            assert page.locator("h1").count() == 1, prefix + path


def test_language_switcher_asks_only_for_files_that_exist(browser, site):
    # Material's alternate-link handler fetched sitemap.xml beside every page an alternate
    # link names: 404s on every page, and, with absolute alternates, requests to the
    # published host from a local preview. theme/main.html answers those itself.
    with open_page(browser, known=()) as page:
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(site + STAGE)
        page.wait_for_load_state("networkidle")
        assert [url for url in asked if "sitemap" in url] == []
        page.locator("a[hreflang=nb]").first.evaluate("a => a.click()")
        page.wait_for_url(site + "nb/" + STAGE)
