"""What docs/content-style.md asks of the default content and the interface text, as far as a
machine can check it.

Each check is a function that returns the problems it finds, so the same function runs on
the real content (no problems) and on a deliberately broken copy (the problem is found).
The terms and the attribution phrases are read from the style sheet's own tables, so a rule
has one home: add a word there and every text is checked for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.checks import iter_texts
from generator.content.loader import load_content
from generator.content.model import LANGUAGE_CODES, ChecklistItem, Playbook
from generator.site.ui import ui_files
from tests.conftest import REPO

CONTENT = REPO / "content.yaml"
STYLE = REPO / "docs" / "content-style.md"
TEMPLATES = REPO / "generator" / "site" / "templates"

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


def style_table(heading: str, first_column: str, text: str | None = None) -> list[dict[str, str]]:
    """The rows, as {column: cell}, of the first table under ``heading`` in the style sheet
    whose first column is ``first_column`` (a table inside a list item counts too)."""
    text = STYLE.read_text(encoding="utf-8") if text is None else text
    lines = [line.strip() for line in text[text.index(f"\n{heading}\n") :].splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_column} |"))
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


def _italics(text: str) -> list[str]:
    return [form.strip() for form in re.findall(r"\*([^*]+)\*", text)]


def _word(form: str) -> re.Pattern[str]:
    """A whole word or phrase, any case; a trailing … stands for any ending."""
    body = r"\s+".join(re.escape(word) for word in form.rstrip("…").split())
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if form.endswith("…") else r"(?!\w)"), re.I)


class Term:
    """One cell of a terms table: the words to write, and the words it forbids after *not*."""

    def __init__(self, concept: str, cell: str) -> None:
        self.concept = concept
        forbidden = re.search(r"\(not ([^)]*)\)", cell)
        self.forbidden = _italics(forbidden.group(1)) if forbidden else []
        plain = re.sub(r"\([^)]*\)", "", cell)
        self.preferred = [w.strip().strip("*") for w in plain.split(",") if w.strip()]

    def misuses(self, text: str) -> list[str]:
        """The forbidden words in ``text``, except inside the term itself (tone of voice)."""
        allowed = [m.span() for w in self.preferred for m in _word(w).finditer(text)]
        return [
            form
            for form in self.forbidden
            for m in _word(form).finditer(text)
            if not any(start <= m.start() and m.end() <= end for start, end in allowed)
        ]


def terms(heading: str, first_column: str, text: str | None = None) -> dict[str, list[Term]]:
    """Per language, the terms of a table whose other columns are language codes."""
    found: dict[str, list[Term]] = {}
    for row in style_table(heading, first_column, text):
        concept = row[first_column]
        for lang, cell in row.items():
            if lang in LANGUAGE_CODES:
                found.setdefault(lang, []).append(Term(concept, cell))
    return found


CONTENT_TERMS = terms("## Terms", "Concept")
"""docs/content-style.md "Terms": one word per concept in content.yaml (sv, nb, en)."""

INTERFACE_TERMS = terms("### Terms (tested)", "Concept")
"""docs/content-style.md "Interface text": one word per concept in every ui_text key."""

HOMONYMS = {
    (row["Language"], row["Key"], _italics(row["Word"])[0].casefold())
    for row in style_table("### Terms (tested)", "Language")
}
"""(language, key, word): a forbidden word the interface check allows in that key only."""

ATTRIBUTION = {
    row["Language"]: _italics(row["to the article"]) + _italics(row["to a survey"])
    for row in style_table("## Facts and caveats", "Language")
}
"""docs/content-style.md "Say who says it": phrases that attribute a figure, per language."""

FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s?[%‰]"
    r"|\b\d+(?:[.,]\d+)?\s?[x×](?!\w)"
    r"|\b\d+(?:[.,]\d+)?\s+(?:gånger|ganger|gonger|gange|times|kertaa|mal|fach)\b"
    r"|\b(?:procent|prosent|percent|per cent|prozent|prosenttia"
    r"|twice as|dubbelt så|dobbelt så|doppelt so|kaksi kertaa)\b",
    re.I,
)
"""A figure: a number with a per cent sign or word, or a multiplier ("5 times", "twice as")."""

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


def avoided_words(playbook: Playbook, table: dict[str, list[Term]] = CONTENT_TERMS) -> list[str]:
    problems = []
    for loc, text in iter_texts(playbook):
        for lang, row in table.items():
            value = text.get(lang) or ""
            problems += [
                f"{loc} [{lang}]: {word!r} (write {term.preferred[0]!r})"
                for term in row
                for word in term.misuses(value)
            ]
    return problems


def interface_synonyms(
    files: dict, table: dict[str, list[Term]] = INTERFACE_TERMS, allowed: set = HOMONYMS
) -> list[str]:
    """Every interface key (text.*, init.*) that uses a word the terms table forbids."""
    problems = []
    for lang, data in sorted(files.items()):
        for section in ("text", "init"):
            for key, value in data[section].items():
                problems += [
                    f"[{lang}] {section}.{key}: {word!r} – write {term.preferred[0]!r} "
                    f"({term.concept})"
                    for term in table.get(lang, [])
                    for word in term.misuses(value)
                    if (lang, f"{section}.{key}", word.casefold()) not in allowed
                ]
    return problems


def straight_quotes(files: dict) -> list[str]:
    """Interface text quotes with the language's own marks, never a typewriter \"."""
    return [
        f"[{lang}] {section}.{key}"
        for lang, data in sorted(files.items())
        for section in ("text", "init")
        for key, value in data[section].items()
        if '"' in value
    ]


