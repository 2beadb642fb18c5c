"""A journey's card on the home page: its name, when to use it, a small drawing of its map,
its stages, its progress and where to start.

The drawing is inline SVG made here from the content (no script, no request): the emotion
curve when the journey scores its stages, else the stages as numbered stops; a cyclic
journey's loop is a dashed line back. It reuses the journey map's curve classes, so it takes
the same colours in light and dark mode, and its text alternative is the map's own
description. Pure: no I/O.
"""

from __future__ import annotations

from typing import TypedDict

from generator.content.model import EMOTION_MAX, Journey, Playbook
from generator.site.context import journey_context, map_sentence
from generator.site.journey_map import emotion_alt
from generator.site.localize import Localized, Localizer, derived
from generator.site.markup import html_text
from generator.site.pages import JourneyData
from generator.site.progress import JOURNEY_LEVEL, SHARED_LEVEL, progress_key
from generator.site.ui import UI_TEXT

WIDTH, HEIGHT = 320, 72
"""The drawing's own units; it scales to the card's width."""
PAD = 12
RADIUS = 9


class JourneyCard(TypedDict):
    journey: JourneyData
    """The journey as the home page lists it: its stages, their keys, its progress keys."""
    when: Localized
    drawing: str
    """Inline SVG; every text in it is escaped."""
    loop_label: Localized | str
    """'Back to Awareness' for a cyclic journey."""
    targets: dict[str, list[str]]
    """Each item's [link from the home page, the name of where it is], by progress key. The
    script walks the keys of the card's progress bar (the counting's own list, in journey
    order) and sends "start here" to the first one still open."""


def journey_card(playbook: Playbook, journey: Journey, text: Localizer) -> JourneyCard:
    """The card of ``journey`` in ``text``'s language."""
    data = journey_context(journey, text, allow_html=playbook.site.allow_html)
    loop = data["loop_target"]
    return {
        "journey": data,
        "when": text(journey.when_to_use or journey.summary),
        "drawing": drawing(journey, text),
        "loop_label": derived(
            UI_TEXT["map_loop"][text.language].format(target=loop["name"]), loop["name"]
        )
        if loop
        else "",
        "targets": _targets(playbook, journey, text),
    }


def _targets(playbook: Playbook, journey: Journey, text: Localizer) -> dict[str, list[str]]:
    """Where each of the journey's items is ticked: the "before you start" list on the
    journey page, each stage's own list on its page, a shared list on the first stage of
    the journey that shows it."""
    folder = f"stages/{journey.id}/"
    before = UI_TEXT["before_you_start"][text.language]
    found = {
        progress_key(journey.id, JOURNEY_LEVEL, item.id): [f"{folder}#{item.id}", before]
        for item in journey.checklist
    }
    for stage in journey.stages:
        page, name = f"{folder}{stage.id}/", text.peek(stage.name)
        for item in stage.checklist:
            found[progress_key(journey.id, stage.id, item.id)] = [f"{page}#{item.id}", name]
        for shared in playbook.checklists:
            if f"{journey.id}/{stage.id}" in shared.stages:
                for item in shared.items:
                    key = progress_key(SHARED_LEVEL, shared.id, item.id)
                    found.setdefault(key, [f"{page}#{shared.id}--{item.id}", name])
    return found


def drawing(journey: Journey, text: Localizer) -> str:
    """The small map: the emotion curve if any stage is scored, else numbered stops."""
    stages = journey.stages
    target = journey.loop_target()
    columns = len(stages) + (1 if target is not None else 0)
    step = (WIDTH - 2 * PAD) / columns
    scored = any(stage.emotion is not None for stage in stages)
    middle = HEIGHT / 2

    def x(index: int) -> float:
        return round(PAD + (index + 0.5) * step, 1)

    def y(score: int | None) -> float:
        if score is None or not scored:
            return middle
        return round(middle - score * (middle - PAD) / EMOTION_MAX, 1)

    shapes = [
        f'<line class="playbook-curve__zero" x1="{PAD}" x2="{WIDTH - PAD}" '
        f'y1="{middle:g}" y2="{middle:g}"/>'
    ]
    # As on the map, a stage without a score breaks the line rather than guessing one.
    path, joined = [], False
    for i, stage in enumerate(stages):
        if scored and stage.emotion is None:
            joined = False
            continue
        path.append(f"{'L' if joined else 'M'}{x(i):g} {y(stage.emotion):g}")
        joined = True
    if any(part.startswith("L") for part in path):
        shapes.append(f'<path class="playbook-curve__line" d="{" ".join(path)}"/>')
    if target is not None:
        back = stages.index(target)
        x1, y1 = x(len(stages) - 1), y(stages[-1].emotion)
        x2, y2 = x(len(stages)), y(target.emotion)
        shapes.append(
            f'<path class="playbook-curve__loop" d="M{x1:g} {y1:g} L{x2:g} {y2:g}"/>'
            f'<circle class="playbook-curve__loop-point" cx="{x2:g}" cy="{y2:g}" r="{RADIUS}"/>'
            f'<text class="playbook-card__number playbook-card__number--loop" x="{x2:g}" '
            f'y="{y2 + 4:g}" text-anchor="middle">{back + 1}</text>'
        )
    for i, stage in enumerate(stages):
        if scored and stage.emotion is None:
            shapes.append(
                f'<circle class="playbook-curve__loop-point" cx="{x(i):g}" cy="{middle:g}" '
                f'r="{RADIUS - 3}"/>'
            )
            continue
        cy = y(stage.emotion)
        shapes.append(
            f'<circle class="playbook-curve__point" cx="{x(i):g}" cy="{cy:g}" r="{RADIUS}"/>'
            f'<text class="playbook-card__number" x="{x(i):g}" y="{cy + 4:g}" '
            f'text-anchor="middle">{i + 1}</text>'
        )
    described = map_sentence(journey, text)
    if scored:
        alt = emotion_alt(journey, text)
        described = derived(f"{described} {alt}", described, alt)
    return (
        f'<svg class="playbook-card__map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{html_text(described)}" focusable="false">' + "".join(shapes) + "</svg>"
    )
