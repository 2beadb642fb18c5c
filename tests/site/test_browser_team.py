"""The team's state on the site, in a real browser (issue #15, parts 2 to 5).

examples/team-progress is built as CI builds it (SOURCE_DATE_EPOCH: 2023-11-14, so its
share-timeline item, due 2023-10-02, is overdue). The tests prove that the team's state
and this browser's ticks are layered and told apart; that "share my changes", fed to
`playbook progress import`, round-trips exactly; that a share link made under /nb/ opens
under /en/ with a preview, notices changed content and can be undone; and that the
dashboard's numbers are `playbook progress --json`'s.
"""

from __future__ import annotations

import base64
import json
import shutil

import pytest
import yaml
from playwright.sync_api import expect

from generator.site.ui import UI_TEXT
from generator.team.changes import base_version
from tests.browser import ARTIFACTS, open_page, serve, stored
from tests.conftest import REPO, build_env, build_project, run_cli

pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "team-progress"
JOURNEY = "stages/first-90-days/"
WELCOME = JOURNEY + "welcome/"
FIRST_USE = JOURNEY + "first-use/"
PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}
ONLY_HERE = {"sv": "Bara i den här webbläsaren", "nb": "Bare i denne nettleseren",
             "en": "Only in this browser"}  # fmt: skip
ANSWER = "Första inloggningen tar tid:\nå ä ö æ ø – och “citat”: ja!"
"""Typed into a prompt: two lines, the Nordic letters, a colon and quotes (YAML's traps)."""


def build(project):
    return build_project(project / "content.yaml")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    project = tmp_path_factory.mktemp("team") / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    build(project)
    return project


@pytest.fixture(scope="module")
def site(example):
    with serve(example / "site") as url:
        yield url


def item(page, item_id: str):
    return page.locator(f"ul.playbook-checklist li#{item_id}")


def progress_text(page) -> str:
    return page.locator(".playbook-progress__text").first.inner_text()


def test_without_javascript_each_item_says_its_team_state(browser, site):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site + WELCOME)
        overdue = item(page, "share-timeline")
        expect(overdue).to_contain_text("Pågår")
        expect(overdue).to_contain_text("Ansvarig: Projektledare")
        expect(overdue).to_contain_text("klart senast 2023-10-02")
        expect(overdue.locator(".playbook-team-state__overdue")).to_have_text("⚠ Försenad")
        expect(item(page, "print-welcome-pack")).to_contain_text("Ej aktuell")
        expect(item(page, "send-welcome-letter").locator("input[type=checkbox]")).to_be_checked()
        # The bar counts the team's state before (and without) the script: the stage's three
        # items and the shared checklist's one, of which one is done and one not applicable.
        expect(page.locator(".playbook-progress__text").first).to_have_text("1 av 3 klara")
        expect(page.locator(".playbook-team-note")).to_contain_text("2023-11-14")
        expect(page.locator(".playbook-team-answer")).to_contain_text("träffat sin kontaktperson")


def test_team_state_and_this_browsers_ticks_are_layered_and_told_apart(page, site):
    page.goto(site + WELCOME)
    expect(page.locator(".playbook-own")).to_have_count(0)
    assert progress_text(page) == "1 av 3 klara"
    # A tick of an item the team has on the go: counted at once, marked as only here.
    item(page, "share-timeline").locator("input[type=checkbox]").check()
    expect(item(page, "share-timeline").locator(".playbook-own")).to_have_text(ONLY_HERE["sv"])
    assert progress_text(page) == "2 av 3 klara"
    # An untick of an item the team has done: also only here.
    item(page, "send-welcome-letter").locator("input[type=checkbox]").uncheck()
    expect(item(page, "send-welcome-letter").locator(".playbook-own")).to_be_visible()
    assert progress_text(page) == "1 av 3 klara"
    assert stored(page)["ticks"] == {
        "first-90-days/welcome/share-timeline": True,
        "first-90-days/welcome/send-welcome-letter": False,
    }
    # The same layering in another language, on the journey page's bar and stage marks.
    page.goto(site + "en/" + JOURNEY)
    # Exactly "1/3": a loose match would also take "✓ 1/3" or "1/30".
    expect(
        page.locator(".playbook-map .playbook-stage-done [aria-hidden=true]").first
    ).to_have_text("1/3")
    page.goto(site + "en/" + WELCOME)
    expect(item(page, "share-timeline").locator(".playbook-own")).to_have_text(ONLY_HERE["en"])
    # Ticking the team's done item again agrees with the file: nothing is only here then.
    item(page, "send-welcome-letter").locator("input[type=checkbox]").check()
    expect(item(page, "send-welcome-letter").locator(".playbook-own")).to_have_count(0)
    assert "first-90-days/welcome/send-welcome-letter" not in stored(page)["ticks"]
    # A reader's own answer differs from the team's: marked as well.
    page.locator("textarea.playbook-answer").first.fill("Vårt eget svar")
    expect(page.locator("ol.playbook-prompts .playbook-own")).to_have_count(1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "team-layered-en.png"), full_page=True)


