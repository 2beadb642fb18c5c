"""Renderer: pure output compared with golden files, plus escaping rules.

Regenerate the goldens after an intended change with:  make goldens
(= python -m pytest tests/site/test_render.py --update-goldens)
"""

from __future__ import annotations

import shutil
import typing
from datetime import date
from pathlib import Path

import markdown
import pytest
from pydantic import BaseModel

from generator.content.loader import load_content
from generator.content.model import LANGUAGE_CODES, Accessibility, Journey, Language, Playbook
from generator.content.source import read_yaml
from generator.errors import ContentError
from generator.site.markup import md_inline
from generator.site.render import render
from generator.team.history import stamped_changes
from generator.team.loader import validate_status
from tests.conftest import FIXTURES
from tests.htmlscan import Page
from tests.site.test_markup import _site_markdown, _split_front_matter

GOLDEN = Path(__file__).parent / "golden" / "small"

ACCESSIBILITY = {
    "compliance": "partial",
    "contact_email": "tillganglighet@example.org",
    "contact_url": "https://example.org/kontakt?ämne=x".replace("ä", "%C3%A4"),
    "supervisory_body": {
        "name": {"sv": "Tillsynsorganet <b> & co", "nb": "Tilsynet", "en": "The supervisor"},
        "url": "https://example.org/tillsyn",
    },
    "issues": [
        {
            "id": "scanned-pdf",
            "text": {
                "sv": "PDF:en är skannad.",
                "nb": "PDF-en er skannet.",
                "en": "The PDF is scanned.",
            },
            "workaround": {"sv": "Be om texten.", "en": "Ask for the text."},
        },
        {"id": "video", "text": {"sv": "Filmen saknar text *än*.", "nb": "Filmen mangler tekst."}},
    ],
}
"""Set in _render_small, like repo_url: a new line in the fixture's site block would move
the lines the error tests of the fixture point at."""


def wide_loop(playbook: Playbook) -> list[Journey]:
    """The fixture's journeys, the loop's map with map_layout: wide (issue #26). Set here
    for the same reason as repo_url: a line after the loop's ``cyclic`` would move the lines
    the error tests of the fixture point at."""
    return [
        journey.model_copy(update={"map_layout": "wide"}) if journey.id == "loop" else journey
        for journey in playbook.journeys
    ]


def _render_small():
    # With a team status file, so the goldens show each kind of team state (issue #15);
    # 2023-11-14 is the day CI builds on (SOURCE_DATE_EPOCH), after know-names was due.
    playbook = load_content(FIXTURES / "small.yaml")
    site = playbook.site.model_copy(
        update={
            "repo_url": "https://github.com/example/small/tree/main/client",
            "accessibility": Accessibility.model_validate(ACCESSIBILITY),
        }
    )
    playbook = playbook.model_copy(update={"site": site, "journeys": wide_loop(playbook)})
    status = validate_status(read_yaml(FIXTURES / "small-progress.yaml"))
    return render(
        playbook,
        extra_pages=("about.md",),
        team=status,
        today=date(2023, 11, 14),
        history=stamped_changes(status),
    )


@pytest.fixture(scope="module")
def small_outputs():
    return _render_small()


