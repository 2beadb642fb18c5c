"""The default playbook holds texts in da, de, fi and nn for its clients while its own site
stays sv, nb, en (issue #28): those texts must not change a single generated file of it."""

from __future__ import annotations

from datetime import date

import yaml

from generator.content.loader import load_content
from generator.content.model import LANGUAGE_CODES
from generator.site.render import render
from tests.conftest import REPO, make_project
from tests.offered import default_data, without


def test_texts_in_languages_the_site_does_not_build_change_none_of_its_files(tmp_path):
    playbook = load_content(REPO / "content.yaml")
    built = set(playbook.language_codes)
    assert built == {"sv", "nb", "en"}, "the default site's languages stay sv, nb, en"
    offered = set(LANGUAGE_CODES) - built
    data = default_data()
    stage = data["journeys"][0]["stages"][0]
    assert {"da", "de", "fi", "nn"} <= set(stage["name"]), "the content holds the other four"
    stripped = make_project(
        tmp_path, yaml.safe_dump(without(data, offered), allow_unicode=True, sort_keys=False)
    )
    today = date(2026, 12, 15)
    with_all = render(playbook, today=today)
    with_built = render(load_content(stripped), today=today)
    assert list(with_all) == list(with_built)
    changed = [str(path) for path in with_all if with_all[path] != with_built[path]]
    assert changed == []
