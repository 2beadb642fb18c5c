"""The journey map: stages as columns, lanes as rows, and the emotion curve as SVG.

Python lays the map out; ``templates/_map.md.j2`` writes it as a table, so a screen
reader reads it lane by lane and stage by stage. The curve is drawn here as inline SVG
(no script needed), every text in it escaped. Pure: no I/O.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from generator.content.model import EMOTION_MAX, MAP_LANES, Journey
from generator.site.localize import Localized, Localizer, derived
from generator.site.marks import marked_html
from generator.site.markup import html_text
from generator.site.pages import ItemData, StageLink
from generator.site.ui import UI_TEXT
from generator.team.keys import stage_scope

COLUMN = 176
"""Width of one stage column in SVG units: 11rem of 16 px, as playbook.css sets it."""
CURVE_HEIGHT = 120
STEP = 22
"""Height of one point on the emotion scale, in SVG units."""

EMOTION_WORDS = {
    -2: "emotion_very_negative",
    -1: "emotion_negative",
    0: "emotion_neutral",
    1: "emotion_positive",
    2: "emotion_very_positive",
}
"""The UI text key that names each score."""

LANE_LABELS = {
    "customer_actions": "lane_customer_actions",
    "thoughts": "lane_thoughts",
    "touchpoints": "lane_touchpoints",
    "pain_points": "lane_pain_points",
    "opportunities": "lane_opportunities",
}
"""The UI text key of each lane's label (MAP_LANES in the content model)."""

EMOTION_AFTER = "thoughts"
"""The emotion curve is drawn right under the thoughts and feelings it sums up."""


class MapStage(TypedDict):
    id: str
    name: Localized
    number: int
    scope: str
    """The stage's scope: its done mark and progress bar in the column's head."""


class MapRow(TypedDict):
    kind: Literal["lane", "emotion"]
    key: str
    label: str
    cells: list[list[ItemData]]
    """Lanes: each stage's entries. Empty for the emotion row, which spans the stages."""


class EmotionCurve(TypedDict):
    svg: str
    """Inline SVG; every text in it is escaped."""
    alt: Localized
    """Each stage's score in words: the SVG's text alternative."""
    note: str
    """That the scores are a judgement, in the reader's language."""


class JourneyMap(TypedDict):
    stages: list[MapStage]
    rows: list[MapRow]
    emotion: EmotionCurve | None
    loop: StageLink | None
    loop_label: Localized | str
    loop_label_html: Localized | str
    """The same as HTML, a stage name in another language marked with its lang."""
    """'Back to Awareness' for a cyclic journey's last column."""
    columns: int
    """Stage columns, plus one for the loop back of a cyclic journey."""
    lane_word: int
    """Characters in the longest word of the lane labels: the label column is at least as
    wide (playbook.css), since a label wraps between words, never inside one."""
    wide: bool
    """The journey's map_layout is wide: the stages share the page's width."""


def journey_map(journey: Journey, text: Localizer) -> JourneyMap:
    """The map of ``journey`` in one language: only the lanes some stage uses."""
    ui = {key: values[text.language] for key, values in UI_TEXT.items()}
    stages = journey.stages
    rows: list[MapRow] = []
    for lane in MAP_LANES:
        if any(getattr(stage, lane) for stage in stages):
            cells = [[_entry(e.id, e.text, text) for e in getattr(s, lane)] for s in stages]
            rows.append(
                {"kind": "lane", "key": lane, "label": ui[LANE_LABELS[lane]], "cells": cells}
            )
        if lane == EMOTION_AFTER and any(s.emotion is not None for s in stages):
            rows.append(
                {"kind": "emotion", "key": "emotion", "label": ui["lane_emotion"], "cells": []}
            )
    if not rows:
        # A map of names alone says little; the summaries stand in for the lanes.
        cells = [[_entry("summary", s.summary, text)] for s in stages]
        rows.append({"kind": "lane", "key": "summary", "label": ui["lane_summary"], "cells": cells})
    target = journey.loop_target()
    loop: StageLink | None = None
    if target is not None:
        loop = {"id": target.id, "name": text(target.name), "wraps": True}
    emotion = None
    if any(row["kind"] == "emotion" for row in rows):
        emotion = emotion_curve(journey, text)
    return {
        "stages": [
            {
                "id": s.id,
                "name": text(s.name),
                "number": number,
                "scope": stage_scope(journey.id, s.id),
            }
            for number, s in enumerate(stages, start=1)
        ],
        "rows": rows,
        "emotion": emotion,
        "loop": loop,
        "loop_label": derived(ui["map_loop"].format(target=loop["name"]), loop["name"])
        if loop
        else "",
        "loop_label_html": marked_html(ui["map_loop"], target=loop["name"]) if loop else "",
        "columns": len(stages) + (1 if loop else 0),
        "lane_word": max(len(word) for row in rows for word in row["label"].split()),
        "wide": journey.map_layout == "wide",
    }


