"""The first hour (issue #29), rendered: the home page's cards, the workshop guides' agendas,
the model chooser and the accessibility statement, checked in the Markdown and HTML the
renderer writes (the browser and the real build: test_browser_first_hour.py)."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import markdown
import pytest

from generator.content.loader import load_content
from generator.known_issues import KNOWN_ISSUES
from generator.site.accessibility import issues_link
from generator.site.localize import localizer
from generator.site.render import render
from generator.site.ui import UI_TEXT
from generator.site.workshop import HALF_DAY, MIN_STAGE, agenda, break_after, stage_minutes
from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def default():
    return load_content(REPO / "content.yaml")


@pytest.fixture(scope="module")
def pages(default):
    return {path.as_posix(): text for path, text in render(default).items()}


def _html(page: str) -> str:
    body = page.split("\n---\n", 1)[1]
    return markdown.Markdown(
        extensions=["tables", "attr_list", "md_in_html", "admonition"]
    ).convert(body)


# The agenda ------------------------------------------------------------------------------


@pytest.mark.parametrize("journey_id", ["customer-journey", "six-phases", "buyers-journey"])
def test_the_agenda_fills_exactly_a_half_day_from_nine(default, journey_id):
    journey = next(j for j in default.journeys if j.id == journey_id)
    plan = agenda(journey, localizer(default, "sv"))
    assert (plan["start"], plan["end"], plan["long"]) == ("9.00", "12.30", False)
    stages = [row for row in plan["rows"] if row["kind"] == "stage"]
    assert [row["stage"]["name"] for row in stages] == [
        localizer(default, "sv")(stage.name) for stage in journey.stages
    ]
    assert all(minutes >= MIN_STAGE and minutes % 5 == 0 for minutes in stage_minutes(journey))
    # The rows follow on from one another without a gap.
    for before, after in zip(plan["rows"], plan["rows"][1:], strict=False):
        assert before["time"].split("–")[1] == after["time"].split("–")[0]


def test_a_stage_with_more_questions_and_points_gets_more_time(default):
    journey = default.journeys[0]  # seven stages; purchase has one question, the others two
    minutes = dict(zip([s.id for s in journey.stages], stage_minutes(journey), strict=True))
    assert minutes == {
        "awareness": 20,
        "interest": 20,
        "consideration": 20,
        "purchase": 15,
        "after-purchase": 20,
        "loyalty": 20,
        "ambassador": 20,
    }
    assert sum(minutes.values()) == HALF_DAY - 15 - 15 - 15 - 20 - 10


def test_the_break_falls_in_the_middle_and_never_after_the_last_stage():
    assert break_after([20] * 7) == 3
    assert break_after([40, 40, 40]) == 1
    assert break_after([100, 10]) == 0
    assert break_after([60]) == 0


def test_a_journey_with_many_stages_says_the_agenda_runs_past_a_half_day(default):
    journey = default.journeys[0]
    many = journey.model_copy(
        update={
            "stages": [
                stage.model_copy(update={"id": f"{stage.id}-{n}"})
                for n in range(3)
                for stage in journey.stages
            ]
        }
    )
    plan = agenda(many, localizer(default, "en"))
    assert plan["long"] and plan["end"] == "13:45"  # 21 stages of 10 minutes, and 75 around them
    assert stage_minutes(many) == [MIN_STAGE] * 21


def test_the_agenda_names_each_stage_and_asks_its_own_questions(pages):
    page = pages["playbook/stages/buyers-journey/workshop.en.md"]
    assert (
        '<tr class="playbook-agenda__stage"><td>9:45–10:25</td><td>40 min</td><td>'
        '<a href="../awareness/">1. Problem awareness</a><p>Discuss:</p><ul><li>Which problems '
        "make buyers start looking, and in what words do buyers describe those problems?</li></ul>"
    ) in page
    # The journey's "before you start" list comes first, linked to the journey page.
    assert (
        '<tr><td>9:30–9:45</td><td>15 min</td><td><a href="../#checklist">Before you start</a>'
        in page
    )


OVERLAY = """\
extends: default
journeys:
  - id: customer-journey
    stages:
      - id: interest
        name: {sv: Första nyfikenheten, nb: Første nysgjerrighet, en: First curiosity}
      - {id: loyalty, remove: true}
      - id: onboarding
        after: purchase
        name: {sv: Välkomnande, nb: Velkomst, en: Welcome aboard}
        summary: {sv: Nya kunder kommer i gång., nb: Nye kunder kommer i gang., en: New customers start.}
        prompts:
          - {id: first-week, text: {sv: Vad händer första veckan – å ä ö?, nb: Hva skjer den første uka?, en: What happens in week one?}}
