"""The team features (issue #15) against untrusted input, in a real browser: a share link
is opened by anyone who receives it, and an answer can hold any character a share link or a
colleague's file carries. Nothing may hang the page, and every answer must reach the status
file exactly as it was typed, through "share my changes", the progress export and
`playbook progress import`.
"""

from __future__ import annotations

import base64
import json
import shutil
import zlib

import pytest
from playwright.sync_api import expect

from generator.content.source import parse_yaml
from generator.team.changes import read_changes
from tests.browser import serve
from tests.site.test_browser_team import EXAMPLE, FIRST_USE, JOURNEY, build

pytestmark = pytest.mark.slow

PROMPT = "first-90-days/first-use/where-stuck"

# What YAML reads differently from what was typed, or refuses: its line breaks other than
# \n (NEL, LS, PS, \r), the BOM, DEL, C1 controls and U+FFFE, next to YAML's own syntax.
AWKWARD_ANSWERS = [
    "Svar: å ä ö\u0085æ ø",
    "rad ett\u2028rad två",
    "stycke\u2029nästa",
    "\ufeffBOM först",
    "radbrytning\r\nfrån Windows",
    "DEL\x7f och C1\x80\x9f",
    "icke-tecken \ufffe",
    "två rader\nden andra\u0085med NEL",
    "# inte en kommentar\n- inte en lista\n!!python/object: nej\n'citat' \"och\" `mer`",
    "  indraget\n\n\nmed tomma rader\n\n",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("team-security") / "team-progress"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".playbook"))
    with serve(build(project)) as url:
        yield url


def _answer_in_browser(page, site, answer: str) -> None:
    page.goto(site)
    page.evaluate(
        """([key, text]) => localStorage.setItem('journey-playbook:' + __md_scope.pathname,
            JSON.stringify({format: 'journey-playbook-progress', version: 1, ticks: {},
                            answers: {[key]: text}}))""",
        [PROMPT, answer],
    )
    page.reload()


@pytest.mark.parametrize(
    "answer",
    AWKWARD_ANSWERS,
    ids=[a.encode("unicode_escape").decode()[:30] for a in AWKWARD_ANSWERS],
)
def test_share_my_changes_and_the_export_keep_any_answer_exactly(page, site, tmp_path, answer):
    _answer_in_browser(page, site, answer)
    page.locator("[data-playbook-action=share-changes]").click()
    snippet = page.locator("#playbook-share-snippet").input_value()
    changes = read_changes(parse_yaml(snippet, "progress-changes.yaml"))
    assert [(c.key, c.to) for c in changes if c.section == "answers"] == [(PROMPT, answer)], snippet

    with page.expect_download() as download:
        page.locator("[data-playbook-action=export-all]").click()
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    # `playbook progress import` reads the browser's JSON export as YAML.
    changes = read_changes(parse_yaml(saved.read_text("utf-8"), "export.json"))
    assert [change.to for change in changes] == [answer]


def _share_link(payload: bytes) -> str:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # deflate-raw, as the page packs it
    packed = packer.compress(payload) + packer.flush()
    return "#share=1." + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def test_a_share_link_that_unpacks_to_megabytes_is_refused_unread(page, site):
    # 22 KB of link, 16 MB of valid JSON unpacked: the same link at 2 MB (the longest address
    # Chromium takes) unpacks to 2 GB and hangs or crashes the tab of whoever opens it.
    padding = b" " * (16 * 1024 * 1024)
    link = _share_link(b'{"v":1,"j":"first-90-days","f":"x","t":[],' + padding + b'"a":{}}')
    assert len(link) < 25_000
    page.goto(site + "en/" + JOURNEY + link)
    status = page.locator(".playbook-sharelink .playbook-status")
    expect(status).to_contain_text("could not be read")
    expect(page.locator(".playbook-sharelink dialog")).not_to_be_visible()
    assert "#share" not in page.url


def test_a_share_link_with_thousands_of_unknown_ids_is_refused_not_listed(page, site):
    # Half a million ids fit in a 1.3 MB link, and listing them hung the page for a minute.
    ids = ",".join(f'"gone-{n}"' for n in range(6_000))
    link = _share_link(f'{{"v":1,"j":"first-90-days","f":"x","t":[{ids}],"a":{{}}}}'.encode())
    page.goto(site + "en/" + JOURNEY + link)
    expect(page.locator(".playbook-sharelink .playbook-status")).to_contain_text(
        "could not be read"
    )
    expect(page.locator(".playbook-import-unknown__ids li")).to_have_count(0)
    expect(page.locator(".playbook-sharelink dialog")).not_to_be_visible()


def test_a_crafted_share_link_neither_pollutes_nor_runs_anything(page, site):
    script = "<img src=x onerror=window.__pwned=1>"
    payload = {
        "v": 1,
        "j": "first-90-days",
        "f": "x",
        "t": ["__proto__", "constructor", "shared/__proto__", {"a": 1}, [[["deep"]]], 7, None],
        "a": {
            "__proto__": {"polluted": 1},
            "constructor": {"prototype": {"polluted": 1}},
            "first-use/where-stuck": script,
            "welcome/what-first-week": ["not", "text"],
        },
    }
    code = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    page.goto(site + "en/" + JOURNEY + "#share=0." + code)
    dialog = page.locator("dialog.playbook-dialog[open]")
    expect(dialog).to_contain_text("answers: 1")
    dialog.locator("[data-choice=merge]").click()
    page.goto(site + "en/" + FIRST_USE)
    expect(page.locator("textarea.playbook-answer").first).to_have_value(script)
    assert page.evaluate("({}).polluted") is None
    assert page.evaluate("window.__pwned") is None
    state = page.evaluate(
        "JSON.parse(localStorage.getItem('journey-playbook:' + __md_scope.pathname))"
    )
    assert state["ticks"] == {}
    assert state["answers"] == {PROMPT: script}