def test_rendered_files_match_goldens(small_outputs, update_goldens):
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in small_outputs.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
    expected = {
        # Bytes, not text: the calendar's lines end in CRLF, which read_text would change.
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    actual = {path.as_posix(): text for path, text in small_outputs.items()}
    assert sorted(actual) == sorted(expected), "set of generated files changed: run make goldens"
    for path in expected:
        assert actual[path] == expected[path], f"{path} differs from its golden: run make goldens"


# Fields the golden fixture leaves out on purpose, each tested where it is at home. Any other
# field a model gains must appear in tests/fixtures/small.yaml, so its pages get goldens.
NOT_IN_GOLDEN_FIXTURE = {
    "Playbook.extends",  # overlays: tests/content/test_overlay.py
    "Site.updated",  # the poster's date: tests/site/test_journey_map.py (a new line here would
    # move every line the error tests of this fixture point at)
    "Site.repo_url",  # set in _render_small below, for the same reason as Site.updated
    "Site.github_enterprise",  # tests/site/test_team_view.py
    "Site.time_zone",  # the day render is given: tests/fork/test_team_workflows.py (nightly)
    "Site.accessibility",  # ACCESSIBILITY above, set in _render_small for the same reason
    *(f"Accessibility.{name}" for name in ACCESSIBILITY),
    "SupervisoryBody.name",
    "SupervisoryBody.url",
    "AccessibilityIssue.id",
    "AccessibilityIssue.text",
    "AccessibilityIssue.workaround",
    "Site.client",  # the client project: tests/fork/test_scaffold.py
    "Site.branding",  # the client project: tests/fork/test_scaffold.py
    "Branding.logo",
    "Branding.favicon",
    "Branding.primary",
    "Branding.accent",
    "Branding.extra_css",
    "Branding.copyright",
    "Site.allow_html",  # test_allow_html_makes_description_html_live_on_the_page below
    "Site.url",  # tests/site/test_build.py builds with --site-url
    "Language.name",  # the switcher's own names: tests/site/test_security.py
    "Journey.loops_to",
    "Journey.map_layout",  # wide_loop above, for the same reason as Site.updated  # test_loops_to_sends_the_last_stage_to_an_earlier_one below
    # One text field per shipped language; the fixture is in sv, nb and en, the others are
    # built by tests/site/test_language_clients.py (da,en and nn,nb clients).
    *(f"Translations.{code}" for code in LANGUAGE_CODES if code not in ("sv", "nb", "en")),
}


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """``model`` and every model class its fields can hold, recursively."""
    found: set[type[BaseModel]] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        for field in current.model_fields.values():
            annotations = [field.annotation]
            while annotations:
                annotation = annotations.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    todo.append(annotation)
                annotations.extend(typing.get_args(annotation))
    return found


def _fields_set(value, found: set[str]) -> set[str]:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            found.add(f"{type(value).__name__}.{name}")
            _fields_set(getattr(value, name), found)
    elif isinstance(value, list | tuple):
        for element in value:
            _fields_set(element, found)
    return found


def test_golden_fixture_sets_every_field_of_the_content_model():
    playbook = load_content(FIXTURES / "small.yaml")
    every = {f"{m.__name__}.{name}" for m in _models(Playbook) for name in m.model_fields}
    assert NOT_IN_GOLDEN_FIXTURE - every == set(), "listed here, but no longer in the model"
    missing = every - _fields_set(playbook, set()) - NOT_IN_GOLDEN_FIXTURE
    assert missing == set(), "add these to tests/fixtures/small.yaml, then run make goldens"


def test_golden_fixture_has_every_page_kind(small_outputs):
    kinds = {
        "glossary": "playbook/glossary{}.md",
        "sources": "playbook/sources{}.md",
        "comparison": "playbook/comparison{}.md",
        "shared checklist": "playbook/checklists/basics{}.md",
        "home": "playbook/index{}.md",
        "journey": "playbook/stages/short/index{}.md",
        "print": "playbook/stages/short/print{}.md",
        "stage": "playbook/stages/short/meet{}.md",
    }
    golden = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    for kind, pattern in kinds.items():
        for suffix in ("", ".nb", ".en"):
            assert pattern.format(suffix) in golden, f"no golden file for the {kind} page"
    pages = {p.as_posix(): t for p, t in small_outputs.items()}
    meet = pages["playbook/stages/short/meet.en.md"]
    # Every kind of content a stage can show is in the goldens.
    for shown in (
        "Read &lt;b&gt;closely&lt;/b&gt;",  # HTML in a description stays text by default
        "[Touchpoint](../../glossary.md#touchpoint)",  # found through the term's 'also'
        "**Caveat:** The figure is made up.",
        "## Suggested metrics { #metrics }",
        "## The basics { #basics--checklist }",
    ):
        assert shown in meet, shown


def _duplicate_ids(outputs) -> dict[str, dict[str, int]]:
    """{page: {id: count}} for each rendered page, converted as MkDocs would, that has an id
    twice. A quick twin of the check on built sites in test_build.py."""
    found = {}
    for path, text in outputs.items():
        if path.suffix == ".md":
            _, body = _split_front_matter(text)
            duplicates = Page(html=_site_markdown().convert(body)).duplicate_ids
            if duplicates:
                found[path.as_posix()] = duplicates
    return found


def test_no_rendered_page_has_an_id_twice(small_outputs):
    assert _duplicate_ids(small_outputs) == {}


# Ids that content may choose and that a template also uses as an anchor on the same page.
# The content checks reserve only the stage page's own (RESERVED_ANCHORS); these slip through.
COLLIDING_IDS = {
    "journey id and a home-page heading": [
        ("  - id: short\n", "  - id: downloads\n"),
        ("short/meet", "downloads/meet"),
    ],
    "before-you-start item and the journey page's stage list": [
        ("      - id: gather-team", "      - id: stages")
    ],
    "shared checklist item and its heading": [("      - id: answer-fast", "      - id: checklist")],
}


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="content ids can repeat a template's anchor"
)
@pytest.mark.parametrize("edits", list(COLLIDING_IDS.values()), ids=list(COLLIDING_IDS))
def test_a_content_id_never_repeats_an_anchor_of_its_page(tmp_path, edits):
    # Fixed either way: the checks refuse the id, or the page gives it an anchor of its own.
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        playbook = load_content(path)
    except ContentError as error:
        assert "reserved" in str(error), str(error)
        return
    duplicates = _duplicate_ids(render(playbook))
    assert duplicates == {}