"""


def test_a_clients_renamed_added_and_removed_stages_show_in_the_agenda(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(OVERLAY, encoding="utf-8")
    outputs = {p.as_posix(): t for p, t in render(load_content(content)).items()}
    page = outputs["playbook/stages/customer-journey/workshop.md"]
    stages = re.findall(r'<a href="\.\./([a-z-]+)/">(\d+\. [^<]+)</a>', page)
    assert stages == [
        ("awareness", "1. Kännedom"),
        ("interest", "2. Första nyfikenheten"),
        ("consideration", "3. Övervägande"),
        ("purchase", "4. Köp"),
        ("onboarding", "5. Välkomnande"),
        ("after-purchase", "6. Efter köp"),
        ("ambassador", "7. Ambassadör"),
    ]
    assert "<li>Vad händer första veckan – å ä ö?</li>" in page
    # The removed stage is gone from the agenda (the journey's focus text is content, which
    # names stages in words: an overlay that removes one rewrites it).
    agenda = page[page.index("<table") : page.index("</table>")]
    assert "playbook-agenda__stage" in agenda and "Lojalitet" not in agenda


def test_the_workshop_guide_links_its_poster_worksheets_and_journey(pages):
    page = pages["playbook/stages/six-phases/workshop.nb.md"]
    assert "- [Kartet over reisen som plakat](poster.md): " in page
    assert "- [Arbeidsark for alle stegene](print.md): " in page
    assert "til referatet: [Eksporter hele reisen som Markdown](index.md)\n" in page
    assert "til en kollegas nettleser: [Del endringene mine](../../index.md#share)\n" in page
    # The model's own advice comes from the content; the frame from the interface text.
    assert "Begynn med å bli enige om hva en konvertering er for dere" in page
    assert "Teamets status" not in page  # no status file, so no team page to send anyone to


def test_the_workshop_guide_is_listed_in_each_journeys_navigation(pages):
    config = pages[".playbook/mkdocs.generated.yml"]
    assert "- Workshopguide: stages/buyers-journey/workshop.md" in config
    assert "- Workshop guide: stages/buyers-journey/workshop.md" in config
    assert "- Tillgänglighetsredogörelse: accessibility.md" in config


# The home page's cards ----------------------------------------------------------------------


def test_each_journey_has_a_card_with_its_name_when_to_use_map_and_start_link(default, pages):
    html = _html(pages["playbook/index.en.md"])
    cards = re.findall(r'<li class="playbook-card" id="([a-z-]+)">(.*?)\n</li>', html, re.S)
    assert [card_id for card_id, _ in cards] == [j.id for j in default.journeys]
    card = dict(cards)["purchase-process"]
    assert '<a href="stages/purchase-process/">The purchase process</a>' in card
    assert "When you want to follow a single purchase, from the need to the evaluation" in card
    assert (
        '<svg class="playbook-card__map" viewBox="0 0 320 72" role="img" aria-label="5 stages in '
        'order, from Need recognition to Post-purchase evaluation."'
    ) in card
    start = re.search(
        r'<a class="md-button md-button--primary playbook-start" ([^>]*)>([^<]*)</a>', card
    )
    assert start.group(2) == "Start here: Need recognition"
    assert 'href="stages/purchase-process/need-recognition/"' in start.group(1)
    assert '<a class="playbook-card__workshop" href="stages/purchase-process/workshop/">' in card


def test_a_journey_without_a_when_to_use_line_shows_its_summary(pages):
    page = pages["playbook/index.en.md"]
    assert (
        '<p class="playbook-card__when">Goes round.</p>' in _render_small()["playbook/index.en.md"]
    )
    assert "Goes round." not in page


def _render_small():
    return {p.as_posix(): t for p, t in render(load_content(FIXTURES / "small.yaml")).items()}


def test_the_drawing_is_the_emotion_curve_where_stages_are_scored(pages):
    page = pages["playbook/index.md"]
    cyclic = re.search(r'<li class="playbook-card" id="customer-journey">.*?</svg>', page, re.S)[0]
    # Seven scored stages, and the dashed loop back to the first one.
    assert cyclic.count('class="playbook-curve__point"') == 7
    assert 'class="playbook-curve__loop"' in cyclic
    assert "Känslokurva från −2 till +2: Kännedom: 0 (neutral);" in cyclic
    buyers = re.search(r'<li class="playbook-card" id="buyers-journey">.*?</svg>', page, re.S)[0]
    assert 'd="M61.3 36 L160 36 L258.7 36"' in buyers  # three stops on one line, no curve
    assert "Känslokurva" not in buyers


def test_every_start_target_is_an_anchor_on_the_page_it_points_to(default, pages):
    home = pages["playbook/index.en.md"]
    for card in default.journeys:
        block = re.search(rf'id="{card.id}">.*?</li>\n</ul>|id="{card.id}">.*?\n</li>', home, re.S)[
            0
        ]
        scope = re.search(r'<div class="playbook-progress" data-scope="([^"]*)"', block).group(1)
        data = json.loads(unescape(re.search(r"data-progress='([^']*)'", home).group(1)))
        targets = json.loads(unescape(re.search(r"data-targets='([^']*)'", block).group(1)))
        # Every key the card's bar counts (the page data's scope) has a start target.
        assert data["scopes"][scope] and set(data["scopes"][scope]) <= set(targets), card.id
        for key, (href, _) in targets.items():
            folder, anchor = href.split("#")
            stage = folder.strip("/").split("/")[-1]
            page_path = (
                f"playbook/stages/{card.id}/index.en.md"
                if stage == card.id
                else f"playbook/stages/{card.id}/{stage}.en.md"
            )
            assert f'id="{anchor}"' in pages[page_path] or f"{{ #{anchor} }}" in pages[page_path], (
                key
            )


def test_the_how_to_block_points_to_the_chooser_the_guides_and_sharing(pages):
    page = pages["playbook/index.md"]
    how = page.split('<ol class="playbook-how">')[1].split("</ol>")[0]
    assert '<a href="comparison/#chooser">Vilken modell passar?</a>' in how
    assert '<a href="#share">Dela mina ändringar</a>' in how
    assert page.index("playbook-how") < page.index("playbook-cards") < page.index("{ #downloads }")


# The chooser ----------------------------------------------------------------------------------


def test_the_chooser_comes_before_the_table_and_answers_with_model_reason_and_source(pages):
    page = pages["playbook/comparison.en.md"]
    assert page.index("{ #chooser }") < page.index("{ #table }") < page.index("| --- |")
    assert "### Do you sell to other businesses or to consumers? { #customers }" in page
    assert (
        "- **To businesses that compare suppliers:** "
        "[The buyer's journey](stages/buyers-journey/index.md)\n\n    The buyer's journey ends when"
    ) in page
    assert (
        '*Source: [<span lang="nb">Kundereisen er mer enn kjøpsreisen</span>]'
        "(sources.md#agency-buyers-journey)*" in page
    )


# The accessibility statement -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_the_statement_lists_every_known_issue_with_its_workaround(pages, language):
    suffix = "" if language == "sv" else f".{language}"
    page = pages[f"playbook/accessibility{suffix}.md"]
    for known in KNOWN_ISSUES:
        issue, workaround = UI_TEXT[known.issue][language], UI_TEXT[known.workaround][language]
        assert f"- {issue}\n\n    *{UI_TEXT['a11y_workaround'][language]}* {workaround}" in (
            page.replace("\\", "")
        ), known.id


def test_the_default_statement_claims_nothing_only_the_publisher_knows(pages):
    page = pages["playbook/accessibility.en.md"]
    assert UI_TEXT["a11y_status_unset"]["en"] in page
    assert "partially compliant" not in page and "fully compliant" not in page
    assert UI_TEXT["a11y_report_none"]["en"] in page  # the default site sets no contact
    assert "{ #enforcement }" not in page  # no supervisory body is guessed
    assert "This statement was prepared on 2026-11-26." in page  # site.updated


def test_the_statement_uses_what_the_publisher_set():
    golden = Path(__file__).parent / "golden/small/playbook/accessibility.en.md"
    page = golden.read_text(encoding="utf-8")
    assert UI_TEXT["a11y_status_partial"]["en"] in page
    assert "- by e-mail: [tillganglighet@example.org](mailto:tillganglighet@example.org)" in page
    assert "](<https://github.com/example/small/issues>)" in page
    assert "[The supervisor](<https://example.org/tillsyn>)" in page
    assert "- The PDF is scanned.\n\n    *Workaround:* Ask for the text." in page
    html = _html(golden.read_text(encoding="utf-8"))
    # The publisher's issue has no English text: shown in Swedish, and marked so.
    assert '<p lang="sv">Filmen saknar text *än*.</p>' in html, html
    # A workaround follows the page's own words, so only it is marked.
    nb = (golden.parent / "accessibility.nb.md").read_text(encoding="utf-8")
    assert '*Slik kommer du rundt det:* <span lang="sv">Be om texten.</span>' in nb


@pytest.mark.parametrize(
    "repo_url, issues",
    [
        ("https://github.com/acme/playbook", "https://github.com/acme/playbook/issues"),
        ("https://github.com/acme/playbook/", "https://github.com/acme/playbook/issues"),
        ("https://github.com/acme/pb/tree/main/client", "https://github.com/acme/pb/issues"),
        (None, ""),
    ],
)
def test_barriers_are_reported_in_the_repositorys_issues(repo_url, issues):
    assert issues_link(repo_url) == issues


def test_the_statement_exists_in_every_language_of_a_client(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text(
        "extends: default\nsite:\n  languages:\n    - {code: da, default: true}\n"
        "    - {code: fi}\n    - {code: de}\n    - {code: nn}\n    - {code: en}\n"
        "  updated: 2027-01-05\n",
        encoding="utf-8",
    )
    outputs = {p.as_posix(): t for p, t in render(load_content(content)).items()}
    for suffix, title in (
        ("", "Tilgængelighedserklæring"),
        (".fi", "Saavutettavuusseloste"),
        (".de", "Erklärung zur Barrierefreiheit"),
        (".nn", "Tilgjengelegheitserklæring"),
    ):
        page = outputs[f"playbook/accessibility{suffix}.md"]
        assert f"# {title}\n" in page
        assert "2027-01-05" in page


def test_today_is_not_the_preparation_date(default):
    # The date is the content's, so two builds on different days write the same page.
    first = render(default, team=None)
    assert first == render(default)
    assert date.today().isoformat() not in "".join(
        t for p, t in first.items() if p.name.startswith("accessibility")
    )
