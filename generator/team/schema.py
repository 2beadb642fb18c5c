"""The JSON Schema of the status file, so editors check and complete ``progress.yaml``.

Given the content, the schema lists every key the content has, each described by its
item's or prompt's text: an editor then completes the ids and shows what each one is.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.model import Playbook, Translations
from generator.site.progress import JOURNEY_LEVEL, SHARED_LEVEL, progress_key
from generator.team.model import KEY_PATTERN, TeamStatus


def status_schema(playbook: Playbook | None = None) -> str:
    """The status file's schema; with ``playbook``, its keys are the content's own."""
    schema: dict[str, Any] = TeamStatus.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Journey Playbook team status (progress.yaml)"
    properties = schema["properties"]
    for section, definition in (("items", "ItemStatus"), ("answers", "AnswerStatus")):
        entry = {"$ref": f"#/$defs/{definition}"}
        prop = properties[section]
        prop.pop("additionalProperties", None)
        if playbook is None:
            prop["patternProperties"] = {KEY_PATTERN: entry}
        else:
            keys = _item_texts(playbook) if section == "items" else _prompt_texts(playbook)
            prop["properties"] = {key: {**entry, "description": text} for key, text in keys}
        prop["additionalProperties"] = False
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _item_texts(playbook: Playbook) -> list[tuple[str, str]]:
    def text(value: Translations) -> str:
        return value.get(playbook.default_language) or ""

    found = []
    for journey in playbook.journeys:
        found += [
            (progress_key(journey.id, JOURNEY_LEVEL, i.id), text(i.text)) for i in journey.checklist
        ]
        for stage in journey.stages:
            found += [
                (progress_key(journey.id, stage.id, i.id), text(i.text)) for i in stage.checklist
            ]
    for shared in playbook.checklists:
        found += [(progress_key(SHARED_LEVEL, shared.id, i.id), text(i.text)) for i in shared.items]
    return found


def _prompt_texts(playbook: Playbook) -> list[tuple[str, str]]:
    found = []
    for journey in playbook.journeys:
        for stage in journey.stages:
            found += [
                (
                    progress_key(journey.id, stage.id, p.id),
                    p.text.get(playbook.default_language) or "",
                )
                for p in stage.prompts
            ]
    return found