def test_render_is_deterministic(small_outputs):
    assert _render_small() == small_outputs


def test_one_page_per_language_journey_and_stage(small_outputs):
    docs = {p.as_posix() for p in small_outputs if p.parts[0] == "playbook" and p.suffix == ".md"}
    pages = [
        "index",
        "glossary",
        "sources",
        "comparison",
        "team",
        "accessibility",
        "checklists/basics",
        *(
            f"stages/loop/{page}"
            for page in ("index", "print", "poster", "workshop", "first", "second")
        ),
        *(
            f"stages/short/{page}"
            for page in ("index", "print", "poster", "workshop", "meet", "decide")
        ),
    ]
    assert docs == {
        f"playbook/{page}{suffix}.md" for page in pages for suffix in ("", ".nb", ".en")
    }


def test_the_stage_counter_says_stage_n_of_m_in_every_language():
    # Issue #28: the breadcrumb reused the plural heading and read "Stages 1/2", "Phasen 1/2".
    playbook = load_content(FIXTURES / "small.yaml")
    languages = [Language(code=code, default=code == "sv") for code in LANGUAGE_CODES]
    playbook = playbook.model_copy(
        update={"site": playbook.site.model_copy(update={"languages": languages})}
    )
    outputs = {p.as_posix(): text for p, text in render(playbook).items()}
    counters = {
        code: next(
            line
            for line in outputs[
                f"playbook/stages/loop/second{'' if code == 'sv' else '.' + code}.md"
            ].split("\n")
            # The breadcrumb's line (the front matter may hold a marked title, and the tab
            # title "stage · journey").
            if " · " in line and not line.startswith("playbook_tab_title:")
        ).rsplit(" · ", 1)[1]
        for code in LANGUAGE_CODES
    }
    assert counters == {
        "sv": "Steg 2 av 2",
        "nb": "Steg 2 av 2",
        "nn": "Steg 2 av 2",
        "da": "Trin 2 af 2",
        "fi": "Vaihe 2/2",
        "de": "Phase 2 von 2",
        "en": "Stage 2 of 2",
    }


def test_cyclic_journey_links_last_stage_back_to_first(small_outputs):
    pages = {p.as_posix(): t for p, t in small_outputs.items()}
    last = pages["playbook/stages/loop/second.en.md"]
    assert "Next stage: [First](first.md) ↺ The journey starts again" in last
    first = pages["playbook/stages/loop/first.md"]
    assert "Föregående steg: [Andra &lt;steget&gt; &amp; \\#1](second.md) ↺" in first


def test_untranslated_text_falls_back_with_a_note_in_the_readers_language(small_outputs):
    pages = {p.as_posix(): t for p, t in small_outputs.items()}
    english = pages["playbook/stages/loop/second.en.md"]
    assert "Bara på svenska" in english
    assert "not been translated into English yet. It is shown in Swedish." in english
    assert 'id="follow-up" lang="sv"' in english
    norwegian = pages["playbook/stages/loop/second.nb.md"]
    assert "ikke oversatt til norsk ennå. Den vises på svensk." in norwegian
    # Fully translated pages carry no note.
    assert "translated" not in pages["playbook/stages/loop/first.en.md"]