def emotion_alt(journey: Journey, text: Localizer) -> Localized:
    """'Emotion curve from −2 to +2: Awareness +1 (positive); …' in the reader's language."""
    ui = UI_TEXT
    parts = []
    names = []
    for stage in journey.stages:
        name = text(stage.name)
        names.append(name)
        if stage.emotion is None:
            parts.append(f"{name}: {ui['emotion_none'][text.language]}")
        else:
            word = ui[EMOTION_WORDS[stage.emotion]][text.language]
            parts.append(f"{name}: {score_label(stage.emotion)} ({word})")
    sentence = ui["emotion_alt"][text.language].format(scores="; ".join(parts))
    return derived(sentence, *names)


def score_label(score: int) -> str:
    """'+1', '0', '−2': a typographic minus, and a plus so the sign is never guessed."""
    return f"{score:+d}".replace("-", "−") if score else "0"


def point_y(score: int, top: float = 0) -> float:
    """Height of a score's point: +2 at the top, −2 at the bottom."""
    return top + CURVE_HEIGHT / 2 - score * STEP


def curve_shapes(journey: Journey, left: float = 0, top: float = 0) -> list[str]:
    """The curve's SVG elements (a line through the scored stages, a labelled point each,
    and a dashed line back round the loop), for the page's SVG and the exported map."""
    stages = journey.stages
    points = [
        (left + (i + 0.5) * COLUMN, point_y(s.emotion, top), s.emotion)
        for i, s in enumerate(stages)
        if s.emotion is not None
    ]
    columns = len(stages) + (1 if journey.loop_target() is not None else 0)
    zero = point_y(0, top)
    shapes = [
        f'<line class="playbook-curve__zero" x1="{left:g}" x2="{left + columns * COLUMN:g}" '
        f'y1="{zero:g}" y2="{zero:g}"/>'
    ]
    # A stage without a score breaks the line rather than guessing one.
    path, previous = [], None
    for i, stage in enumerate(stages):
        if stage.emotion is None:
            previous = None
            continue
        x, y = left + (i + 0.5) * COLUMN, point_y(stage.emotion, top)
        path.append(f"{'L' if previous is not None else 'M'}{x:g} {y:g}")
        previous = i
    if path:
        shapes.append(f'<path class="playbook-curve__line" d="{" ".join(path)}"/>')
    target = journey.loop_target()
    last = stages[-1]
    if target is not None and last.emotion is not None and target.emotion is not None:
        x1, y1 = left + (len(stages) - 0.5) * COLUMN, point_y(last.emotion, top)
        x2, y2 = left + (len(stages) + 0.5) * COLUMN, point_y(target.emotion, top)
        shapes.append(
            f'<path class="playbook-curve__loop" d="M{x1:g} {y1:g} L{x2:g} {y2:g}"/>'
            f'<circle class="playbook-curve__loop-point" cx="{x2:g}" cy="{y2:g}" r="5"/>'
        )
    for x, y, score in points:
        label_y = y - 10 if score < EMOTION_MAX else y + 20
        shapes.append(
            f'<circle class="playbook-curve__point" cx="{x:g}" cy="{y:g}" r="6" '
            f'data-score="{score}"/>'
            f'<text class="playbook-curve__label" x="{x:g}" y="{label_y:g}" '
            f'text-anchor="middle">{html_text(score_label(score))}</text>'
        )
    return shapes


def emotion_curve(journey: Journey, text: Localizer) -> EmotionCurve:
    """The curve as inline SVG, named by its text alternative."""
    columns = len(journey.stages) + (1 if journey.loop_target() is not None else 0)
    alt = emotion_alt(journey, text)
    svg = (
        f'<svg class="playbook-curve" viewBox="0 0 {columns * COLUMN} {CURVE_HEIGHT}" '
        f'role="img" aria-label="{html_text(alt)}" focusable="false">'
        + "".join(curve_shapes(journey))
        + "</svg>"
    )
    return {"svg": svg, "alt": alt, "note": UI_TEXT["emotion_judgement"][text.language]}


def _entry(entry_id: str, value, text: Localizer) -> ItemData:
    return {"id": entry_id, "text": text(value), "key": ""}
