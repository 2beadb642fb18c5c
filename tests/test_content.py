"""The default content: complete in sv, nb and en, within the issue's bounds, and written fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks import iter_texts
from generator.loader import load_content
from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"


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


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
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
