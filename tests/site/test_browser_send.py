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
    page.locator("li#run-training input").check()
    page.locator("textarea.playbook-answer").first.fill(answer)
    page.goto(site + "en/" + JOURNEY + "welcome/")
    page.locator("li#send-welcome-letter input").uncheck()


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