def test_source_url_is_a_link_and_the_title_stays_text(small_outputs):
    page = {p.as_posix(): t for p, t in small_outputs.items()}["playbook/sources.en.md"]
    html = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html"]).convert(page)
    url = "https://example.org/kundresa?utg=2&amp;s=(1)#del_2"
    assert f'Web address: <a href="{url}">{url}</a>' in html
    assert "Källan &lt;b&gt; &amp; [länk] *" in html and "<b>" not in html


@pytest.mark.parametrize(
    "text",
    ["# | * _ [ ] < > & ` {#x}", "2024. Ett år", "- list?", "+ plus", "<b>bold</b> &amp;", "a\\b"],
)
def test_md_inline_shows_text_literally(text):
    html = markdown.Markdown(extensions=["tables", "attr_list"]).convert(md_inline(text))
    assert html.startswith("<p>") and html.endswith("</p>"), html
    shown = html[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown == text


def test_loops_to_sends_the_last_stage_to_an_earlier_one(tmp_path):
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    text = text.replace("    cyclic: true", "    cyclic: true\n    loops_to: second")
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    pages = {p.as_posix(): t for p, t in render(load_content(path)).items()}
    last = pages["playbook/stages/loop/second.en.md"]
    assert "Next stage: [Second](second.md) ↺" in last
    first = pages["playbook/stages/loop/first.en.md"]
    assert "This is the first stage of the journey." in first
    home = pages["playbook/index.en.md"]
    assert (
        '<a href="stages/loop/second/"><span aria-hidden="true">↺</span> Back to Second</a>' in home
    )


def test_two_outputs_for_one_path_are_an_error_not_a_lost_page():
    # The content checks reserve 'index'; the renderer still never overwrites one page with
    # another if a collision slips past them (issue #10).
    import yaml

    from generator.content.model import Playbook
    from generator.errors import GeneratorError
    from generator.site.render import render
    from tests.conftest import FIXTURES

    data = yaml.load((FIXTURES / "small.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["journeys"][0]["stages"][1]["id"] = "index"
    playbook = Playbook.model_validate(data, context={"default_language": "sv"})
    with pytest.raises(
        GeneratorError, match="two pages would be written to playbook/stages/loop/index"
    ):
        render(playbook)


def test_an_untranslated_glossary_term_marks_only_the_pages_that_show_it():
    # Issue #14: matching translated every term, so one untranslated term put the
    # "not translated" note on every stage page.
    import yaml

    from generator.content.model import Playbook
    from generator.site.render import render
    from tests.conftest import FIXTURES

    data = yaml.load((FIXTURES / "small.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["glossary"] = [{"id": "zebra", "term": {"sv": "sebra"}, "definition": {"sv": "Ett djur."}}]
    playbook = Playbook.model_validate(data, context={"default_language": "sv"})
    outputs = {path.as_posix(): text for path, text in render(playbook).items()}
    first = outputs["playbook/stages/loop/first.en.md"]
    assert "has not been translated into English" not in first
    glossary = outputs["playbook/glossary.en.md"]
    assert "has not been translated into English" in glossary


def test_allow_html_makes_description_html_live_on_the_page(small_outputs, tmp_path):
    # Both directions: off (the golden fixture) shows the tags as text, on lets them through.
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(
        text.replace("  languages:\n", "  allow_html: true\n  languages:\n", 1), "utf-8"
    )
    opted_in = {p.as_posix(): t for p, t in render(load_content(path)).items()}
    default = {p.as_posix(): t for p, t in small_outputs.items()}
    live = "<p>Read <b>closely</b> &amp; never write <i>italics</i>. See the <strong>list</strong>.</p>"
    shown = "<p>Read &lt;b&gt;closely&lt;/b&gt; &amp; never write &lt;i&gt;italics&lt;/i&gt;. See the <strong>list</strong>.</p>"
    page = "playbook/stages/short/meet.en.md"
    assert live in opted_in[page] and shown not in opted_in[page]
    assert shown in default[page] and live not in default[page]
