"""'Send to the team' in a real browser (issue #25 point 2, the page's side).

examples/team-progress names its repository (site.repo_url on github.com), so its home and
journey pages have the button. The page's window.open is replaced before any script runs, so
the tests read the exact address the button opens and nothing ever leaves 127.0.0.1
(open_page fails a test on any request to another host). The body's code block is then fed
to `playbook progress import`, as the repository's intake workflow does.
"""

from __future__ import annotations

import shutil
import urllib.parse

import pytest
import yaml
from playwright.sync_api import expect

from generator.content.model import Site
from generator.site.send_target import send_target
from generator.team.changes import base_version
from tests.browser import open_page, serve
from tests.conftest import REPO, build_project, run_cli

EXAMPLE = REPO / "examples" / "team-progress"
JOURNEY = "stages/first-90-days/"
NEW_ISSUE = "https://github.com/example/journey-playbook/issues/new"
WHERE = "github.com/example/journey-playbook"
NOW = "2026-12-07T10:11:12Z"
ANSWER = "Första inloggningen tar tid:\nå ä ö æ ø – ```kod``` och “citat”: ja!"
"""Two lines, the Nordic letters, quotes and a run of three backticks (the fence must be longer)."""
MARKER = "# journey-playbook-changes"
OPENED = """
window.__opened = [];
window.open = (url, target, features) => {
    window.__opened.push([String(url), target, features]);
    return null;
};
"""
"""Run before the page's scripts: every address the page opens is kept, nothing is loaded."""


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    project = tmp_path_factory.mktemp("send") / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    build_project(project / "content.yaml")
    return project


@pytest.fixture(scope="module")
def site(example):
    with serve(example / "site") as url:
        yield url


def opened(page) -> list:
    return page.evaluate("() => window.__opened")


def make_changes(page, site, answer: str) -> None:
    page.goto(site + "en/" + JOURNEY + "first-use/")
    page.locator("li#run-training input[type=checkbox]").check()
    page.locator("textarea.playbook-answer").first.fill(answer)
    page.goto(site + "en/" + JOURNEY + "welcome/")
    page.locator("li#send-welcome-letter input[type=checkbox]").uncheck()


def reader(browser, **options):
    return open_page(browser, permissions=["clipboard-read", "clipboard-write"], **options)


def prepared(page):
    page.add_init_script(OPENED)
    page.clock.set_fixed_time(NOW)
    return page


def split_body(body: str) -> tuple[str, str, str]:
    """(prose line, fence, the block's text) of an issue body, checking its shape exactly."""
    prose, blank, rest = body.split("\n", 2)
    fence = rest[: len(rest) - len(rest.lstrip("`"))]
    assert blank == "" and rest.startswith(fence + "yaml\n") and rest.endswith("\n" + fence + "\n")
    return prose, fence, rest[len(fence) + len("yaml\n") : -len(fence) - 1]


