"""The default playbook holds texts in da, de, fi and nn for its clients while its own site
stays sv, nb, en (issue #28): those texts must not change a single generated file of it."""

from __future__ import annotations

from datetime import date

import yaml

from generator.content.loader import load_content
from generator.content.model import LANGUAGE_CODES
from generator.site.render import render
from tests.conftest import REPO, make_project


def _without(node, languages: set[str]):
    """The content data with every text's ``languages`` taken out."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGUAGE_CODES):
            return {code: text for code, text in node.items() if code not in languages}
        return {key: _without(value, languages) for key, value in node.items()}
    if isinstance(node, list):
        return [_without(item, languages) for item in node]
    return node


def test_texts_in_languages_the_site_does_not_build_change_none_of_its_files(tmp_path):
    playbook = load_content(REPO / "content.yaml")
    built = set(playbook.language_codes)
    assert built == {"sv", "nb", "en"}, "the default site's languages stay sv, nb, en"
    offered = set(LANGUAGE_CODES) - built
    data = yaml.load((REPO / "content.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    stage = data["journeys"][0]["stages"][0]
    assert {"da", "de", "fi", "nn"} <= set(stage["name"]), "the content holds the other four"
    stripped = make_project(
        tmp_path, yaml.safe_dump(_without(data, offered), allow_unicode=True, sort_keys=False)
    )
    today = date(2026, 12, 15)
    with_all = render(playbook, today=today)
    with_built = render(load_content(stripped), today=today)
    assert list(with_all) == list(with_built)
    changed = [str(path) for path in with_all if with_all[path] != with_built[path]]
    assert changed == []