def test_share_my_changes_round_trips_through_progress_import(browser, example, site, tmp_path):
    with open_page(browser, accept_downloads=True) as page:
        page.goto(site + FIRST_USE)
        item(page, "run-training").locator("input[type=checkbox]").check()
        page.locator("textarea.playbook-answer").first.fill(ANSWER)
        page.goto(site + WELCOME)
        item(page, "send-welcome-letter").locator("input[type=checkbox]").uncheck()
        state = stored(page)
        page.goto(site)
        # The name goes with the changes, also those made before it was set (the lead's
        # trial found every change unsigned: no field set a name).
        page.get_by_label("Ditt namn (följer med dina ändringar)").fill("Åsa Ø")
        page.get_by_label("Ditt namn (följer med dina ändringar)").press("Tab")
        kept = page.evaluate(
            "() => JSON.parse(localStorage.getItem(Object.keys(localStorage)"
            ".find(k => k.startsWith('journey-playbook:')))).name"
        )
        assert kept == "Åsa Ø"
        page.locator("[data-playbook-action=share-changes]").click()
        expect(page.locator(".playbook-share .playbook-status")).to_have_text(
            "Ändringar att dela: 3"
        )
        snippet = page.locator("#playbook-share-snippet").input_value()
        editor = page.locator("[data-playbook-action=open-editor]")
        assert editor.get_attribute("href") == (
            "https://github.com/example/journey-playbook/edit/main/examples/team-progress/"
            "progress.yaml"
        )
        with page.expect_download() as download:
            page.locator("[data-playbook-action=download-snippet]").click()
        saved = tmp_path / "progress-changes.yaml"
        download.value.save_as(saved)
    assert saved.read_text("utf-8") == snippet
    data = yaml.safe_load(snippet)
    assert (data["format"], data["version"]) == ("journey-playbook-progress", 2)
    training = data["items"]["first-90-days/first-use/run-training"]["status"]
    untick = data["items"]["first-90-days/welcome/send-welcome-letter"]["status"]
    # Each change carries the version of the team's value it was made over (the page data's).
    assert (training["to"], training["base"]) == ("done", base_version("not-started"))
    assert (untick["to"], untick["base"]) == ("not-started", base_version("done"))
    answer = data["answers"]["first-90-days/first-use/where-stuck"]["text"]
    assert (answer["to"], answer["base"], answer["by"]) == (ANSWER, "-", "Åsa Ø")
    assert training["by"] == untick["by"] == "Åsa Ø"

    # The snippet goes into a copy of the project, as a colleague would commit it.
    project = tmp_path / "team-progress"
    shutil.copytree(example, project, ignore=shutil.ignore_patterns("site"))
    result = run_cli("progress", "import", str(saved), "-c", str(project / "content.yaml"))
    assert result.exit_code == 0, result.output
    assert "1 added, 2 updated, 0 unchanged, 0 conflict(s)" in result.stdout
    status = yaml.safe_load((project / "progress.yaml").read_text("utf-8"))
    assert status["answers"]["first-90-days/first-use/where-stuck"]["text"] == ANSWER
    assert status["items"]["first-90-days/first-use/run-training"]["owner"] == "Support"  # kept
    rebuilt = build(project)

    with serve(rebuilt) as url, open_page(browser) as page:
        page.goto(url)
        page.evaluate(
            """(state) => localStorage.setItem('journey-playbook:' + __md_scope.pathname,
                JSON.stringify({format: 'journey-playbook-progress', version: 1, ...state}))""",
            state,
        )
        page.goto(url + FIRST_USE)
        expect(item(page, "run-training").locator(".playbook-team-state__status")).to_have_text(
            "Klar"
        )
        expect(page.locator(".playbook-team-answer p").nth(1)).to_have_text(
            ANSWER.replace("\n", "")
        )
        expect(page.locator(".playbook-own")).to_have_count(0)  # the file says it all now
        page.goto(url + WELCOME)
        expect(
            item(page, "send-welcome-letter").locator(".playbook-team-state__status")
        ).to_have_text("Ej påbörjad")
        expect(page.locator(".playbook-own")).to_have_count(0)
        page.goto(url)
        page.locator("[data-playbook-action=share-changes]").click()
        expect(page.locator(".playbook-share .playbook-status")).to_have_text(
            "Inget att dela: teamets statusfil säger redan allt du har bockat av och svarat här."
        )


