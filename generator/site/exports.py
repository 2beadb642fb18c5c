"""Checklists, prompts and journey-map lanes as CSV (for spreadsheets and trackers) and
JSON, per language.

Every checklist the site shows is in them: each stage's own, each journey's
"before you start" and the shared ones. A shared checklist's rows say
``shared`` and its id where a stage's say journey and stage, as the keys its
ticks are saved under do.

Each journey's map is also written as a standalone SVG per language (journey_map_svg.py).

Pure: returns file contents. ``playbook generate`` puts them in playbook/downloads/
so the site links them; ``playbook export`` writes them anywhere. CSV cells are
neutralised against formulas (see generator/spreadsheet.py).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from generator.content.model import MAP_LANES, Playbook
from generator.site.journey_map import LANE_LABELS, score_label
from generator.site.journey_map_svg import map_svg
from generator.site.localize import localizer
from generator.site.spreadsheet import write_table
from generator.site.ui import UI_TEXT

SHARED = "shared"
"""The journey column of a shared checklist's rows (its ticks are saved under shared/<id>/…)."""

CSV_COLUMNS = ["journey_id", "journey", "stage_id", "stage", "kind", "item_id", "text"]


def export_name(language: str, extension: str) -> str:
    return f"checklists-{language}.{extension}"


def map_svg_name(journey_id: str, language: str) -> str:
    """The file name of a journey's map as a standalone SVG, for slides."""
    return f"map-{journey_id}-{language}.svg"


def render_exports(
    playbook: Playbook, folder: str, delimiter: str | None = None
) -> dict[PurePosixPath, str]:
    """CSV and JSON for every built language, keyed by path under ``folder``.

    ``delimiter`` defaults to what Excel expects in each file's language (';' for sv and nb).
    """
    outputs: dict[PurePosixPath, str] = {}
    for language in playbook.language_codes:
        rows = list(_rows(playbook, language))
        outputs[PurePosixPath(folder, export_name(language, "csv"))] = write_table(
            CSV_COLUMNS, rows, language, delimiter
        )
        outputs[PurePosixPath(folder, export_name(language, "json"))] = _json(playbook, language)
        text = localizer(playbook, language)
        for journey in playbook.journeys:
            name = map_svg_name(journey.id, language)
            outputs[PurePosixPath(folder, name)] = map_svg(playbook, journey, text)
    return outputs


def _rows(playbook: Playbook, language: str):
    text = localizer(playbook, language)
    checklist, prompt = UI_TEXT["csv_checklist"][language], UI_TEXT["csv_prompt"][language]
    for journey in playbook.journeys:
        before = [journey.id, text(journey.name), "", UI_TEXT["before_you_start"][language]]
        for item in journey.checklist:
            yield [*before, checklist, item.id, text(item.text)]
        for stage in journey.stages:
            common = [journey.id, text(journey.name), stage.id, text(stage.name)]
            for item in stage.checklist:
                yield [*common, checklist, item.id, text(item.text)]
            for question in stage.prompts:
                yield [*common, prompt, question.id, text(question.text)]
            if stage.emotion is not None:
                yield [*common, UI_TEXT["csv_emotion"][language], "", score_label(stage.emotion)]
            for lane in MAP_LANES:
                kind = UI_TEXT[LANE_LABELS[lane]][language]
                for entry in getattr(stage, lane):
                    yield [*common, kind, entry.id, text(entry.text)]
    for shared in playbook.checklists:
        common = [SHARED, UI_TEXT["csv_shared"][language], shared.id, text(shared.name)]
        for item in shared.items:
            yield [*common, checklist, item.id, text(item.text)]


def _json(playbook: Playbook, language: str) -> str:
    text = localizer(playbook, language)
    body = {
        "language": language,
        "site": text(playbook.site.title),
        "journeys": [
            {
                "id": journey.id,
                "name": text(journey.name),
                "stages": [
                    {
                        "id": stage.id,
                        "name": text(stage.name),
                        "checklist": [{"id": i.id, "text": text(i.text)} for i in stage.checklist],
                        "prompts": [{"id": p.id, "text": text(p.text)} for p in stage.prompts],
                        "emotion": stage.emotion,
                        **{
                            lane: [{"id": e.id, "text": text(e.text)} for e in getattr(stage, lane)]
                            for lane in MAP_LANES
                        },
                    }
                    for stage in journey.stages
                ],
                "checklist": [{"id": i.id, "text": text(i.text)} for i in journey.checklist],
            }
            for journey in playbook.journeys
        ],
        "checklists": [
            {
                "id": shared.id,
                "name": text(shared.name),
                "stages": list(shared.stages),
                "items": [{"id": i.id, "text": text(i.text)} for i in shared.items],
            }
            for shared in playbook.checklists
        ],
    }
    # No indent: json's C encoder only runs without one (4x faster on big playbooks).
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
