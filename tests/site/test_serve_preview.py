"""`playbook serve --lang`: one language, only changed pages rebuilt, never a stale navigation."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.project import generate
from generator.site.preview import preview_note
from tests.browser import open_page, search
from tests.conftest import REPO, make_project, run_cli
from tests.site.test_plugin import _fetch, _free_port, plain_mkdocs_env

pytestmark = pytest.mark.slow

AMBASSADOR = "/nb/stages/customer-journey/ambassador/"
AWARENESS = "/nb/stages/customer-journey/awareness/"


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


@pytest.fixture
def serving(tmp_path) -> Iterator[tuple[str, Path]]:
    project = tmp_path
    generate(make_project(project, REPO / "content.yaml"))
    port = _free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--lang", "nb", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=plain_mkdocs_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "Ambassadør" in _fetch(base + AMBASSADOR)), "serve did not start"
        yield base, project
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def edit(project: Path, old: str, new: str) -> None:
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert old in text
    content.write_text(text.replace(old, new, 1), "utf-8")


def test_only_the_previewed_language_is_built_and_the_page_says_so(serving):
    base, project = serving
    page = _fetch(base + AMBASSADOR)
    assert "Forhåndsvisningen viser bare norsk" in page
    assert "sv (svensk)" in page and "en (engelsk)" in page
    assert "Ambassadør" not in _fetch(base + "/stages/customer-journey/ambassador/")
    assert "Ambassador" not in _fetch(base + "/en/stages/customer-journey/ambassador/")


def test_an_edit_shows_and_a_navigation_change_reaches_every_page(serving):
    base, project = serving
    edit(
        project,
        "nb: Finn ut hvilke kunder som allerede anbefaler dere.",
        "nb: Finn ambassadørene deres i dag, æ ø å.",
    )
    assert wait_for(lambda: "Finn ambassadørene deres i dag, æ ø å." in _fetch(base + AMBASSADOR))
    # A stage's new name is navigation: every page, not only the rebuilt ones, shows it.
    edit(
        project,
        "sv: Lojalitet\n          nb: Lojalitet\n",
        "sv: Lojalitet\n          nb: Trofaste kunder\n",
    )
    assert wait_for(lambda: "Trofaste kunder" in _fetch(base + AWARENESS))
    assert "Trofaste kunder" in _fetch(base + "/nb/stages/customer-journey/interest/")
    # Handled, so said as information: no ERROR, no "Aborted with a BuildError!" (issue #27).
    log = (project / "serve.log").read_text(encoding="utf-8")
    assert "INFO    -  playbook: the navigation or languages changed; rebuilding every page" in log
    assert "ERROR" not in log and "Aborted" not in log and "Traceback" not in log


def test_a_removed_stage_leaves_no_page_behind(serving):
    base, project = serving
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    # A stage no other part of the content refers to, with the next stage's entry after it.
    start = text.index("      - id: information-search\n")
    end = text.index("      - id: evaluation\n", start)
    content.write_text(text[:start] + text[end:], "utf-8")
    removed = base + "/nb/stages/purchase-process/information-search/"
    sibling = base + "/nb/stages/purchase-process/evaluation/"

    def sibling_rebuilt() -> bool:
        # Both at once: an empty answer (the site is being rebuilt) also lacks the old name.
        page = _fetch(sibling)
        return "Sammenligning av alternativer" in page and "Informasjonssøk" not in page

    assert wait_for(sibling_rebuilt)
    assert _fetch(removed) == "" or "Informasjonssøk" not in _fetch(removed)


def test_preview_note_names_the_other_languages_in_the_readers_language():
    assert preview_note("sv", ["sv", "nb", "en"]) == (
        "Förhandsvisningen visar bara svenska. För att se ett annat språk, kör playbook "
        "serve --lang med språkets kod: nb (norskt bokmål), en (engelska)."
    )


def test_the_preview_searches_its_language_and_follows_an_edit(serving, browser):
    base, project = serving
    loyalty = base + "/nb/stages/customer-journey/loyalty/"
    # The index is written just after each build, without holding up the reload.
    assert wait_for(lambda: '"nb"' in _fetch(base + "/pagefind/pagefind-entry.json"))
    with open_page(browser) as page:
        found = search(page, base + AWARENESS, "lojaliteten")
    assert loyalty in found["links"], found
    assert all(link.startswith(base + "/nb/") for link in found["links"]), found
    with open_page(browser) as page:
        nothing = search(page, base + AWARENESS, "blåbærturen")
    assert (nothing["status"], nothing["links"]) == ("Ingen treff for «blåbærturen».", [])
    edit(
        project,
        "nb: Finn ut hvilke kunder som allerede anbefaler dere.",
        "nb: Finn ut hvilke kunder som allerede anbefaler dere på blåbærtur, æ ø å.",
    )

    def found_after_edit() -> bool:
        from playwright.sync_api import Error

        try:
            with open_page(browser) as page:
                found = search(page, base + AWARENESS, "blåbærturen")
        except (Error, AssertionError):  # mid-rebuild: the page or its index is being written
            return False
        return base + AMBASSADOR in found["links"]

    assert wait_for(found_after_edit, seconds=90)


def test_a_language_the_site_lacks_is_one_line_and_exit_1_before_anything_is_written(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    result = run_cli("serve", "-c", str(content), "--lang", "da")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: --lang da: this site's languages are sv, nb, en; preview one of them, e.g. --lang en"
    ]
    assert not (tmp_path / "playbook").exists()
