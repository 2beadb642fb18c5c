"""The journey map's layout, emotion curve and standalone SVG (journey_map*.py), and its
lanes in the content model, checks, overlays and exports. Pure: no browser, no build."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import PurePosixPath

import pytest

from generator.content.loader import load_content
from generator.content.model import EMOTION_MAX, EMOTION_MIN, MAP_LANES, Playbook
from generator.site.exports import render_exports
from generator.site.journey_map import (
    COLUMN,
    EMOTION_WORDS,
    LANE_LABELS,
    journey_map,
    point_y,
    score_label,
)
from generator.site.journey_map_svg import map_svg
from generator.site.localize import localizer
from generator.site.render import render
from tests.conftest import REPO

FIXTURE = REPO / "tests/fixtures/small.yaml"


@pytest.fixture(scope="module")
def small() -> Playbook:
    return load_content(FIXTURE)


def _with(small: Playbook, **site) -> Playbook:
    return small.model_copy(update={"site": small.site.model_copy(update=site)})


def test_every_score_and_lane_has_its_words():
    assert sorted(EMOTION_WORDS) == list(range(EMOTION_MIN, EMOTION_MAX + 1))
    assert list(LANE_LABELS) == list(MAP_LANES)


def test_only_lanes_some_stage_uses_are_rows_with_the_curve_after_the_thoughts(small):
    short = small.journeys[1]
    rows = journey_map(short, localizer(small, "en"))["rows"]
    assert [row["key"] for row in rows] == [
        "customer_actions",
        "thoughts",
        "emotion",
        "touchpoints",
        "pain_points",
        "opportunities",
    ]
    actions = rows[0]["cells"]
    assert [[e["id"] for e in cell] for cell in actions] == [["sees-ad", "asks-friend"], []]


def test_a_journey_without_lanes_shows_its_summaries(small):
    data = journey_map(small.journeys[0], localizer(small, "nb"))
    assert [row["key"] for row in data["rows"]] == ["summary"]
    assert data["emotion"] is None and data["columns"] == 3  # two stages and the loop back
    assert data["loop_label"] == "Tilbake til Første"


def test_curve_points_sit_in_their_columns_at_their_scores(small):
    svg = journey_map(small.journeys[1], localizer(small, "en"))["emotion"]["svg"]
    points = re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="6" data-score="(-?\d)"', svg)
    assert [(float(x), float(y), int(s)) for x, y, s in points] == [
        (COLUMN / 2, point_y(-1), -1),
        (COLUMN * 1.5, point_y(2), 2),
    ]
    assert point_y(2) < point_y(0) < point_y(-2)


def test_a_stage_without_a_score_breaks_the_line_and_is_named_in_the_alternative(small):
    journey = small.journeys[1]
    stages = [journey.stages[0], journey.stages[1].model_copy(update={"emotion": None})]
    stages.append(journey.stages[0].model_copy(update={"id": "third", "emotion": 1}))
    gapped = journey.model_copy(update={"stages": stages})
    curve = journey_map(gapped, localizer(small, "en"))["emotion"]
    assert re.search(r'd="M[\d.]+ [\d.]+ M[\d.]+ [\d.]+"', curve["svg"])
    assert "The decision: no score" in curve["alt"]
    assert "The meeting: −1 (negative)" in curve["alt"]
    assert curve["note"] == "The emotion curve is a judgement, not a measured fact."


def test_the_loop_back_is_drawn_to_the_target_score(small):
    journey = small.journeys[1].model_copy(update={"cyclic": True})
    svg = journey_map(journey, localizer(small, "en"))["emotion"]["svg"]
    loop = re.search(r'class="playbook-curve__loop" d="M([\d.]+) ([\d.]+) L([\d.]+) ([\d.]+)"', svg)
    assert loop is not None
    x1, y1, x2, y2 = map(float, loop.groups())
    assert (x1, y1, x2, y2) == (COLUMN * 1.5, point_y(2), COLUMN * 2.5, point_y(-1))


def test_score_labels_carry_their_sign():
    assert [score_label(s) for s in range(-2, 3)] == ["−2", "−1", "0", "+1", "+2"]


def test_texts_are_escaped_in_the_page_and_in_the_svg(small):
    pages = {p.as_posix(): t for p, t in render(small).items()}
    journey = pages["playbook/stages/short/index.md"]
    assert "Svaret dröjer &lt;script&gt;alert(1)&lt;/script&gt;" in journey
    assert "<script>" not in journey
    loop = pages["playbook/stages/loop/index.md"]
    assert "Andra &lt;steget&gt; &amp; #1" in loop and "Andra <steget>" not in loop
    svg = pages["playbook/downloads/map-short-sv.svg"]
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed XML: nothing broke out
    assert "alert(1)</script>" in "".join(root.itertext())
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script>" not in svg


def test_the_standalone_svg_names_the_journey_site_date_and_every_lane(small):
    playbook = _with(small, updated=date(2026, 11, 20))
    svg = map_svg(playbook, playbook.journeys[1], localizer(playbook, "nb"))
    root = ET.fromstring(svg.split("\n", 1)[1])
    texts = " ".join(root.itertext())
    for expected in (
        "Den korte veien",
        "Liten reise",
        "Innholdet per 2026-11-20",
        "Hva kunden gjør",
        "Smertepunkter",
        "Følelseskurven er en vurdering",
    ):
        assert expected in texts
    assert root.get("lang") == "nb"


def test_export_writes_a_map_per_journey_and_language(small):
    names = {p.name for p in render_exports(small, "out")}
    assert {
        f"map-{j}-{lang}.svg" for j in ("loop", "short") for lang in ("sv", "nb", "en")
    } <= names


def test_json_export_holds_each_stage_lanes_and_score(small):
    outputs = render_exports(small, "out")
    data = json.loads(outputs[PurePosixPath("out/checklists-en.json")])
    meet = data["journeys"][1]["stages"][0]
    assert meet["emotion"] == -1
    assert meet["customer_actions"][1] == {"id": "asks-friend", "text": "Asks a friend"}
    assert meet["opportunities"] == []


def test_the_poster_names_site_journey_and_content_date(small):
    pages = render(_with(small, updated=date(2026, 11, 20)))
    poster = pages[PurePosixPath("playbook/stages/short/poster.en.md")]
    assert "Small journey · Content as of 2026-11-20\n{: .playbook-poster__meta }" in poster
    assert "playbook-map--poster" in poster and 'href="../meet/"' in poster
    undated = render(small)[PurePosixPath("playbook/stages/short/poster.en.md")]
    assert "Content as of" not in undated


def _errors(tmp_path, text: str) -> str:
    from generator.errors import ContentError

    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(path)
    return str(raised.value)


@pytest.mark.parametrize("score", ["3", "-3", "true", "'1'", "0.5"])
def test_an_emotion_off_the_scale_is_an_error(tmp_path, score):
    text = FIXTURE.read_text(encoding="utf-8").replace("emotion: 2", f"emotion: {score}")
    assert "journeys[short].stages[decide].emotion" in _errors(tmp_path, text)


def test_a_duplicate_id_in_a_lane_is_an_error(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("id: asks-friend", "id: sees-ad")
    report = _errors(tmp_path, text)
    assert "customer_actions[1].id: duplicate lane entry id 'sees-ad'" in report or (
        "duplicate lane entry id 'sees-ad'" in report
    )


def test_a_stage_may_not_be_called_poster(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("- id: decide", "- id: poster")
    assert "the stage id 'poster' is reserved" in _errors(tmp_path, text)


def test_an_overlay_adds_removes_and_reorders_lane_entries_by_id(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    overlay = tmp_path / "content.yaml"
    overlay.write_text(
        "extends: base.yaml\n"
        "journeys:\n"
        "  - id: short\n"
        "    stages:\n"
        "      - id: meet\n"
        "        customer_actions:\n"
        "          - {id: asks-friend, before: sees-ad}\n"
        "          - {id: calls, text: {sv: Ringer, nb: Ringer, en: Calls}}\n"
        "        touchpoints:\n"
        "          - {id: web, remove: true}\n",
        encoding="utf-8",
    )
    meet = load_content(overlay).journeys[1].stages[0]
    assert [e.id for e in meet.customer_actions] == ["asks-friend", "sees-ad", "calls"]
    assert meet.touchpoints == []
