"""Safe import and reset, each stage's done state and the journey summary, in a real
browser (issue #15, part 0).

An import previews what it would do and lets the reader merge, replace or cancel, then
undo; a file of a newer or unknown format version is refused before anything is read.
A reset asks first, lists what it clears, clears exactly that, and can be undone.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, open_page, serve, stored
from tests.htmlscan import Page

pytestmark = pytest.mark.slow

JOURNEY = "stages/customer-journey/"
STAGE = JOURNEY + "after-purchase/"
SHARED = "shared/cx-basics/secure-payment"  # shown on after-purchase and five other stages
PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}


@pytest.fixture(scope="module")
def built(default_site):
    return default_site.site  # the session's one build of the default playbook


@pytest.fixture(scope="module")
def site(built):
    with serve(built) as url:
        yield url


@pytest.fixture
def page(browser):
    # Fails the test on any JavaScript error or request to another host.
    with open_page(browser, accept_downloads=True) as page:
        page.set_default_timeout(5000)
        yield page


def store(page, ticks: dict, answers: dict) -> None:
    """Put progress in this browser as a reader would have left it, then reload."""
    page.evaluate(
        """([ticks, answers]) => {
            const key = 'journey-playbook:' + __md_scope.pathname;
            localStorage.setItem(key, JSON.stringify(
                {format: 'journey-playbook-progress', version: 1, ticks, answers}));
        }""",
        [ticks, answers],
    )
    page.reload()


def progress_file(tmp_path, name="colleague.json", **fields) -> str:
    body = {"format": "journey-playbook-progress", "version": 1, "ticks": {}, "answers": {}}
    body.update(fields)
    path = tmp_path / name
    path.write_text(json.dumps(body), encoding="utf-8")
    return str(path)


def confirmation(page):
    """The page's own dialog (Material's search box is a role=dialog too)."""
    return page.locator("dialog.playbook-dialog")


def choose_file(page, path: str) -> None:
    page.locator("input[data-playbook-action=import-all]").set_input_files(path)


# A colleague's file: one tick this browser has, one it lacks, one answer that differs
# from this browser's, one new answer, and two ids from older content.
AWARENESS = "customer-journey/awareness/"
MINE = {
    "ticks": {AWARENESS + "known-for": True, AWARENESS + "values-visible": True},
    "answers": {AWARENESS + "recognised-without-buying": "Vi själva."},
}
THEIRS = {
    "ticks": {
        AWARENESS + "known-for": True,
        AWARENESS + "ask-outsiders": True,
        "customer-journey/gone-stage/old-item": True,
    },
    "answers": {
        AWARENESS + "recognised-without-buying": "Grannarna.",
        AWARENESS + "identify-with-brand": "På mässan.",
        "customer-journey/awareness/removed-prompt": "Borta.",
    },
}


@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_the_home_page_lists_every_key_the_site_saves(built, lang):
    # The ids an import calls unknown are those missing from this list, so it must hold
    # exactly the keys of every checkbox and answer box on the site's pages.
    ticks, answers = set(), set()
    for path in built.rglob("*.html"):
        for tag, attrs in Page(path).tags:
            if tag == "input" and attrs.get("type") == "checkbox" and "data-key" in attrs:
                ticks.add(attrs["data-key"])
            elif tag == "textarea" and "data-key" in attrs:
                answers.add(attrs["data-key"])
    home = built / PREFIX[lang] / "index.html"
    (transfer,) = [a for t, a in Page(home).tags if "playbook-transfer" in a.get("class", "")]
    assert sorted(transfer["data-known-ticks"].split()) == sorted(ticks)
    assert sorted(transfer["data-known-answers"].split()) == sorted(answers)
    assert len(ticks) == 26 + 18 + 13 + 15 + 6 and len(answers) == 13 + 7 + 3 + 5


def test_import_previews_what_it_would_do_before_doing_it(page, site, tmp_path):
    page.goto(site + "en/")
    store(page, **MINE)
    choose_file(page, progress_file(tmp_path, **THEIRS))
    dialog = page.get_by_role("dialog", name="Import progress from colleague.json?")
    expect(dialog).to_be_visible()
    lines = dialog.locator("li").all_inner_texts()
    assert lines == [
        "ticked items: 2",
        "unticked items: 0",
        "answers: 2",
        "customer-journey/awareness/removed-prompt",
        "customer-journey/gone-stage/old-item",
        "new ticks: 1",
        "items here that are unticked: 0",
        "new answers: 1",
        "answers here that the file's answer replaces: 1",
        "ticks here that are removed: 1",
        "answers here that are removed or changed: 1",
    ]
    expect(dialog.locator("[data-count=unknown]")).to_have_text(
        "IDs this playbook does not have, which will be ignored: 2"
    )
    assert stored(page) == MINE  # nothing happens before the reader chooses
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()


def test_import_merges_ignores_unknown_ids_and_can_be_undone(page, site, tmp_path):
    page.goto(site + "en/")
    store(page, **MINE)
    choose_file(page, progress_file(tmp_path, **THEIRS))
    confirmation(page).get_by_role("button", name="Merge").click()
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text("Progress imported.")
    assert stored(page) == {
        "ticks": {
            AWARENESS + "known-for": True,
            AWARENESS + "values-visible": True,
            AWARENESS + "ask-outsiders": True,
        },
        "answers": {
            AWARENESS + "recognised-without-buying": "Grannarna.",
            AWARENESS + "identify-with-brand": "På mässan.",
        },
    }
    assert progress_of_first_journey(page) == "3 of 32 done"
    page.reload()  # the undo is still offered after a reload (#25)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "The import has been undone: the progress is as it was before."
    )
    assert stored(page) == MINE
    assert progress_of_first_journey(page) == "2 of 32 done"
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()  # one undo, not a history
    page.reload()
    expect(page.locator(".playbook-transfer")).to_be_visible()
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()


def test_import_replaces_when_chosen_and_can_be_undone(page, site, tmp_path):
    page.goto(site + "nb/")
    store(page, **MINE)
    choose_file(page, progress_file(tmp_path, **THEIRS))
    confirmation(page).get_by_role("button", name="Erstatt").click()
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "Fremdriften er importert."
    )
    assert stored(page) == {
        "ticks": {AWARENESS + "known-for": True, AWARENESS + "ask-outsiders": True},
        "answers": {
            AWARENESS + "recognised-without-buying": "Grannarna.",
            AWARENESS + "identify-with-brand": "På mässan.",
        },
    }
    page.get_by_role("button", name="Angre").click()
    assert stored(page) == MINE
    page.goto(site + "nb/stages/customer-journey/awareness/")
    assert page.locator(f"input[data-key='{AWARENESS}values-visible']").is_checked()


@pytest.mark.parametrize("how", ["button", "escape"])
def test_a_cancelled_import_changes_nothing(page, site, tmp_path, how):
    page.goto(site)
    store(page, **MINE)
    choose_file(page, progress_file(tmp_path, ticks={}, answers={}))
    dialog = confirmation(page)
    expect(dialog).to_be_visible()
    if how == "button":
        dialog.get_by_role("button", name="Avbryt").click()
    else:
        page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "Importen avbröts. Inget ändrades."
    )
    assert stored(page) == MINE


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        # The case from the issue: an empty file from the future must not wipe anything.
        (
            {"version": 3, "ticks": {}, "answers": {}},
            "The file comes from a newer version of the playbook (format version 3); "
            "this site reads version 2. Nothing was imported.",
        ),
        (
            {"version": "1.0"},
            'The file\'s format version ("1.0") is unknown; this site reads version 2. '
            "Nothing was imported.",
        ),
        (
            {"version": 0},
            "The file's format version (0) is unknown; this site reads version 2. "
            "Nothing was imported.",
        ),
        (
            {"version": None},
            "The file's format version (null) is unknown; this site reads version 2. "
            "Nothing was imported.",
        ),
        (
            {"format": "another-tool"},
            "The file could not be read as exported progress: it is not marked as progress "
            "exported from a playbook. Nothing was imported.",
        ),
        (
            {"ticks": ["customer-journey/awareness/known-for"]},
            "The file is marked as progress, but its ticks or answers are not in the expected "
            "form. Nothing was imported.",
        ),
        # The caps of a share link (#23): more ids than a link may carry, refused unlisted.
        (
            {"ticks": {f"customer-journey/awareness/item-{n}": True for n in range(5001)}},
            "The file is larger than exported progress can be (more than 4 MB or 5,000 ids). "
            "Nothing was imported.",
        ),
    ],
    ids=[
        "newer",
        "string-version",
        "version-0",
        "no-version",
        "wrong-format",
        "ticks-list",
        "too-many-ids",
    ],
)
def test_a_file_of_another_version_or_format_is_refused_with_the_reason(
    page, site, tmp_path, fields, message
):
    page.goto(site + "en/")
    store(page, **MINE)
    choose_file(page, progress_file(tmp_path, **fields))
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(message)
    expect(confirmation(page)).to_be_hidden()
    assert stored(page) == MINE


def test_a_file_larger_than_a_share_link_may_be_is_refused_unread(page, site, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("w", encoding="utf-8") as out:  # 4 MB and one byte, not JSON at all
        out.write(" " * (4 * 1024 * 1024 + 1))
    page.goto(site)
    store(page, **MINE)
    choose_file(page, str(path))
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "Filen är större än exporterade framsteg kan vara (mer än 4 MB eller 5\u00a0000 id:n). "
        "Inget importerades."
    )
    expect(confirmation(page)).to_be_hidden()
    assert stored(page) == MINE


def test_a_file_that_is_not_json_is_refused(page, site, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("- [x] not json", encoding="utf-8")
    page.goto(site + "en/")
    store(page, **MINE)
    choose_file(page, str(path))
    expect(page.locator(".playbook-transfer .playbook-status")).to_have_text(
        "The file could not be read: it is not JSON. Nothing was imported."
    )
    assert stored(page) == MINE


def own_boxes(page):
    return page.locator("ul.playbook-checklist input[type=checkbox]:not([data-key^='shared/'])")


def test_reset_asks_first_and_says_what_it_clears(page, site):
    page.goto(site + "en/" + STAGE)
    own_boxes(page).nth(0).check()
    own_boxes(page).nth(2).check()
    page.locator(f"input[data-key='{SHARED}']").check()
    page.locator("textarea.playbook-answer").nth(1).fill("A new bulb was sent.")
    before = stored(page)
    page.get_by_role("button", name="Reset this stage…").click()
    dialog = page.get_by_role("dialog", name="Reset this stage?")
    expect(dialog).to_be_visible()
    assert dialog.locator("li").all_inner_texts() == [
        "ticks in this stage's checklist: 2",
        "answers to this stage's questions: 1",
        "ticks in the shared checklist “Customer-experience basics”: 1. The same ticks show "
        "on the other stages that have this checklist, so they are cleared there too.",
    ]
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert stored(page) == before
    assert [box.is_checked() for box in own_boxes(page).all()] == [True, False, True, False]


def test_reset_clears_ticks_answers_and_the_shared_checklist_and_undo_restores(page, site):
    page.goto(site + "stages/customer-journey/loyalty/")
    own_boxes(page).nth(0).check()
    page.locator("textarea.playbook-answer").nth(0).fill("Stamkunder.")
    page.goto(site + STAGE)
    for index in range(4):
        own_boxes(page).nth(index).check()
    page.locator(f"input[data-key='{SHARED}']").check()
    page.locator("textarea.playbook-answer").nth(0).fill("Vi ringer upp.")
    page.locator("textarea.playbook-answer").nth(1).fill("Lampan byttes.")
    before = stored(page)

    page.get_by_role("button", name="Nollställ steget").click()
    confirmation(page).get_by_role("button", name="Nollställ steget").click()
    status = page.locator(".playbook-actions .playbook-status")
    expect(status).to_have_text("Steget är nollställt.")
    # Only another stage's progress is left.
    assert stored(page) == {
        "ticks": {"customer-journey/loyalty/follow-up-plan": True},
        "answers": {"customer-journey/loyalty/why-they-compare-again": "Stamkunder."},
    }
    assert [box.is_checked() for box in own_boxes(page).all()] == [False] * 4
    assert not page.locator(f"input[data-key='{SHARED}']").is_checked()
    assert page.locator("textarea.playbook-answer").nth(1).input_value() == ""
    # The stage's bar: its own 4 items and the shared checklist's 6.
    assert (
        page.locator(".md-content .playbook-progress__text").first.inner_text() == "0 av 10 klara"
    )

    # Reloaded, the undo is still offered, and puts back only what the reset removed.
    page.reload()
    page.get_by_role("button", name="Ångra").click()
    expect(status).to_have_text("Nollställningen är ångrad: bockarna och svaren är tillbaka.")
    assert stored(page) == before
    assert [box.is_checked() for box in own_boxes(page).all()] == [True] * 4
    assert page.locator("textarea.playbook-answer").nth(1).input_value() == "Lampan byttes."
    page.reload()
    assert page.locator(f"input[data-key='{SHARED}']").is_checked()


def test_reset_cleared_state_survives_a_reload_and_leaves_other_stages(page, site):
    page.goto(site + "stages/customer-journey/loyalty/")
    own_boxes(page).nth(0).check()
    page.goto(site + STAGE)
    own_boxes(page).nth(1).check()
    page.locator(f"input[data-key='{SHARED}']").check()
    page.get_by_role("button", name="Nollställ steget").click()
    confirmation(page).get_by_role("button", name="Nollställ steget").click()
    page.reload()
    assert [box.is_checked() for box in own_boxes(page).all()] == [False] * 4
    page.goto(site + "en/stages/six-phases/decision/")
    assert not page.locator(f"input[data-key='{SHARED}']").is_checked()
    page.goto(site + "stages/customer-journey/loyalty/")
    assert own_boxes(page).nth(0).is_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reset_button_looks_different_from_export(browser, site, scheme):
    page = browser.new_context(color_scheme=scheme).new_page()
    page.goto(site + "en/" + STAGE)

    def look(name: str) -> tuple[str, str]:
        button = page.get_by_role("button", name=name)
        return button.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).borderTopColor]"
        )

    reset, export = look("Reset this stage…"), look("Export as Markdown")
    assert reset[0] != export[0] and reset[1] != export[1]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".playbook-actions").screenshot(path=str(ARTIFACTS / f"actions-{scheme}.png"))
    page.context.close()


def shown_marks(scope) -> list[str]:
    """The visible part of each done mark ("3/5"); the spoken part is tested apart."""
    return scope.locator(".playbook-stage-done [aria-hidden=true]").all_inner_texts()


def test_each_stage_shows_its_done_state_on_map_list_and_home(page, site):
    page.goto(site + STAGE)
    for index in range(4):
        own_boxes(page).nth(index).check()
    # A stage is complete once its shared checklist is done too: its 6 items show on
    # purchase, after purchase and ambassador, and count on each of them (#26).
    shared = page.locator("ul.playbook-checklist input[data-key^='shared/']")
    for index in range(5):
        shared.nth(index).check()
    page.goto(site + "en/" + JOURNEY)
    one_open = ["0/4", "0/3", "0/5", "5/9", "9/10", "0/3", "5/10"]
    assert shown_marks(page.locator(".playbook-map")) == one_open  # "9/10": no check yet
    page.goto(site + STAGE)
    shared.nth(5).check()
    page.goto(site + "stages/customer-journey/loyalty/")
    own_boxes(page).nth(1).check()

    page.goto(site + "en/" + JOURNEY)
    expected = ["0/4", "0/3", "0/5", "6/9", "✓ 10/10", "1/3", "6/10"]
    assert shown_marks(page.locator(".playbook-map")) == expected
    assert shown_marks(page.locator("#stages + ol")) == expected
    link = page.get_by_role("region", name="Journey map").get_by_role("link").nth(4)
    expect(link).to_have_accessible_name("5 After purchase 10 of 10 done")

    page.goto(site + "nb/")
    row = page.locator("#customer-journey ol.playbook-card__stages")  # the home page's card (#29)
    assert shown_marks(row) == expected
    spoken = row.locator(".playbook-stage-done .playbook-visually-hidden").all_text_contents()
    assert spoken[3:6] == ["6 av 9 fullført", "10 av 10 fullført", "1 av 3 fullført"]
    # The shared ticks count once in each other journey's stages too.
    six = page.locator("#six-phases ol.playbook-card__stages")
    assert shown_marks(six) == ["0/3", "0/3", "6/9", "0/3", "6/9", "0/3"]


def test_journey_summary_holds_every_stages_ticks_and_answers(page, site, tmp_path):
    page.goto(site + "en/stages/customer-journey/awareness/")
    own_boxes(page).nth(0).check()
    page.locator("textarea.playbook-answer").nth(0).fill("Neighbours.\nAnd our staff.")
    page.goto(site + "en/" + STAGE)
    own_boxes(page).nth(3).check()
    page.locator(f"input[data-key='{SHARED}']").check()
    page.goto(site + "en/stages/customer-journey/ambassador/")
    page.locator("textarea.playbook-answer").nth(1).fill("Ask for a review.")

    page.goto(site + "en/" + JOURNEY)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export the whole journey as Markdown").click()
    assert download.value.suggested_filename == "customer-journey-en.md"
    path = tmp_path / "journey.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# The never-ending customer journey\n\n## 1. Awareness\n\n1 of 4 done\n\n### Checklist\n"
    )
    # Each section counts its scope: after purchase its 4 items and the shared 6 (#26).
    assert "## 5. After purchase\n\n2 of 10 done\n\n### Checklist\n" in text
    assert "## 4. Purchase\n\n1 of 9 done\n\n### Checklist\n" in text
    assert "## Customer-experience basics\n\n1 of 6 done\n\n### Checklist\n" in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 1. Awareness",
        "## 2. Interest",
        "## 3. Consideration",
        "## 4. Purchase",
        "## 5. After purchase",
        "## 6. Loyalty",
        "## 7. Ambassador",
        "## Customer-experience basics",
    ]
    boxes = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(boxes) == 26 + 6
    assert [line for line in boxes if line.startswith("- [x]")] == [
        "- [x] Write down, in one sentence, what you want to be known for.",
        "- [x] Set up a monthly review of faults and complaints that fixes the cause, not just "
        "the case.",
        "- [x] Show payment methods, fees and terms before the customer pays, and check that the "
        "payment page is encrypted.",
    ]
    assert "   > Neighbours.\n   > And our staff.\n" in text
    assert "   > Ask for a review.\n" in text
    assert text.count("### Questions to discuss") == 7


def progress_of_first_journey(page) -> str:
    """The customer journey's bar on the home page: its 26 items and the shared checklist's 6."""
    bar = page.locator(".playbook-progress[data-scope='journey:customer-journey']")
    return bar.locator(".playbook-progress__text").inner_text()


def test_without_javascript_the_new_controls_stay_hidden(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path, marks in (("", 7 + 6 + 3 + 5), (JOURNEY, 2 * 7), (STAGE, 0)):
        page.goto(site + path)
        assert page.locator(".playbook-stage-done").count() == marks
        assert page.locator("dialog.playbook-dialog").count() == 1  # the journey's: share link
        assert page.locator(".playbook-stage-done:visible").count() == 0
        assert page.locator("dialog:visible, .playbook-actions:visible").count() == 0
        assert page.locator(".playbook-share:visible, .playbook-sharelink:visible").count() == 0
    page.goto(site + JOURNEY)
    assert page.locator("#stages + ol li").count() == 7  # the plain list is still there
    context.close()


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # A focused button fades to its focus colours; measured halfway, any contrast fails.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_axe_with_the_dialogs_open_and_done_marks_shown(browser, site, tmp_path, lang, scheme):
    page = browser.new_context(color_scheme=scheme).new_page()
    page.goto(site + PREFIX[lang] + STAGE)
    own_boxes(page).nth(0).check()
    page.locator("[data-playbook-action=reset-stage]").click()
    expect(confirmation(page)).to_be_visible()
    assert _serious(page) == []
    page.keyboard.press("Escape")

    page.goto(site + PREFIX[lang] + JOURNEY)
    expect(page.locator(".playbook-map .playbook-stage-done").first).to_be_visible()
    assert _serious(page) == []

    page.goto(site + PREFIX[lang])
    choose_file(page, progress_file(tmp_path, **THEIRS))
    expect(confirmation(page)).to_be_visible()
    assert _serious(page) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"import-preview-{lang}-{scheme}.png"))
    page.context.close()
