"""Every YAML file the tool ships or writes reads the same under libyaml, pure-Python PyYAML
and ruamel.yaml (issue #10): a machine without libyaml, an editor or another tool must
never see different data."""

from __future__ import annotations

import yaml
from ruamel.yaml import YAML

from generator.content.loader import load_content
from generator.fork.init import render_project
from generator.site.site_config import render_config
from tests.conftest import REPO


def assert_same_everywhere(text: str) -> None:
    loaded = {
        "pure PyYAML": yaml.load(text, Loader=yaml.SafeLoader),
        "pure ruamel.yaml": YAML(typ="safe", pure=True).load(text),
    }
    if hasattr(yaml, "CSafeLoader"):
        loaded["libyaml"] = yaml.load(text, Loader=yaml.CSafeLoader)
    first = next(iter(loaded.values()))
    assert first is not None
    assert all(data == first for data in loaded.values()), list(loaded)


def test_the_default_content_and_its_lock():
    assert_same_everywhere((REPO / "content.yaml").read_text(encoding="utf-8"))
    assert_same_everywhere((REPO / "translations.lock").read_text(encoding="utf-8"))


def test_what_init_writes():
    files = render_project(
        'Kund "AB" #1: å ä ö æ ø', "../bases/x: y.yaml", ["nb", "en"], "journey-playbook==0.1.0"
    )
    for name in ("content.yaml", ".github/workflows/pages.yml"):  # `"on":` is quoted for this
        assert_same_everywhere(files[name])
    assert yaml.safe_load(files["content.yaml"])["site"]["client"] == 'Kund "AB" #1: å ä ö æ ø'


def test_the_generated_mkdocs_settings():
    text = render_config(load_content(REPO / "content.yaml"))
    assert_same_everywhere(text)


def test_the_repository_workflows():
    for name in ("pages.yml", "release.yml"):
        assert_same_everywhere((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