def unattributed_figures(
    playbook: Playbook, phrases: dict[str, list[str]] = ATTRIBUTION
) -> list[str]:
    """Texts that give a figure without saying who says it (caveats and source notes, which
    talk about the figures, excepted). A language without phrases in the table is a problem."""
    problems = []
    for loc, text in iter_texts(playbook):
        if loc[0] == "sources" or loc[-1] == "caveat":
            continue
        for lang in LANGUAGE_CODES:
            value = text.get(lang) or ""
            if not FIGURE.search(value):
                continue
            if lang not in phrases:
                problems.append(f"{loc} [{lang}]: no attribution phrases for {lang} in the table")
            elif not any(_word(phrase).search(value) for phrase in phrases[lang]):
                problems.append(f"{loc} [{lang}]: {FIGURE.search(value).group()!r} unattributed")
    return problems


def stage_counter_problems(files: dict, templates: dict[str, str]) -> list[str]:
    """The stage counter has its own key with both numbers, and no template puts a number
    after the plural heading key ('Stages 3/7')."""
    problems = [
        f"[{lang}] text.stage_number: needs {{number}} and {{count}}"
        for lang, data in sorted(files.items())
        if not {"{number}", "{count}"}
        <= set(re.findall(r"\{\w+\}", data["text"].get("stage_number", "")))
    ]
    plural_then_number = re.compile(r"ui\.stages\b[^}]*\}\}\s*\{\{[^}]*\b(?:number|count)\b")
    problems += [
        name for name, source in sorted(templates.items()) if plural_then_number.search(source)
    ]
    return problems


def template_sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.rglob("*.j2"))}


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


def test_the_terms_tables_are_read():
    # A table the parser silently misread would make every check below pass.
    assert {"sv", "nb", "en"} <= set(CONTENT_TERMS)
    assert set(INTERFACE_TERMS) == {"sv", "nb", "nn", "da", "fi", "de", "en"}
    da_tick = next(t for t in INTERFACE_TERMS["da"] if t.concept.startswith("a tick"))
    assert (da_tick.preferred, da_tick.forbidden) == (["afkrydsning", "krydse af"], ["flueben"])
    assert ("fi", "text.made_with", "tehty") in HOMONYMS
    assert set(ATTRIBUTION) == {"sv", "nb", "nn", "da", "fi", "de", "en"}
    assert "skriver artikeln" in ATTRIBUTION["sv"]


def test_one_word_per_concept_in_every_interface_key():
    assert interface_synonyms(ui_files()) == []


def test_interface_text_has_no_typewriter_quotes():
    assert straight_quotes(ui_files()) == []


def test_every_figure_says_who_says_it(playbook):
    assert unattributed_figures(playbook) == []


def test_the_stage_counter_has_its_own_key():
    assert stage_counter_problems(ui_files(), template_sources()) == []


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
    playbook = broken(tmp_path, "  nb: Evaluering etter kjøpet\n", "  nb: Vurdering\n")
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


def test_a_figure_without_attribution_is_found(tmp_path):
    # The review's 93 % row: "93 % av konsumenterna säger …" without "skriver artikeln".
    playbook = broken(tmp_path, "enastående service, skriver artikeln.", "enastående service.")
    assert unattributed_figures(playbook) == ["('facts', 2, 'text') [sv]: '93 %' unattributed"]