@pytest.mark.slow
def test_the_button_opens_the_new_issue_form_with_the_exact_changes(
    browser, example, site, tmp_path
):
    with reader(browser) as page:
        prepared(page)
        make_changes(page, site, ANSWER)
        page.goto(site + "en/")
        button = page.locator("[data-playbook-action=send-to-team]")
        # Where the answers go is on the button before anything is sent (issue #23).
        expect(button).to_have_text(f"Send to the team: {WHERE}")
        expect(page.locator("#playbook-send-access")).to_have_text(
            "Only people with write access to the repository can send this way: the team's "
            "workflow accepts issues from no one else. If you do not have it, send your share "
            "link or file to someone who does."
        )
        assert opened(page) == []
        button.click()
        expect(page.locator(".playbook-send .playbook-status")).to_have_text(
            "GitHub's form for a new issue has opened with your changes (3). "
            "Check them and create the issue."
        )
        [[url, target, features]] = opened(page)
    assert (target, features) == ("_blank", "noopener")
    address, _, query = url.partition("?")
    assert address == NEW_ISSUE
    fields = urllib.parse.parse_qs(query, strict_parsing=True)
    assert fields["title"] == ["Changes from the site"]
    [body] = fields["body"]
    prose, fence, block = split_body(body)
    assert prose == "Changes made on the site, for the team's status file, progress.yaml."
    assert fence == "````"  # longer than the answer's run of three
    assert block.startswith(MARKER + "\n")
    stamp = {"at": NOW, "by": ""}
    assert yaml.safe_load(block) == {
        "format": "journey-playbook-progress",
        "version": 2,
        "items": {
            "first-90-days/first-use/run-training": {
                "status": {"to": "done", "base": base_version("not-started"), **stamp}
            },
            "first-90-days/welcome/send-welcome-letter": {
                "status": {"to": "not-started", "base": base_version("done"), **stamp}
            },
        },
        "answers": {
            "first-90-days/first-use/where-stuck": {"text": {"to": ANSWER, "base": "-", **stamp}}
        },
    }
    # What the intake workflow does with the block: the team's file takes all three changes.
    sent = tmp_path / "issue.yaml"
    sent.write_text(block, "utf-8")
    project = tmp_path / "team-progress"
    shutil.copytree(example, project, ignore=shutil.ignore_patterns("site"))
    result = run_cli("progress", "import", str(sent), "-c", str(project / "content.yaml"))
    assert result.exit_code == 0, result.output
    status = yaml.safe_load((project / "progress.yaml").read_text("utf-8"))
    assert status["answers"]["first-90-days/first-use/where-stuck"]["text"] == ANSWER
    assert status["items"]["first-90-days/welcome/send-welcome-letter"]["status"] == "not-started"
    assert status["items"]["first-90-days/first-use/run-training"]["status"] == "done"


@pytest.mark.slow
def test_the_journey_page_sends_in_the_pages_language(browser, site):
    with reader(browser) as page:
        prepared(page)
        make_changes(page, site, "Svar")
        page.goto(site + JOURNEY)
        button = page.locator("[data-playbook-action=send-to-team]")
        expect(button).to_have_text(f"Skicka till teamet: {WHERE}")
        button.click()
        [[url, _, _]] = opened(page)
    fields = urllib.parse.parse_qs(url.partition("?")[2])
    assert fields["title"] == ["Ändringar från webbplatsen"]
    prose, fence, block = split_body(fields["body"][0])
    assert (prose, fence) == (
        "Ändringar gjorda på webbplatsen, till teamets statusfil progress.yaml.",
        "```",
    )
    assert sorted(yaml.safe_load(block)["items"]) == [
        "first-90-days/first-use/run-training",
        "first-90-days/welcome/send-welcome-letter",
    ]


@pytest.mark.slow
def test_a_body_too_long_for_the_address_is_copied_and_the_empty_form_opened(browser, site):
    long_answer = "å" * 1500  # %C3%A5 in the address, %25C3%25A5 after the login redirect
    with reader(browser) as page:
        prepared(page)
        make_changes(page, site, long_answer)
        page.goto(site + "en/")
        page.locator("[data-playbook-action=send-to-team]").click()
        expect(page.locator(".playbook-send .playbook-status")).to_have_text(
            "Your changes (3) are too long for the address, so they have been copied. Paste "
            "them into the text box of the GitHub form that opened, then create the issue."
        )
        [[url, _, _]] = opened(page)
        copied = page.evaluate("() => navigator.clipboard.readText()")
    assert url == NEW_ISSUE + "?title=" + urllib.parse.quote("Changes from the site")
    _, _, block = split_body(copied)
    assert (
        yaml.safe_load(block)["answers"]["first-90-days/first-use/where-stuck"]["text"]["to"]
        == long_answer
    )


@pytest.mark.slow
def test_nothing_to_send_opens_nothing(browser, site):
    with reader(browser) as page:
        prepared(page)
        page.goto(site + "en/")
        page.locator("[data-playbook-action=send-to-team]").click()
        expect(page.locator(".playbook-send .playbook-status")).to_have_text(
            "Nothing to share: the team's status file already says everything you have ticked "
            "and answered here."
        )
        assert opened(page) == []