def make_link(page) -> str:
    page.locator("[data-playbook-action=make-link]").click()
    field = page.locator(".playbook-sharelink__url")
    expect(field).not_to_have_value("")
    return field.input_value()


def test_a_share_link_made_under_nb_opens_under_en_with_a_preview(browser, site):
    with open_page(browser) as page:
        page.goto(site + "nb/" + FIRST_USE)
        item(page, "run-training").locator("input[type=checkbox]").check()
        item(page, "check-first-login").locator("input[type=checkbox]").check()
        page.locator("textarea.playbook-answer").first.fill(ANSWER)
        page.goto(site + "nb/" + JOURNEY)
        link = make_link(page)
    assert "/nb/" in link and "#share=1." in link  # compressed
    english = link.replace("/nb/", "/en/")
    with open_page(browser) as page:
        page.goto(english)
        dialog = page.locator("dialog.playbook-dialog[open]")
        expect(dialog.locator("li")).to_have_text(
            [
                "ticked items: 2",
                "unticked items: 0",
                "answers: 1",
                "new ticks: 2",
                "items here that are unticked: 0",
                "new answers: 1",
                "answers here that the link's answer replaces: 0",
            ]
        )
        expect(dialog.locator(".playbook-link-changed")).to_be_hidden()
        expect(dialog.locator(".playbook-import-unknown")).to_be_hidden()
        assert stored(page) == {"ticks": {}, "answers": {}}  # nothing before the reader agrees
        dialog.locator("[data-choice=cancel]").click()
        expect(page.locator(".playbook-sharelink .playbook-status")).to_have_text(
            "Share link not used. Nothing was changed."
        )
        assert stored(page) == {"ticks": {}, "answers": {}}
        assert "#share" not in page.url

        page.goto(english)
        page.locator("dialog.playbook-dialog[open] [data-choice=merge]").click()
        expect(page.locator(".playbook-sharelink .playbook-status")).to_have_text(
            "The share link's ticks and answers have been added."
        )
        assert stored(page) == {
            "ticks": {
                "first-90-days/first-use/run-training": True,
                "first-90-days/first-use/check-first-login": True,
            },
            "answers": {"first-90-days/first-use/where-stuck": ANSWER},
        }
        page.locator(".playbook-sharelink [data-playbook-action=undo]").click()
        assert stored(page) == {"ticks": {}, "answers": {}}
        page.goto(site + "en/" + FIRST_USE)
        expect(item(page, "run-training").locator("input[type=checkbox]")).not_to_be_checked()


def test_a_share_link_for_other_content_says_so_and_ignores_unknown_ids(page, site):
    payload = {
        "v": 1,
        "j": "first-90-days",
        "f": "00000000",
        "t": ["welcome/share-timeline", "welcome/gone-item"],
        "a": {"renewal/old-question": "Ja"},
    }
    code = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    page.goto(site + "en/" + JOURNEY + "#share=0." + code)
    dialog = page.locator("dialog.playbook-dialog[open]")
    expect(dialog.locator(".playbook-link-changed")).to_be_visible()
    expect(dialog.locator("[data-count=ticks]")).to_have_text("ticked items: 1")
    # As the link names them: the page never builds a key from a link's id (#24).
    expect(dialog.locator(".playbook-import-unknown__ids li")).to_have_text(
        ["renewal/old-question", "welcome/gone-item"]
    )
    dialog.locator("[data-choice=merge]").click()
    assert stored(page)["ticks"] == {"first-90-days/welcome/share-timeline": True}
    # A cut-off link changes nothing and says why.
    page.goto(site + "en/" + JOURNEY + "#share=1.AAAA")
    expect(page.locator(".playbook-sharelink .playbook-status")).to_have_text(
        "The share link could not be read: it is cut short or damaged. Nothing was changed."
    )


LINK_BOUND = 2_000
"""Share links stay under this many characters (README): short enough for a chat message."""


