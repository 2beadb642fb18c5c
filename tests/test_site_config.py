"""The committed generated MkDocs settings match the content, so plain mkdocs works on a clone."""

from __future__ import annotations

from generator.loader import load_content
from generator.site_config import GENERATED_CONFIG, render_config
from tests.conftest import REPO


def test_committed_generated_config_is_up_to_date():
    committed = (REPO / GENERATED_CONFIG).read_text(encoding="utf-8")
    assert committed == render_config(load_content(REPO / "content.yaml")), (
        "run `playbook generate` and commit .playbook/mkdocs.generated.yml"
    )


def test_generated_config_lists_the_playbook_plugin_with_the_content_file():
    import yaml

    config = yaml.safe_load((REPO / GENERATED_CONFIG).read_text(encoding="utf-8"))
    assert {"playbook": {"content": "content.yaml"}} in config["plugins"]
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8").count(f"INHERIT: {GENERATED_CONFIG}") == 1