@pytest.mark.slow
def test_without_a_repository_there_is_no_button_but_the_snippet_remains(default_site):
    home = (default_site.site / "index.html").read_text("utf-8")
    assert 'class="playbook-share"' in home
    assert "playbook-send" not in home
    journey = (default_site.site / "stages" / "customer-journey" / "index.html").read_text("utf-8")
    assert 'class="playbook-sharelink"' in journey
    assert "playbook-send" not in journey


@pytest.mark.parametrize(
    ("repo_url", "enterprise", "expected"),
    [
        (
            "https://github.com/acme/playbook",
            None,
            (
                "github.com/acme/playbook",
                NEW_ISSUE.replace("example/journey-playbook", "acme/playbook"),
            ),
        ),
        (
            "https://github.com/acme/playbook.git/",
            None,
            ("github.com/acme/playbook", "https://github.com/acme/playbook/issues/new"),
        ),
        (
            "https://github.acme.se/team/spelbok/tree/main/kund",
            "github.acme.se",
            ("github.acme.se/team/spelbok", "https://github.acme.se/team/spelbok/issues/new"),
        ),
        ("https://gitlab.com/acme/playbook", None, None),
        ("https://github.acme.se/team/spelbok", None, None),
        ("https://github.com/acme", None, None),
        ("https://github.com/acme/playbook/issues", None, None),
        ("https://github.com/acme/../playbook", None, None),
        ("https://user@github.com/acme/playbook", None, None),
        ("https://github.com:8443/acme/playbook", None, None),
        (None, None, None),
    ],
)
def test_the_new_issue_address_is_built_in_one_place(repo_url, enterprise, expected):
    site = Site.model_construct(repo_url=repo_url, github_enterprise=enterprise)
    target = send_target(site)
    assert (None if target is None else (target["where"], target["new_issue"])) == expected


# Point 1: a reader sets an item's status, owner, due date and note on the stage page.

WELCOME = "en/" + JOURNEY + "welcome/"
TIMELINE = "first-90-days/welcome/share-timeline"
WELCOME_PACK = "first-90-days/welcome/print-welcome-pack"
PACK_NOTE = "Kunden vill bara ha digitalt material."
OWNER = "Øystein Ærø"
NOTE = "Väntar på leverantören – å ä ö æ ø"


def editor(page, item_id: str):
    return page.locator(f"ul.playbook-checklist li#{item_id} .playbook-edit")


