"""Issue #27, done when: no page of a `da,en` client has text in another language without a
`lang` attribute, checked on every page kind; the "not yet translated" note shows exactly
where a fallback is on the page.

A Danish and English client of the default playbook as it was in sv, nb and en only,
with one shared checklist and everything it names translated into Danish, and a team status
file, so every page kind is built: home, journey, stage, shared checklist, glossary,
sources, comparison, team, print, poster and 404, in both languages. Each page is parsed;
a text node that holds one of the content's texts in another language than the page's must
have an ancestor whose `lang` is that language (the navigation, headings, the header and
the table of contents included; the document head aside).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.checks import iter_texts
from generator.content.loader import load_content
from tests.conftest import build_env, run_cli
from tests.offered import base_in_sv_nb_en

pytestmark = pytest.mark.slow

NOTE = {
    "da": "Denne tekst er endnu ikke oversat til dansk.",
    "en": "This text has not been translated into English yet.",
}

# Everything the shared checklist cx-basics page shows, in Danish: with it, that page is
# wholly Danish (its source's title aside, which is Swedish and no fallback).
DANISH = """\
journeys:
  - id: customer-journey
    name: {da: Kunderejsen der aldrig slutter}
    stages:
      - id: purchase
        name: {da: Køb}
      - id: after-purchase
        name: {da: Efter købet}
      - id: ambassador
        name: {da: Ambassadør}
  - id: six-phases
    name: {da: Kunderejsens seks faser}
    stages:
      - id: decision
        name: {da: Kunden beslutter sig}
      - id: service
        name: {da: Kunden har brug for service}
  - id: purchase-process
    name: {da: Købsprocessen}
    stages:
      - id: purchase
        name: {da: Købet}
checklists:
  - id: cx-basics
    name: {da: Kundeoplevelsens grundprincipper}
    summary: {da: "Kundeoplevelsen begynder før købet. Seks punkter der gælder i alle brancher."}
    items:
      - {id: staff-conduct, text: {da: "Aftal hvordan kunderne skal mødes, og gennemgå det."}}
      - {id: find-quickly, text: {da: "Se nogle kunder lede, og fjern det der sinker dem."}}
      - {id: secure-payment, text: {da: "Vis betalingsmåder og gebyrer før kunden betaler."}}
      - {id: complaints-as-promised, text: {da: "Find ud af hvor mange reklamationer der blev løst."}}
      - {id: service-leaves-mark, text: {da: "Tilføj noget efter købet som kunden ikke venter."}}
      - {id: worth-recommending, text: {da: "Gå hele kunderejsen igennem og markér de svage steder."}}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("marks") / "kunde"
    base = base_in_sv_nb_en(folder / "base")  # the default playbook itself is in Danish too
    made = run_cli(
        "init", str(folder), "--name", "Kunde ApS", "--extends", str(base),
        "--languages", "da,en", "--package", "",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    with (folder / "content.yaml").open("a", encoding="utf-8") as content:
        content.write(DANISH)
    (folder / "progress.yaml").write_text(
        "version: 1\nitems:\n  customer-journey/awareness/known-for:\n    status: done\n",
        encoding="utf-8",
    )
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(folder / "content.yaml")],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return folder


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