def test_a_multiplier_without_attribution_is_found(tmp_path):
    playbook = broken(
        tmp_path,
        "en: The customer completes the purchase.",
        "en: The customer is 5 times more likely to complete the purchase.",
    )
    assert [p.split(": ", 1)[1] for p in unattributed_figures(playbook)] == [
        "'5 times' unattributed"
    ]


def test_a_figure_in_a_language_without_phrases_is_found(playbook):
    # A translator's new language must bring its phrases to the table, not skip the check.
    phrases = {lang: p for lang, p in ATTRIBUTION.items() if lang != "nb"}
    assert unattributed_figures(playbook, phrases) == [
        "('facts', 0, 'text') [nb]: no attribution phrases for nb in the table",
        "('facts', 1, 'text') [nb]: no attribution phrases for nb in the table",
        "('facts', 2, 'text') [nb]: no attribution phrases for nb in the table",
    ]


def test_a_term_the_table_forbids_is_found_in_content(tmp_path):
    # The review's sv-4: "ton" where the style sheet says "tonalitet"; "tonfall" stays fine.
    playbook = broken(
        tmp_path, "logotyp, färger och tonalitet är desamma", "logotyp, färger och ton är desamma"
    )
    assert [p.split(": ", 1)[1] for p in avoided_words(playbook)] == ["'ton' (write 'tonalitet')"]


def test_a_forbidden_word_inside_the_term_itself_is_not_flagged():
    tone = next(t for t in CONTENT_TERMS["en"] if t.concept == "tone of voice")
    assert tone.misuses("Agree a tone of voice and keep the tone.") == ["tone"]
    assert tone.misuses("Agree a tone of voice.") == []
    assert _word("hemsid…").search("på hemsidan") and not _word("ton").search("tonfall")


def _files_with(lang: str, key: str, value: str) -> dict:
    files = {code: {**data, "text": dict(data["text"])} for code, data in ui_files().items()}
    files[lang]["text"][key] = value
    return files


@pytest.mark.parametrize(
    "lang, key, value, problem",
    [
        # da-ui-1: "flueben" in some keys, "afkrydsning" in the others.
        (
            "da",
            "link_done",
            "Delingslinkets flueben og svar er tilføjet.",
            "[da] text.link_done: 'flueben' – write 'afkrydsning' (a tick in a checklist, ticking)",
        ),
        # fi-ui-2: the status "done" as "Tehty" beside "Valmis".
        (
            "fi",
            "team_status_done",
            "Tehty",
            "[fi] text.team_status_done: 'tehty' – write 'valmis' (the status *done*)",
        ),
        # de-ui-1: a "du" in a "Sie" interface.
        (
            "de",
            "undo_note",
            "Du kannst das direkt danach rückgängig machen.",
            "[de] text.undo_note: 'du' – write 'Sie' (the reader)",
        ),
        # de-ui-3: "Karte" beside "Journey-Map".
        (
            "de",
            "map_svg",
            "Karte als Bild herunterladen (SVG)",
            "[de] text.map_svg: 'Karte' – write 'Journey-Map' (the journey map)",
        ),
    ],
)
def test_an_interface_synonym_is_found(lang, key, value, problem):
    assert interface_synonyms(_files_with(lang, key, value)) == [problem]


def test_a_homonym_is_allowed_only_in_its_own_key():
    # "Tehty työkalulla" (made with) is fine in made_with and nowhere else.
    assert interface_synonyms(_files_with("fi", "made_with", "Tehty työkalulla")) == []
    assert interface_synonyms(_files_with("fi", "poster_title", "Tehty työkalulla")) == [
        "[fi] text.poster_title: 'tehty' – write 'valmis' (the status *done*)"
    ]


def test_a_typewriter_quote_is_found():
    # en-ui-2: "only in this browser" in straight quotes.
    files = _files_with("en", "team_layered", 'Ticks marked "only in this browser" are yours.')
    assert straight_quotes(files) == ["[en] text.team_layered"]


def test_a_stage_counter_made_of_the_plural_heading_is_found():
    templates = template_sources()
    templates["stage.md.j2"] = templates["stage.md.j2"].replace(
        "{{ stage.counter | md }}", "{{ ui.stages }} {{ stage.number }}/{{ stage.count }}"
    )
    assert stage_counter_problems(ui_files(), templates) == ["stage.md.j2"]
    files = _files_with("de", "stage_number", "Phasen {number}")
    assert stage_counter_problems(files, template_sources()) == [
        "[de] text.stage_number: needs {number} and {count}"
    ]
