"""What docs/content-style.md asks of the default content, as far as a machine can check it.

Each check is a function that returns the problems it finds, so the same function runs on
the real content (no problems) and on a deliberately broken copy (the problem is found).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.content.model import ChecklistItem, Playbook
from tests.conftest import REPO

CONTENT = REPO / "content.yaml"

# Imperatives a checklist item may start with (docs/content-style.md, "Checklist items").
# Add a verb when a new item needs one, as long as it names something a team does once and
# can then tick off. Verbs for ongoing attitudes ("Håll", "Sträva", "Keep", "Try", "Be")
# are left out on purpose: rephrase those items as the step that sets the habit up.
IMPERATIVES: dict[str, frozenset[str]] = {
    "sv": frozenset(
        [
            "Ange",
            "Be",
            "Beskriv",
            "Bestäm",
            "Boka",
            "Erbjud",
            "Formulera",
            "Fråga",
            "Ge",
            "Gå",
            "Gör",
            "Inför",
            "Jämför",
            "Kartlägg",
            "Kontrollera",
            "Lista",
            "Lägg",
            "Låt",
            "Mät",
            "Observera",
            "Planera",
            "Publicera",
            "Räkna",
            "Samla",
            "Schemalägg",
            "Se",
            "Skriv",
            "Skicka",
            "Starta",
            "Svara",
            "Sätt",
            "Sök",
            "Ta",
            "Testa",
            "Utse",
            "Visa",
            "Välj",
            "Ändra",
        ]
    ),
    "nb": frozenset(
        [
            "Be",
            "Beskriv",
            "Bestem",
            "Book",
            "Finn",
            "Fjern",
            "Formuler",
            "Gi",
            "Gå",
            "Innfør",
            "Kartlegg",
            "La",
            "Lag",
            "Legg",
            "List",
            "Mål",
            "Observer",
            "Oppgi",
            "Planlegg",
            "Publiser",
            "Regn",
            "Samle",
            "Sammenlign",
            "Send",
            "Sett",
            "Sjekk",
            "Skriv",
            "Spør",
            "Start",
            "Svar",
            "Søk",
            "Sørg",
            "Test",
            "Tilby",
            "Utpek",
            "Velg",
            "Vis",
            "Endre",
        ]
    ),
    "en": frozenset(
        [
            "Add",
            "Agree",
            "Answer",
            "Ask",
            "Book",
            "Carry",
            "Change",
            "Check",
            "Compare",
            "Decide",
            "Describe",
            "Find",
            "Gather",
            "Give",
            "Go",
            "List",
            "Make",
            "Map",
            "Measure",
            "Name",
            "Offer",
            "Pick",
            "Plan",
            "Publish",
            "Put",
            "Remove",
            "Review",
            "Schedule",
            "Search",
            "Send",
            "Set",
            "Show",
            "Start",
            "State",
            "Test",
            "Time",
            "Walk",
            "Watch",
            "Work",
            "Write",
        ]
    ),
}

# Words the style sheet replaces with one term per concept (docs/content-style.md, "Terms").
AVOID: dict[str, dict[str, str]] = {
    "sv": {
        "kundservice": "kundtjänst",
        "hemsida": "webbplats",
        "kundbrev": "nyhetsbrev",
        "kundevent": "kundträff",
        "henom": "hen",
    },
    "nb": {"hjemmeside": "nettsted", "nettside": "nettsted"},
    "en": {"customer letter": "newsletter", "homepage": "website", "feel safe": "feel confident"},
}

PLACEHOLDER_ID = re.compile(
    r"^(?:seed|source|src|ref|reference|kalla|kilde|s|id|new|tmp|todo|x)?-?\d+$|^\d", re.I
)
"""Ids such as seed-000, source-1, s2 or 42: they say nothing about the source behind them."""


def checklists_by_journey(playbook: Playbook) -> dict[str, list[tuple[str, ChecklistItem]]]:
    """Every checklist item a team sees while working on a journey, with where it comes from:
    'before you start', the stages' checklists and the shared checklists shown on its stages
    (each shared list once, however many of the journey's stages show it)."""
    found: dict[str, list[tuple[str, ChecklistItem]]] = {}
    for journey in playbook.journeys:
        items = [(f"{journey.id}/-/{item.id}", item) for item in journey.checklist]
        for stage in journey.stages:
            items += [(f"{journey.id}/{stage.id}/{item.id}", item) for item in stage.checklist]
        for shared in playbook.checklists:
            if any(ref.split("/")[0] == journey.id for ref in shared.stages):
                items += [(f"shared/{shared.id}/{item.id}", item) for item in shared.items]
        found[journey.id] = items
    return found


def non_imperative_items(playbook: Playbook) -> list[str]:
    problems = []
    for items in checklists_by_journey(playbook).values():
        for where, item in items:
            for lang in playbook.language_codes:
                text = item.text.get(lang) or ""
                first = re.match(r"\w+", text)
                if not first or first.group() not in IMPERATIVES[lang]:
                    problems.append(f"{where} [{lang}]: {text!r}")
    return sorted(set(problems))


def duplicate_items(playbook: Playbook) -> list[str]:
    problems = []
    for journey, items in checklists_by_journey(playbook).items():
        for lang in playbook.language_codes:
            seen: dict[str, str] = {}
            for where, item in items:
                key = " ".join((item.text.get(lang) or "").casefold().split()).rstrip(".")
                if key in seen and seen[key] != where:
                    problems.append(f"{journey} [{lang}]: {where} repeats {seen[key]}")
                seen.setdefault(key, where)
    return problems


def placeholder_source_ids(playbook: Playbook) -> list[str]:
    return [source.id for source in playbook.sources if PLACEHOLDER_ID.match(source.id)]


def clashing_stage_names(playbook: Playbook) -> list[str]:
    """Two stages may share a name in a language only when they are the same step: a stage of
    the first journey and stages that correspond to just that stage (Köp and Köp)."""
    first = playbook.journeys[0]
    problems = []
    for lang in playbook.language_codes:
        steps: dict[str, set[tuple[str, ...]]] = {}
        for journey in playbook.journeys:
            for stage in journey.stages:
                step = (stage.id,) if journey is first else tuple(sorted(stage.corresponds_to))
                steps.setdefault(stage.name.get(lang) or "", set()).add(step)
        problems += [
            f"[{lang}] {name!r} names different steps: {sorted(found)}"
            for name, found in steps.items()
            if len(found) > 1
        ]
    return problems


def avoided_words(playbook: Playbook) -> list[str]:
    from generator.content.checks import iter_texts

    problems = []
    for loc, text in iter_texts(playbook):
        for lang, words in AVOID.items():
            value = (text.get(lang) or "").casefold()
            problems += [
                f"{loc} [{lang}]: {word!r} (write {better!r})"
                for word, better in words.items()
                if re.search(rf"\b{word}", value)
            ]
    return problems


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load_content(CONTENT)


def test_every_checklist_item_starts_with_an_imperative(playbook):
    assert non_imperative_items(playbook) == []


def test_no_two_items_in_a_journey_share_their_text(playbook):
    assert duplicate_items(playbook) == []


def test_source_ids_say_what_the_source_is(playbook):
    assert placeholder_source_ids(playbook) == []


def test_no_two_different_stages_share_a_name(playbook):
    assert clashing_stage_names(playbook) == []


def test_one_term_per_concept(playbook):
    assert avoided_words(playbook) == []


# Each check must be able to fail: run it on a copy of the content with one mistake.


def broken(tmp_path: Path, old: str, new: str) -> Playbook:
    text = CONTENT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "content.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_content(path)


def test_an_outcome_instead_of_an_action_is_found(tmp_path):
    playbook = broken(tmp_path, "sv: Publicera era värderingar", "sv: Värderingarna syns")
    assert non_imperative_items(playbook) == [
        "customer-journey/awareness/values-visible [sv]: "
        "'Värderingarna syns där kunderna ser dem, inte bara i interna dokument.'"
    ]


def test_an_item_in_a_shared_checklist_is_checked_too(tmp_path):
    playbook = broken(
        tmp_path,
        "en: \"Find out what share of last quarter's",
        "en: \"Complaints: find out what share of last quarter's",
    )
    assert [p.split(" [")[0] for p in non_imperative_items(playbook)] == [
        "shared/cx-basics/complaints-as-promised"
    ]


def test_a_repeated_item_is_found_within_a_journey(tmp_path):
    # The ambassador stage gets the loyalty stage's newsletter item, in English only.
    playbook = broken(
        tmp_path,
        "en: Give ambassadors a direct way to send you feedback.",
        "en: Start a newsletter that gives advice and tips, not only offers.",
    )
    assert duplicate_items(playbook) == [
        "customer-journey [en]: customer-journey/ambassador/direct-feedback repeats "
        "customer-journey/loyalty/customer-letter"
    ]


def test_a_numbered_source_id_is_found(tmp_path):
    text = CONTENT.read_text(encoding="utf-8").replace("bostrom-2016", "seed-003")
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    assert placeholder_source_ids(load_content(path)) == ["seed-003"]


@pytest.mark.parametrize(
    "ident, placeholder",
    [
        ("seed-000", True),
        ("source-1", True),
        ("s2", True),
        ("42", True),
        ("ref-7", True),
        ("bostrom-2016", False),
        ("quaestus-2019", False),
        ("agency-six-phases", False),
    ],
)
def test_placeholder_pattern(ident, placeholder):
    assert bool(PLACEHOLDER_ID.match(ident)) is placeholder


def test_a_stage_name_shared_by_two_different_steps_is_found(tmp_path):
    playbook = broken(tmp_path, "nb: Evaluering etter kjøpet,", "nb: Vurdering,")
    assert clashing_stage_names(playbook) == [
        "[nb] 'Vurdering' names different steps: [('after-purchase',), ('consideration',)]"
    ]


def test_an_avoided_word_is_found(tmp_path):
    playbook = broken(
        tmp_path,
        '"Hur arbetar vi med kundtjänst i dag?"',
        '"Hur arbetar vi med kundservice i dag?"',
    )
    assert len(avoided_words(playbook)) == 1