class _TextNodes(HTMLParser):
    """Every text node of a page with its nearest `lang` and whether it is in the article."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.nodes: list[tuple[str, str, bool]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        text = " ".join(data.split())
        if not text or {"head", "script", "style", "svg"} & set(tags):
            return
        lang = next(lang for _, lang in reversed(self.stack) if lang)
        self.nodes.append((text, lang, "article" in tags))


def _texts(content: Path) -> tuple[dict[str, set[str]], set[str]]:
    """The content's texts per language (fallback candidates), and the sources' titles."""
    playbook = load_content(content)
    client = playbook.site.client or ""
    texts: dict[str, set[str]] = {}
    for _, text in iter_texts(playbook):
        for code in ("sv", "nb", "en", "da"):
            value = text.get(code)
            if value and "\n" not in value.strip():  # descriptions: one node per paragraph
                texts.setdefault(code, set()).add(
                    " ".join(value.replace("{client}", client).split())
                )
    titles = {source.title: source.language for source in playbook.sources}
    return texts, set(titles)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_text_in_another_language_carries_its_lang_on_every_page_kind(client):
    site = client / "site"
    pages = _pages(site)
    kinds = {
        "index.html", "stages/customer-journey/index.html",
        "stages/customer-journey/awareness/index.html", "checklists/cx-basics/index.html",
        "glossary/index.html", "sources/index.html", "comparison/index.html", "team/index.html",
        "stages/customer-journey/print/index.html", "stages/customer-journey/poster/index.html",
        "404.html",
    }  # fmt: skip
    for kind in kinds:
        assert site / kind in pages and site / "en" / kind in pages, kind
    texts, _ = _texts(client / "content.yaml")
    playbook = load_content(client / "content.yaml")
    sources = {source.title: source.language for source in playbook.sources}
    unmarked = []
    checked = 0
    for page in pages:
        language = "en" if page.relative_to(site).parts[0] == "en" else "da"
        own = texts.get(language, set())
        # Each text of another language, with every language it is written in there ("USP"
        # is the same in sv, nb and en): a mark with any of them is right.
        written: dict[str, set[str]] = {}
        for other, values in texts.items():
            for value in values - own if other != language else ():
                written.setdefault(value, set()).add(other)
        long = [(value, langs) for value, langs in written.items() if len(value) >= 24]
        for text, lang, _ in _TextNodes(page.read_text(encoding="utf-8")).nodes:
            langs = set(written.get(text, ()))
            for value, value_langs in long:
                if value in text:
                    langs |= value_langs
            if text in sources and sources[text] != language:
                langs.add(sources[text])
            if langs:
                checked += 1
                if lang not in langs:
                    unmarked.append(f"{page.relative_to(site)}: {text[:60]!r} is {sorted(langs)}")
    assert checked > 800  # fallbacks in the navigation of every page, and in the pages
    assert unmarked == []


def test_the_note_shows_exactly_where_a_fallback_is_on_the_page(client):
    site = client / "site"
    texts, _ = _texts(client / "content.yaml")
    with_note, without = [], []
    for page in _pages(site):
        language = "en" if page.relative_to(site).parts[0] == "en" else "da"
        html = page.read_text(encoding="utf-8")
        fallback = any(
            in_article and lang != language and text in texts.get(lang, set())
            for text, lang, in_article in _TextNodes(html).nodes
        )
        noted = NOTE[language] in html
        assert noted == fallback, f"{page.relative_to(site)}: note {noted}, fallback {fallback}"
        (with_note if noted else without).append(page.relative_to(site).as_posix())
    # The shared checklist, wholly Danish now, and the 404 page have none.
    assert "checklists/cx-basics/index.html" in without and "404.html" in without
    assert "stages/customer-journey/awareness/index.html" in with_note
    assert "glossary/index.html" in with_note and "comparison/index.html" in with_note
    shared = (site / "checklists/cx-basics/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../sources/#quaestus-2019"><span lang="sv">Kundupplevelse</span></a>' in shared
    )


def test_the_header_and_the_navigation_mark_a_title_in_another_language(client):
    html = (client / "site/stages/customer-journey/awareness/index.html").read_text("utf-8")
    topic = html.split('data-md-component="header-topic">', 1)[1].split("</div>", 1)[0]
    assert topic.strip() == '<span class="md-ellipsis"><span lang="en">Awareness</span></span>'
    assert re.search(r'<span class="md-ellipsis">\s*<span lang="en">Interest</span>', html)
    assert '<span lang="da">' not in html  # Danish needs no mark on a Danish page
    english = (client / "site/en/checklists/cx-basics/index.html").read_text("utf-8")
    assert "<span lang=" not in english.split('data-md-component="header-topic">', 1)[1][:200]
