"""Which glossary terms a page links to: whole words and phrases, never part of a word."""

from __future__ import annotations

import pytest
import yaml

from generator.content.model import Playbook
from generator.site.glossary import terms_on_page
from generator.site.localize import localizer
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    data = yaml.safe_load((FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    data["glossary"] = [
        {"id": "kop", "term": {"sv": "köp", "en": "purchase"}, "definition": {"sv": "Ett köp."}},
        {
            "id": "nps",
            "term": {"sv": "NPS"},
            "definition": {"sv": "Ett mått."},
            "also": {"sv": "net promoter score, rekommendation"},
        },
    ]
    return Playbook.model_validate(data, context={"default_language": "sv"})


@pytest.mark.parametrize(
    "text, found",
    [
        # The default playbook and the fixture link the same terms either way, so only a
        # crafted text catches a term matched inside another word (issue #30).
        ("Köpresan börjar. Vi köper och återköper.", []),
        ("Det var ett omköp.", []),
        ("Före köp: läs. Köp!", ["kop"]),
        ("KÖP", ["kop"]),
        ("Mät Net Promoter Score-talet varje kvartal.", ["nps"]),
        ("Mät net promoter varje kvartal.", []),  # half a phrase is not the phrase
        ("rekommendationer", []),
        ("Köp, sedan en rekommendation.", ["kop", "nps"]),
    ],
)
def test_a_term_links_only_where_it_stands_as_whole_words(playbook, text, found):
    links = terms_on_page(playbook, [text], localizer(playbook, "sv"))
    assert [link["id"] for link in links] == found


def test_each_link_shows_the_term_in_the_page_language(playbook):
    links = terms_on_page(playbook, ["A purchase, then köp."], localizer(playbook, "en"))
    assert links == [{"id": "kop", "term": "purchase"}]
