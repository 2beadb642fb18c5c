"""The default playbook with some of its languages taken out: a base that lacks a client's
language, for the tests of fallbacks (the default playbook itself has all seven since
issue #28)."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.content.model import LANGUAGE_CODES
from tests.conftest import REPO


def without(node, languages: set[str]):
    """Content data with every text's ``languages`` taken out."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGUAGE_CODES):
            return {code: text for code, text in node.items() if code not in languages}
        return {key: without(value, languages) for key, value in node.items()}
    if isinstance(node, list):
        return [without(item, languages) for item in node]
    return node


def default_data() -> dict:
    return yaml.load((REPO / "content.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def base_in_sv_nb_en(folder: Path) -> Path:
    """The default playbook as it was before issue #28, sv, nb and en only, as a content
    file in ``folder``; returns its path (for ``init --extends``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "base.yaml"
    data = without(default_data(), set(LANGUAGE_CODES) - {"sv", "nb", "en"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
