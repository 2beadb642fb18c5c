"""One way to count (issue #26): every scope shows the same (done, applicable) everywhere.

tests/fixtures/shared-scopes has one shared checklist on two stages of one journey and on one
stage of another, and a status file with every state on own and shared items. The numbers
`playbook progress --json` prints for each scope are the truth; the home, journey, stage,
shared checklist, print and poster pages must show exactly them, without the script, with
it and no browser state, and after a reader ticks and unticks a shared item, where the
pages must move together (and the team page and the command, which show the team's file,
must not move at all). `playbook progress`'s table agrees as well.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.browser import open_page, serve, stored
from tests.conftest import FIXTURES, build_env, build_project, make_project, run_cli

pytestmark = pytest.mark.slow

PAGES = [
    "",
    "stages/loop/",
    "stages/loop/first/",
    "stages/loop/middle/",
    "stages/loop/last/",
    "stages/loop/print/",
    "stages/loop/poster/",
    "stages/line/",
    "stages/line/start/",
    "stages/line/end/",
    "stages/line/print/",
    "checklists/basics/",
]
"""Every page that shows a bar or a stage's done mark."""

SHARED_ON = ["stage:loop/first", "stage:loop/last", "stage:line/start", "shared:basics"]
"""The scopes a shared item counts in besides its journeys and the playbook."""

EVERY_SCOPE_OF_A_SHARED_ITEM = {*SHARED_ON, "journey:loop", "journey:line", "playbook"}

READ_NUMBERS = """() => [...document.querySelectorAll('[data-scope]')].map(element => {
    if (element.matches('.playbook-progress')) {
        const bar = element.querySelector('progress');
        return [element.dataset.scope, 'bar', bar.value, bar.max,
                element.querySelector('.playbook-progress__text').textContent];
    }
    const shown = element.querySelector('[aria-hidden=true]');
    return [element.dataset.scope, 'mark', shown ? shown.textContent : element.textContent];
})"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scopes")
    content = make_project(folder, FIXTURES / "shared-scopes/content.yaml")
    shutil.copyfile(FIXTURES / "shared-scopes/progress.yaml", folder / "progress.yaml")
    build_project(content)
    return content


@pytest.fixture(scope="module")
def site(project):
    with serve(project.parent / "site") as url:
        yield url


@pytest.fixture(scope="module")
def truth(project) -> dict[str, tuple[int, int]]:
    """(done, applicable) of every scope, from `playbook progress --json`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", build_env()["SOURCE_DATE_EPOCH"])
        data = json.loads(run_cli("progress", "--json", "-c", str(project)).stdout)
    assert data["version"] == 1
    sections = [data]
    for journey in data["journeys"]:
        sections += [journey, *journey["stages"]]
        sections += [journey["before_you_start"]] if journey["before_you_start"] else []
    sections += data["checklists"]
    return {s["scope"]: (s["counts"]["done"], s["counts"]["applicable"]) for s in sections}


def test_the_command_counts_each_shared_item_once_per_stage_journey_and_playbook(truth):
    assert truth == {
        "playbook": (3, 8),  # 10 items; 2 not applicable
        "journey:loop": (2, 5),  # 4 own + 3 shared, each once
        "journey:line": (2, 5),  # 3 own + 3 shared
        "before:line": (1, 1),
        "stage:loop/first": (2, 4),  # 2 own + 3 shared
        "stage:loop/middle": (0, 0),  # its one item does not apply
        "stage:loop/last": (1, 3),
        "stage:line/start": (1, 3),
        "stage:line/end": (0, 1),
        "shared:basics": (1, 2),
    }


