"""The generated MkDocs settings name the playbook plugin, which mkdocs.yml inherits."""

from __future__ import annotations

import yaml

from generator.content.loader import load_content
from generator.site.site_config import GENERATED_CONFIG, render_config
from tests.conftest import REPO


def test_generated_config_lists_the_playbook_plugin_with_the_content_file():
    config = yaml.safe_load(render_config(load_content(REPO / "content.yaml")))
    assert {"playbook": {"content": "content.yaml"}} in config["plugins"]
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8").count(
        f"INHERIT: {GENERATED_CONFIG}"
    ) == 1