def test_the_share_link_of_the_largest_default_journey_is_short(browser, default_site, capsys):
    from generator.content.loader import load_content
    from generator.site.team_view import journey_keys
    from generator.team.keys import checklist_items

    playbook = load_content(REPO / "content.yaml")
    items = {key for key, _ in checklist_items(playbook)}
    journey = max(playbook.journeys, key=lambda j: len(journey_keys(playbook, j)))
    keys = journey_keys(playbook, journey)
    ticks = {key: True for key in keys if key in items}
    prompts = [key for key in keys if key not in items][:3]
    answers = {
        key: "Vi svarar kunden inom en arbetsdag – även på lördagar, och följer upp på måndag."
        for key in prompts
    }
    assert len(answers) == 3
    with serve(default_site.site) as url, open_page(browser) as page:
        page.goto(url + f"en/stages/{journey.id}/")
        page.evaluate(
            """([ticks, answers]) => localStorage.setItem('journey-playbook:' +
                __md_scope.pathname, JSON.stringify({format: 'journey-playbook-progress',
                version: 1, ticks, answers}))""",
            [ticks, answers],
        )
        page.reload()
        link = make_link(page)
        with capsys.disabled():
            print(
                f"\nshare link, {journey.id}: {len(ticks)} ticks + 3 answers -> "
                f"{len(link)} characters ({len(link) - len(url)} after the site's address)"
            )
        assert len(link) < LINK_BOUND
        # …and it opens: every tick and answer comes back, in another language.
        fresh = page.context.browser.new_context()
        try:
            other = fresh.new_page()
            other.goto(link.replace("/en/", "/nb/"))
            other.locator("dialog.playbook-dialog[open] [data-choice=merge]").click()
            assert stored(other) == {"ticks": ticks, "answers": answers}
        finally:
            fresh.close()


def summary_line(counts: dict, lang: str) -> str:
    """A journey's or stage's line on the team page, as its counts say it should read."""
    words = UI_TEXT
    parts = [words["progress"][lang].format(done=counts["done"], total=counts["applicable"])]
    for field, word in (("in_progress", "team_status_in_progress"),
                        ("not_applicable", "team_status_not_applicable"),
                        ("overdue", "team_overdue")):  # fmt: skip
        if counts[field]:
            parts.append(f"{words[word][lang]}: {counts[field]}")
    if counts["prompts"]:
        parts.append(
            f"{words['cli_progress_answered'][lang]}: {counts['answered']}/{counts['prompts']}"
        )
    return " · ".join(parts)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_dashboards_numbers_are_playbook_progress_json(browser, example, site, lang,
                                                           monkeypatch):  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", build_env()["SOURCE_DATE_EPOCH"])
    result = run_cli("progress", "--json", "-c", str(example / "content.yaml"))
    data = json.loads(result.stdout)
    expected = []
    for journey in data["journeys"]:
        sections = [journey] + (
            [journey["before_you_start"]] if journey["before_you_start"] else []
        )
        sections += journey["stages"]
        expected += [summary_line(section["counts"], lang) for section in sections]
    with open_page(browser, java_script_enabled=False) as page:  # readable without the script
        page.goto(site + PREFIX[lang] + "team/")
        assert page.locator(".playbook-board__summary").all_inner_texts() == expected
        overdue = page.locator("#overdue + ul li")
        expect(overdue).to_have_count(len(data["overdue"]))
        expect(overdue.first).to_contain_text("2023-10-02")
        # In the navigation of every language.
        page.goto(site + PREFIX[lang])
        expect(page.locator(".md-nav a[href$='team/']").first).to_be_attached()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_axe_finds_no_serious_violations_on_the_team_pages(browser, site, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    for path in ("team/", WELCOME, ""):
        with open_page(browser, viewport={"width": width, "height": 900}) as page:
            page.goto(site + PREFIX[lang] + path)
            if path == "":
                page.locator("[data-playbook-action=share-changes]").click()
            results = Axe().run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], path


def test_the_dashboard_prints_without_buttons_or_navigation(page, site):
    page.goto(site + "team/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar").first.is_hidden()
    # Every row prints, without the filters (issue #26).
    assert page.locator(".playbook-board-filters").is_hidden()
    rows = page.locator(".playbook-board__item")
    assert rows.count() == 12
    assert all(rows.nth(i).is_visible() for i in range(12))
    # The whole table prints: nothing is cut off by its on-screen scroll box.
    assert page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].every(
            w => getComputedStyle(w).overflowX === 'visible')"""
    )
