"""The team's state as pages show it (generator/site/team_view.py), rendered without a browser."""

from __future__ import annotations

from datetime import date

import pytest

from generator.content.loader import load_content
from generator.errors import ContentError, GeneratorError
from generator.site.markup import html_attr
from generator.site.progress import page_progress
from generator.site.render import render
from generator.site.team_view import (
    editor_link,
    journey_fingerprint,
    journey_keys,
    team_view,
)
from generator.team.model import AnswerStatus, ItemStatus, TeamStatus
from generator.team.published import published
from generator.team.scopes import scopes
from tests.conftest import FIXTURES, make_project

TODAY = date(2023, 11, 14)


@pytest.fixture(scope="module")
def playbook():
    return load_content(FIXTURES / "small.yaml")


def status(**items: str) -> TeamStatus:
    return TeamStatus(items={key: ItemStatus(status=value) for key, value in items.items()})


def test_without_a_status_file_no_page_shows_a_team_state(playbook):
    pages = {path.as_posix(): text for path, text in render(playbook).items()}
    assert not any(path.startswith("playbook/team") for path in pages)
    assert "team.md" not in pages[".playbook/mkdocs.generated.yml"]
    assert not any("playbook-team" in text for text in pages.values())
    # The bars wait for the script, as before the status file existed.
    assert '<div class="playbook-progress" data-scope="journey:loop"' in pages["playbook/index.md"]
    assert " hidden><progress" in pages["playbook/index.md"]


def test_with_a_status_file_every_language_lists_the_team_page(playbook):
    pages = render(playbook, team=TeamStatus.empty(), today=TODAY)
    config = next(text for path, text in pages.items() if path.name == "mkdocs.generated.yml")
    for title in ("Teamets läge", "Teamets status", "Team status"):
        assert f"{title}: team.md" in config


def test_render_needs_the_day_to_judge_a_status_on(playbook):
    with pytest.raises(GeneratorError, match="today"):
        render(playbook, team=TeamStatus.empty())


def test_counts_leave_out_not_applicable_items(playbook):
    view = team_view(
        playbook,
        published(
            status(**{"loop/first/say-hello": "done", "loop/first/know-names": "not-applicable"}),
            "full",
        ),
        TODAY,
        "en",
    )
    progress = page_progress(["stage:loop/first"], scopes(playbook), view)
    # The stage counts its two items and the shared checklist's two: one done, one n/a.
    assert progress["counts"] == {
        "stage:loop/first": {"done": 1, "total": 3, "size": 4, "complete": False}
    }
    assert progress["data"] == {
        "scopes": {
            "stage:loop/first": [
                "loop/first/say-hello",
                "loop/first/know-names",
                "shared/basics/answer-fast",
                "shared/basics/say-thanks",
            ]
        },
        "items": {
            # Each value with the version it has (sha256, 8 hex digits), for changes to carry.
            "loop/first/say-hello": {"status": "done", "base": {"status": "a4c3ed04"}},
            "loop/first/know-names": {
                "status": "not-applicable",
                "base": {"status": "976d6318"},
            },
        },
        "answers": {},
    }
    assert view["items"]["loop/first/know-names"]["label"] == "Not applicable"
    assert team_view(playbook, None, TODAY, "en")["active"] is False


def test_an_item_due_before_the_build_day_and_open_is_overdue_on_its_page(playbook):
    team = TeamStatus(
        items={
            "loop/first/know-names": ItemStatus(
                status="in-progress", owner="Ø <b>", due=date(2023, 11, 13)
            ),
            "loop/first/say-hello": ItemStatus(status="done", due=date(2023, 11, 1)),
        }
    )
    page = render(playbook, team=team, today=TODAY)
    text = next(t for p, t in page.items() if p.as_posix() == "playbook/stages/loop/first.nb.md")
    items = {line.split('"')[1]: line for line in text.splitlines() if line.startswith("<li id=")}
    know, hello = items["know-names"], items["say-hello"]
    assert "Forsinket" in know and "frist 2023-11-13" in know and "Ansvarlig: Ø &lt;b&gt;" in know
    assert "Forsinket" not in hello  # done: never overdue
    # The next day's build judges the same item due today as not yet overdue.
    later = render(playbook, team=team, today=date(2023, 11, 13))
    text = next(t for p, t in later.items() if p.as_posix() == "playbook/stages/loop/first.nb.md")
    assert "playbook-team-item--overdue" not in text and "vurdert den 2023-11-13" in text


def test_a_share_links_fingerprint_follows_the_ids_not_the_words(playbook):
    journey = playbook.journeys[0]
    keys = journey_keys(playbook, journey)
    assert "shared/basics/answer-fast" in keys  # shown on loop/first
    assert "loop/first/who-first" in keys  # prompts travel too
    before = journey_fingerprint(playbook, journey)
    renamed = journey.model_copy(update={"name": {"sv": "Annat namn"}})
    assert journey_fingerprint(playbook, renamed) == before
    fewer = journey.model_copy(update={"stages": journey.stages[:1]})
    assert journey_fingerprint(playbook, fewer) != before


