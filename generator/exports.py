"""Checklists and prompts as CSV (for spreadsheets and trackers) and JSON, per language.

Pure: returns file contents. ``playbook generate`` puts them in playbook/downloads/
so the site links them; ``playbook export`` writes them anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePosixPath

from generator.context import localizer
from generator.model import Playbook

CSV_COLUMNS = ["journey_id", "journey", "stage_id", "stage", "kind", "item_id", "text"]


def export_name(language: str, extension: str) -> str:
    return f"checklists-{language}.{extension}"


def render_exports(playbook: Playbook, folder: str) -> dict[PurePosixPath, str]:
    """CSV and JSON for every built language, keyed by path under ``folder``."""
    outputs: dict[PurePosixPath, str] = {}
    for language in playbook.language_codes:
        rows = list(_rows(playbook, language))
        outputs[PurePosixPath(folder, export_name(language, "csv"))] = _csv(rows)
        outputs[PurePosixPath(folder, export_name(language, "json"))] = _json(playbook, language)
    return outputs


def _rows(playbook: Playbook, language: str):
    text = localizer(playbook, language)
    for journey in playbook.journeys:
        for stage in journey.stages:
            common = [journey.id, text(journey.name), stage.id, text(stage.name)]
            for item in stage.checklist:
                yield [*common, "checklist", item.id, text(item.text)]
            for prompt in stage.prompts:
                yield [*common, "prompt", prompt.id, text(prompt.text)]


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    # A byte-order mark so that Excel opens å, ä, ö, æ and ø correctly.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


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
                    }
                    for stage in journey.stages
                ],
            }
            for journey in playbook.journeys
        ],
    }
    # No indent: json's C encoder only runs without one (4x faster on big playbooks).
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
