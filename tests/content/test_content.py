"""The default content: complete in sv, nb and en, within the issue's bounds, and written fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.checks import iter_texts
from generator.content.loader import load_content
from tests.conftest import REPO

SEEDS = next(
    (
        parent / "shared" / "seeds"
        for parent in REPO.parents
        if (parent / "shared" / "seeds").is_dir()
    ),
    REPO.parent / "shared" / "seeds",
)
"""The five source articles: ../shared/seeds beside the repository, or beside a folder above it
(a git worktree under wt/ shares the main checkout's ../shared)."""


@pytest.fixture(scope="module")
def playbook():
    return load_content(REPO / "content.yaml")


def test_every_text_is_translated_into_every_language(playbook):
    missing = [
        (loc, lang)
        for loc, text in iter_texts(playbook)
        for lang in playbook.language_codes
        if not text.get(lang)
    ]
    total = sum(1 for _ in iter_texts(playbook)) * len(playbook.language_codes)
    assert missing == [], f"translation coverage {100 * (1 - len(missing) / total):.1f} %"


def test_backbone_journey_is_the_seven_stage_loop(playbook):
    journey = playbook.journeys[0]
    assert journey.id == "customer-journey" and journey.cyclic
    assert len(journey.stages) == 7
    for stage in journey.stages:
        assert 3 <= len(stage.checklist) <= 6, stage.id
        assert 1 <= len(stage.prompts) <= 3, stage.id


def test_prompts_are_questions(playbook):
    for journey in playbook.journeys:
        for stage in journey.stages:
            for prompt in stage.prompts:
                for lang in playbook.language_codes:
                    assert prompt.text.get(lang).rstrip().endswith("?"), (stage.id, prompt.id, lang)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _ngrams(words: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no shared/seeds found above the repository")
def test_no_run_of_eight_words_is_copied_from_a_seed(playbook):
    seed_grams: set[tuple[str, ...]] = set()
    for seed in sorted(Path(SEEDS).glob("*.txt")):
        seed_grams |= _ngrams(_words(seed.read_text(encoding="utf-8")))
    assert seed_grams, "no seed text found"
    copied = []
    for loc, text in iter_texts(playbook):
        for lang in playbook.language_codes:
            overlap = _ngrams(_words(text.get(lang) or "")) & seed_grams
            copied += [(loc, lang, " ".join(gram)) for gram in overlap]
    assert copied == []


def test_four_journeys_from_the_seeds(playbook):
    shape = {j.id: len(j.stages) for j in playbook.journeys}
    assert shape == {
        "customer-journey": 7,
        "six-phases": 6,
        "buyers-journey": 3,
        "purchase-process": 5,
    }
    by_id = {j.id: j for j in playbook.journeys}
    assert len(by_id["buyers-journey"].checklist) == 4  # "before you start"
    for journey in ("buyers-journey", "purchase-process"):
        assert "glossary.md#customer-journey-vs-" in by_id[journey].about.get("sv")
    assert {j.source for j in playbook.journeys} == {
        "blog-never-ending-journey",
        "agency-six-phases",
        "agency-buyers-journey",
        "bostrom-2016",
    }
    conversion = next(s for s in by_id["six-phases"].stages if s.id == "conversion")
    assert conversion.description.get("nb").count("\n- ") >= 3  # what counts as a conversion


def test_survey_facts_cite_their_source_with_a_caveat(playbook):
    survey = [
        f for f in playbook.facts if f.id in ("switch-brand-74", "never-again-51", "service-93")
    ]
    assert [f.text.get("en")[:3] for f in survey] == ["74%", "51%", "93%"]
    for fact in survey:
        assert fact.source == "agency-buyers-journey"
        for lang in playbook.language_codes:
            assert "HubSpot" in fact.caveat.get(lang)


def test_survey_facts_sit_on_the_stages_their_claims_are_about(playbook):
    shown = {}
    for journey in playbook.journeys:
        for stage in journey.stages:
            for fact in stage.facts:
                shown.setdefault(fact, set()).add(f"{journey.id}/{stage.id}")
    # Switching brand when buying is hard: stages where the purchase happens.
    assert shown["switch-brand-74"] == {
        "customer-journey/purchase",
        "buyers-journey/decision",
        "purchase-process/purchase",
    }
    # Never again after a bad experience: service after the sale.
    assert shown["never-again-51"] == {"customer-journey/after-purchase", "six-phases/service"}
    # Coming back after outstanding service: loyalty.
    assert shown["service-93"] == {"customer-journey/loyalty", "six-phases/returning"}


def test_glossary_covers_the_distinctions_in_the_seeds(playbook):
    assert {
        "customer-journey-vs-purchase-process",
        "customer-journey-vs-buyers-journey",
        "cx-and-ux",
        "conversion",
        "usp",
        "top-of-mind",
        "passive-phase",
        "ambassador",
        "friction",
        "target-group-analysis",
    } <= {term.id for term in playbook.glossary}


def test_cx_checklist_is_shared_across_journeys(playbook):
    cx = next(c for c in playbook.checklists if c.id == "cx-basics")
    assert len(cx.items) == 6
    assert cx.items[0].id == "staff-conduct"  # the source's list opens with "bemötande"
    assert len({ref.split("/")[0] for ref in cx.stages}) >= 3


def test_suggested_metrics_where_the_seeds_motivate_them(playbook):
    metrics = {m.id for j in playbook.journeys for s in j.stages for m in s.metrics}
    assert {
        "page-load-time",
        "conversion-rate",
        "complaint-resolution-time",
        "repeat-purchases",
        "would-recommend",
    } <= metrics


def test_content_parses_the_same_with_every_yaml_loader():
    # The loader uses libyaml when present, which accepts some flow-style text that
    # pure-Python PyYAML rejects (e.g. a plain `?` inside `{...}`). A fork reading
    # the file with another loader, or a machine without libyaml, must get the same data.
    import yaml
    from ruamel.yaml import YAML

    text = (REPO / "content.yaml").read_text(encoding="utf-8")
    loaded = {
        "pure PyYAML": yaml.load(text, Loader=yaml.SafeLoader),
        "pure ruamel.yaml": YAML(typ="safe", pure=True).load(text),
    }
    if hasattr(yaml, "CSafeLoader"):
        loaded["libyaml"] = yaml.load(text, Loader=yaml.CSafeLoader)
    first = next(iter(loaded.values()))
    assert all(data == first for data in loaded.values()), list(loaded)