def test_the_table_heads_say_each_journeys_numbers(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", build_env()["SOURCE_DATE_EPOCH"])
    lines = run_cli("progress", "-c", str(project)).stdout.splitlines()
    assert [line for line in lines if line.startswith("The ")] == [
        "The loop (loop): 2 of 5 done, 40%",
        "The line (line): 2 of 5 done, 40%",
    ]


def shown(page) -> dict[str, set[tuple[int, int]]]:
    """Every scope's (done, applicable) as the page shows it; each bar's and mark's text must
    say exactly its numbers ("2 of 4 done"; "2/4", or "✓ 4/4" when complete)."""
    found: dict[str, set[tuple[int, int]]] = {}
    for scope, kind, *rest in page.evaluate(READ_NUMBERS):
        if kind == "bar":
            value, maximum, text = int(rest[0]), int(rest[1]), rest[2]
            done, applicable = (int(n) for n in text.removesuffix(" done").split(" of "))
            assert text == f"{done} of {applicable} done", (page.url, scope, text)
            # A bar's max must be above 0: with nothing that applies it stays empty.
            assert (value, maximum) == (done, applicable or 1), (page.url, scope, text)
        else:
            text = rest[0].strip()
            done, applicable = (int(n) for n in text.removeprefix("✓ ").split("/"))
            complete = applicable > 0 and done == applicable
            assert text == ("✓ " if complete else "") + f"{done}/{applicable}", (page.url, text)
        found.setdefault(scope, set()).add((done, applicable))
    return found


def every_page(page, site) -> dict[str, set[tuple[int, int]]]:
    found: dict[str, set[tuple[int, int]]] = {}
    for path in PAGES:
        page.goto(site + path)
        for scope, numbers in shown(page).items():
            found.setdefault(scope, set()).update(numbers)
    return found


def team_page(page, site) -> dict[str, tuple[int, int]]:
    """The team page's numbers as (done, applicable): the board's summary line of each
    journey, then of each of its stages (#26), read as the page shows them."""
    page.goto(site + "team/")
    lines = page.locator(".playbook-board__summary").all_inner_texts()
    numbers = [tuple(int(n) for n in re.findall(r"\d+", line)[:2]) for line in lines]
    scopes = ["journey:loop", "stage:loop/first", "stage:loop/middle", "stage:loop/last"]
    scopes += ["journey:line", "before:line", "stage:line/start", "stage:line/end"]
    return dict(zip(scopes, numbers, strict=True))


def expected(truth, delta: int = 0, scopes=frozenset()) -> dict[str, set[tuple[int, int]]]:
    """The truth, with ``delta`` done in ``scopes``, for every scope the pages show."""
    return {
        scope: {(done + (delta if scope in scopes else 0), applicable)}
        for scope, (done, applicable) in truth.items()
    }


def test_without_the_script_every_page_shows_the_commands_numbers(browser, site, truth):
    with open_page(browser, java_script_enabled=False) as page:
        assert every_page(page, site) == expected(truth)
        assert team_page(page, site) == {k: v for k, v in truth.items() if k in TEAM_ROWS}


TEAM_ROWS = {
    "stage:loop/first",
    "stage:loop/middle",
    "stage:loop/last",
    "journey:loop",
    "before:line",
    "stage:line/start",
    "stage:line/end",
    "journey:line",
}


def test_with_the_script_and_a_tick_and_an_untick_every_page_agrees(browser, site, truth):
    with open_page(browser) as page:
        assert every_page(page, site) == expected(truth)

        # A tick of a shared item the team has not started: one more done in every scope
        # that counts it, on every page, once per scope.
        page.goto(site + "stages/loop/first/")
        page.locator("input[data-key='shared/basics/say-thanks']").check()
        assert every_page(page, site) == expected(truth, +1, EVERY_SCOPE_OF_A_SHARED_ITEM)
        # The team page and the command show the team's file, not this browser.
        assert team_page(page, site) == {k: v for k, v in truth.items() if k in TEAM_ROWS}

        # Unticked again (on another stage that shows it): nothing is left behind.
        page.goto(site + "stages/line/start/")
        page.locator("input[data-key='shared/basics/say-thanks']").uncheck()
        assert stored(page) == {"ticks": {}, "answers": {}}
        assert every_page(page, site) == expected(truth)

        # An untick of a shared item the team has done: one fewer done everywhere it counts,
        # kept in this browser as an untick.
        page.goto(site + "stages/loop/last/")
        page.locator("input[data-key='shared/basics/answer-fast']").uncheck()
        assert stored(page)["ticks"] == {"shared/basics/answer-fast": False}
        assert every_page(page, site) == expected(truth, -1, EVERY_SCOPE_OF_A_SHARED_ITEM)
        page.goto(site + "checklists/basics/")
        page.locator("input[data-key='shared/basics/answer-fast']").check()
        assert stored(page) == {"ticks": {}, "answers": {}}
        assert every_page(page, site) == expected(truth)


def test_a_shared_item_ticked_on_a_print_page_ticks_its_twin(browser, site):
    # The print page shows the shared checklist under both stages that have it.
    with open_page(browser) as page:
        page.goto(site + "stages/loop/print/")
        boxes = page.locator("input[data-key='shared/basics/say-thanks']")
        assert boxes.count() == 2
        boxes.first.check()
        assert [box.is_checked() for box in boxes.all()] == [True, True]