def axe_serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.slow
def test_a_reader_sets_status_owner_due_date_and_note_by_keyboard(browser, example, site, tmp_path):
    with reader(browser) as page:
        prepared(page)
        page.goto(site + WELCOME)
        timeline = editor(page, "share-timeline")
        summary = timeline.locator("summary")
        # The disclosure names the item, so a screen reader tells one item's from another's.
        expect(summary).to_have_text(
            "Change status, owner, due date and note: Share the rollout timeline"
        )
        # The team's values are where the reader starts from.
        expect(timeline.locator("[data-field=status]")).to_have_value("in-progress")
        expect(timeline.locator("[data-field=owner]")).to_have_value("Projektledare")
        expect(timeline.locator("[data-field=due]")).to_have_value("2023-10-02")
        # By keyboard: open the disclosure, then Tab from control to control.
        summary.focus()
        page.keyboard.press("Enter")
        expect(timeline).to_have_attribute("open", "")
        page.keyboard.press("Tab")
        expect(timeline.locator("[data-field=status]")).to_be_focused()
        timeline.locator("[data-field=status]").select_option("done")
        page.keyboard.press("Tab")
        expect(timeline.locator("[data-field=owner]")).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type(OWNER)
        page.keyboard.press("Tab")
        expect(timeline.locator("[data-field=due]")).to_be_focused()
        timeline.locator("[data-field=due]").fill("2026-12-24")
        # Tab walks a date field's own parts (day, month, year) first: jump past them.
        timeline.locator("[data-field=note]").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(NOTE)
        # The checkbox follows the status; both items are marked as not yet sent.
        expect(page.locator("li#share-timeline input[type=checkbox]")).to_be_checked()
        pack = editor(page, "print-welcome-pack")
        pack.locator("summary").click()
        pack.locator("[data-field=status]").select_option("in-progress")
        pack.locator("[data-field=note]").fill("")  # the team's note, cleared
        assert axe_serious(page) == []
        page.reload()
        for item_id in ("share-timeline", "print-welcome-pack"):
            expect(page.locator(f"li#{item_id} > .playbook-own")).to_have_text(
                "Only in this browser"
            )
        expect(timeline.locator("[data-field=status]")).to_have_value("done")
        expect(timeline.locator("[data-field=owner]")).to_have_value(OWNER)
        expect(timeline.locator("[data-field=due]")).to_have_value("2026-12-24")
        expect(timeline.locator("[data-field=note]")).to_have_value(NOTE)
        expect(pack.locator("[data-field=status]")).to_have_value("in-progress")
        expect(pack.locator("[data-field=note]")).to_have_value("")
        # Sent to the team: every value with the version of the team's value it was made over.
        page.goto(site + "en/")
        page.locator("[data-playbook-action=send-to-team]").click()
        [[url, _, _]] = opened(page)
    _, _, block = split_body(urllib.parse.parse_qs(url.partition("?")[2])["body"][0])
    items = yaml.safe_load(block)["items"]

    def change(to, base):
        return {"to": to, "base": base_version(base), "at": NOW, "by": ""}

    assert items == {
        TIMELINE: {
            "status": change("done", "in-progress"),
            "owner": change(OWNER, "Projektledare"),
            "due": change("2026-12-24", "2023-10-02"),
            "note": change(NOTE, "Väntar på leveransdatum från leverantören – Øystein frågar."),
        },
        WELCOME_PACK: {
            "status": change("in-progress", "not-applicable"),
            "note": change(None, PACK_NOTE),
        },
    }
    sent = tmp_path / "issue.yaml"
    sent.write_text(block, "utf-8")
    project = tmp_path / "team-progress"
    shutil.copytree(example, project, ignore=shutil.ignore_patterns("site"))
    result = run_cli("progress", "import", str(sent), "-c", str(project / "content.yaml"))
    assert result.exit_code == 0, result.output
    status = yaml.safe_load((project / "progress.yaml").read_text("utf-8"))["items"]
    assert {k: status[TIMELINE][k] for k in ("status", "owner", "note")} == {
        "status": "done",
        "owner": OWNER,
        "note": NOTE,
    }
    assert str(status[TIMELINE]["due"]) == "2026-12-24"
    assert status[WELCOME_PACK]["status"] == "in-progress"
    assert "note" not in status[WELCOME_PACK]


@pytest.fixture(scope="module")
def counts_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("send-counts") / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    content = project / "content.yaml"
    content.write_text(content.read_text("utf-8") + "team:\n  publish: counts\n", "utf-8")
    build_project(content)
    with serve(project / "site") as url:
        yield url


@pytest.mark.slow
def test_under_counts_a_reader_changes_only_status_and_due_date(browser, counts_site):
    with reader(browser) as page:
        page.goto(counts_site + WELCOME)
        timeline = editor(page, "share-timeline")
        expect(timeline.locator("summary")).to_have_text(
            "Change status and due date: Share the rollout timeline"
        )
        fields = timeline.locator("[data-field]")
        expect(fields).to_have_count(2)
        assert fields.evaluate_all("all => all.map(f => f.dataset.field)") == ["status", "due"]
        expect(timeline.locator("[data-field=status]")).to_have_value("in-progress")
        expect(timeline.locator("[data-field=due]")).to_have_value("2023-10-02")
        assert "Projektledare" not in page.content()
        timeline.locator("summary").click()
        timeline.locator("[data-field=due]").fill("2026-12-24")
        expect(page.locator("li#share-timeline > .playbook-own")).to_have_text(
            "Only in this browser"
        )
