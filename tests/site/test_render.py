"""Renderer: pure output compared with golden files, plus escaping rules.

Regenerate the goldens after an intended change with:  make goldens
(= python -m pytest tests/site/test_render.py --update-goldens)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from generator.content.loader import load_content
from generator.site.render import md_inline, render
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "small"


@pytest.fixture(scope="module")
def small_outputs():
    return render(load_content(FIXTURES / "small.yaml"), extra_pages=("about.md",))


def test_rendered_files_match_goldens(small_outputs, update_goldens):
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in small_outputs.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    actual = {path.as_posix(): text for path, text in small_outputs.items()}
    assert sorted(actual) == sorted(expected), "set of generated files changed: run make goldens"
    for path in expected:
        assert actual[path] == expected[path], f"{path} differs from its golden: run make goldens"


def test_render_is_deterministic(small_outputs):
    again = render(load_content(FIXTURES / "small.yaml"), extra_pages=("about.md",))
    assert again == small_outputs


def test_one_page_per_language_journey_and_stage(small_outputs):
    docs = {p.as_posix() for p in small_outputs if p.parts[0] == "playbook" and p.suffix == ".md"}
    for suffix in ("", ".nb", ".en"):
        assert f"playbook/index{suffix}.md" in docs
        assert f"playbook/stages/loop/index{suffix}.md" in docs
        assert f"playbook/stages/loop/print{suffix}.md" in docs
        assert f"playbook/sources{suffix}.md" in docs
        for stage in ("first", "second"):
            assert f"playbook/stages/loop/{stage}{suffix}.md" in docs
    assert len(docs) == 3 * 6


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
    assert "↺ [Second](stages/loop/second.md)" in pages["playbook/index.en.md"]


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
