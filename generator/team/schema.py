"""The JSON Schema of the status file, so editors check and complete ``progress.yaml``.

Given the content, the schema lists every key the content has, each described by its
item's or prompt's text: an editor then completes the ids and shows what each one is.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.model import Playbook
from generator.team.keys import checklist_items, prompts
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
            keyed = checklist_items(playbook) if section == "items" else prompts(playbook)
            # In the language the site shows the text in: the default, else (a client whose
            # base lacks its language) the first site language that has it.
            order = [playbook.default_language, *playbook.language_codes]
            prop["properties"] = {
                key: {
                    **entry,
                    "description": next(
                        (text for code in order if (text := value.text.get(code))), ""
                    ),
                }
                for key, value in keyed
            }
        prop["additionalProperties"] = False
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