@pytest.mark.parametrize(
    ("repo", "exists", "link"),
    [
        ("https://github.com/a/b", True, "https://github.com/a/b/edit/main/progress.yaml"),
        (
            "https://github.com/a/b/",
            False,
            "https://github.com/a/b/new/main?filename=progress.yaml",
        ),
        (
            "https://github.com/a/b/tree/dev/client",
            True,
            "https://github.com/a/b/edit/dev/client/progress.yaml",
        ),
        (
            "https://github.com/a/b/tree/dev/client",
            False,
            "https://github.com/a/b/new/dev/client?filename=progress.yaml",
        ),
        (None, True, ""),
    ],
)
def test_the_editor_link_edits_an_existing_status_file_or_creates_one(repo, exists, link):
    assert editor_link(repo, exists) == link


@pytest.mark.parametrize(
    "address",
    ["http://github.com/a/b", "github.com/a/b", "https://github.com/a/b?x=1", "https://a b"],
)
def test_repo_url_must_be_an_https_address(tmp_path, address):
    content = make_project(tmp_path, FIXTURES / "small.yaml")
    text = content.read_text("utf-8").replace(
        "site:\n", f"site:\n  repo_url: {address!r}\n".replace("'", '"'), 1
    )
    content.write_text(text, "utf-8")
    with pytest.raises(ContentError) as error:
        load_content(content)
    message = str(error.value)
    assert f"{content}:2:13: site.repo_url: invalid repository address" in message
    assert "invalid repository address" in message and "https://" in message


def _with_site_lines(tmp_path, lines: str):
    content = make_project(tmp_path, FIXTURES / "small.yaml")
    text = content.read_text("utf-8").replace("site:\n", f"site:\n{lines}", 1)
    content.write_text(text, "utf-8")
    return content


@pytest.mark.parametrize(
    "lines, column",
    [
        ('  repo_url: "https://evil.example/a/b"\n', 13),
        ('  repo_url: "https://github.com.evil.example/a/b"\n', 13),
        ('  repo_url: "https://gitlab.com/a/b"\n  github_enterprise: github.acme.com\n', 13),
    ],
)
def test_repo_url_must_be_on_github_or_a_named_enterprise_host(tmp_path, lines, column):
    # Issue #23: "share my changes" puts a reader's unshared answers in the link's address,
    # so repo_url may not send them to any https host a pull request names.
    with pytest.raises(ContentError) as error:
        load_content(_with_site_lines(tmp_path, lines))
    (issue,) = error.value.issues
    assert (issue.line, issue.column, issue.path) == (2, column, "site.repo_url")
    assert "'share my changes' sends a reader's answers to that address" in issue.message
    assert "github_enterprise:" in issue.hint


@pytest.mark.parametrize(
    "lines",
    [
        '  repo_url: "https://github.com/a/b/tree/main/client"\n',
        '  repo_url: "https://github.acme.com/a/b"\n  github_enterprise: github.acme.com\n',
    ],
)
def test_repo_url_on_github_or_the_named_enterprise_host_is_accepted(tmp_path, lines):
    assert load_content(_with_site_lines(tmp_path, lines)).site.repo_url.startswith("https://")


def test_an_attribute_keeps_line_breaks_and_quotes_exactly():
    assert html_attr("a\n\nb \"c\" <d> & 'e'") == (
        "a&#10;&#10;b &quot;c&quot; &lt;d&gt; &amp; &#x27;e&#x27;"
    )


def test_team_texts_are_data_on_the_page_never_markup(playbook):
    evil = '</span><script>alert("x")</script> & {owner}'
    team = TeamStatus(
        items={"loop/first/say-hello": ItemStatus(status="done", owner=evil[:80], note=evil)},
        answers={"loop/first/who-first": AnswerStatus(text=evil + "\n\n<img src=x onerror=1>")},
    )
    pages = render(playbook, team=team, today=TODAY)
    for path, text in pages.items():
        if path.suffix == ".md":
            assert "<script>" not in text and "<img src=x" not in text, path
    stage = next(t for p, t in pages.items() if p.as_posix() == "playbook/stages/loop/first.md")
    assert "&lt;script&gt;" in stage
    assert "\n\n<img" not in stage  # a blank line in an answer never ends the HTML block
    home = next(t for p, t in pages.items() if p.as_posix() == "playbook/index.md")
    assert "\\u003cscript\\u003e" in home  # the share block's team answers, as JSON data


def test_every_page_with_the_teams_state_hands_it_to_the_script(playbook):
    # The script recounts every bar and re-ticks every box from the team's state it reads
    # off the page. A journey's print page had the items' states but not that list, so in
    # the browser its bars dropped the team's ticks and counted not-applicable items.
    team = status(**{"loop/first/say-hello": "done", "loop/first/know-names": "not-applicable"})
    pages = {
        path.as_posix(): text for path, text in render(playbook, team=team, today=TODAY).items()
    }
    with_items = [path for path, text in pages.items() if 'data-team="done"' in text]
    assert "playbook/stages/loop/print.md" in with_items
    for path in with_items:
        assert (
            '"loop/first/say-hello": {"base": {"status": "a4c3ed04"}, "status": "done"}'
            in pages[path]
        ), path
        assert 'class="playbook-team" data-only-here=' in pages[path], path
