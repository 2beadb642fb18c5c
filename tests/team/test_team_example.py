"""examples/team-progress: a project whose status file shows every state, built for real."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest
import yaml

from tests.conftest import REPO, build_project, run_cli
from tests.content.test_yaml_portability import assert_same_everywhere
from tests.team.test_team_importer import SNIPPET

EXAMPLE = REPO / "examples" / "team-progress"


def test_the_examples_mkdocs_yml_is_the_repositorys():
    assert (EXAMPLE / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()


def test_the_status_file_shows_every_state():
    data = yaml.safe_load((EXAMPLE / "progress.yaml").read_text(encoding="utf-8"))
    entries = data["items"].values()
    assert {entry["status"] for entry in entries} == {
        "done",
        "in-progress",
        "not-applicable",
        "not-started",
    }
    for field in ("owner", "due", "note", "changed"):
        assert any(field in entry for entry in entries), field
    assert data["answers"]


def test_progress_json_gives_the_examples_numbers(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14, as the builds use
    result = run_cli("progress", "--json", "-c", str(EXAMPLE / "content.yaml"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"] == {
        "total": 11, "done": 3, "applicable": 10, "in_progress": 2, "not_applicable": 1,
        "not_started": 5, "overdue": 1, "prompts": 3, "answered": 1, "percent": 30,
    }  # fmt: skip
    welcome = data["journeys"][0]["stages"][0]
    assert welcome["id"] == "welcome"
    assert welcome["owners"] == ["Alla", "Projektledare", "ÅL"]
    assert [item["key"] for item in data["overdue"]] == ["first-90-days/welcome/share-timeline"]
    overdue = run_cli("progress", "--overdue", "-c", str(EXAMPLE / "content.yaml"))
    assert overdue.exit_code == 1
    # In the site's language, by the item's text and place (issue #26), not its key.
    assert overdue.stdout == (
        "Försenat den 2023-11-14 (1): Dela tidsplanen för införandet "
        "(De första 90 dagarna › Välkomnande; Projektledare, klart senast 2023-10-02)\n"
    )


@pytest.mark.slow
def test_the_example_builds_and_its_schema_accepts_its_status_file(tmp_path):
    project = tmp_path / "team-progress"
    shutil.copytree(EXAMPLE, project)
    build_project(project / "content.yaml")
    for language in ("", "nb/", "en/"):
        page = project / "site" / language / "stages/first-90-days/welcome/index.html"
        assert page.is_file()
        assert (project / "site" / language / "team/index.html").is_file()
    # The team's state, in words on the published page (built on 2023-11-14).
    html = (project / "site/stages/first-90-days/welcome/index.html").read_text("utf-8")
    items = dict(re.findall(r'<li id="([a-z-]+)"[^>]*>(.*?)</li>', html, re.S))
    assert "Ansvarig: Projektledare" in items["share-timeline"]
    assert "klart senast 2023-10-02" in items["share-timeline"]
    assert "⚠ </span>Försenad</strong>" in items["share-timeline"]
    assert 'playbook-team-state__status">Ej aktuell<' in items["print-welcome-pack"]
    assert "Försenad" not in items["print-welcome-pack"]
    assert (
        "checked" in items["send-welcome-letter"] and "Ansvarig: ÅL" in items["send-welcome-letter"]
    )
    assert "2023-11-14, dagen då webbplatsen byggdes" in html
    # The wall poster counts the team's state as the journey page does, not only this browser's.
    marks = {}
    for page in ("index", "poster/index"):
        journey = (project / f"site/stages/first-90-days/{page}.html").read_text("utf-8")
        marks[page] = re.search(
            r'welcome/"><span class="playbook-map__number">\d+</span>[^<]*'
            r'<span class="playbook-stage-done"[^>]*><span aria-hidden="true">([^<]*)</span>',
            journey,
        )
    assert marks["index"] and marks["poster/index"]
    # Welcome's 3 items and the shared checklist's 1: one done, one not applicable (#26).
    assert marks["poster/index"].group(1) == marks["index"].group(1) == "1/3"
    english = (project / "site/en/team/index.html").read_text("utf-8")
    assert "Team status" in english and "Projektledare" in english
    # The schema named on the status file's first line, written by generate.
    schema = json.loads((project / ".playbook/progress.schema.json").read_text("utf-8"))
    status = yaml.safe_load((project / "progress.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(status, default=str)), schema)
    assert (
        "first-90-days/first-use/check-first-login" in schema["properties"]["items"]["properties"]
    )


def test_the_examples_files_and_an_imported_file_read_the_same_everywhere(small_project):
    assert_same_everywhere((EXAMPLE / "content.yaml").read_text(encoding="utf-8"))
    assert_same_everywhere((EXAMPLE / "progress.yaml").read_text(encoding="utf-8"))
    share = small_project.parent / "share.yaml"
    share.write_text(SNIPPET, encoding="utf-8")
    assert run_cli("progress", "import", str(share), "-c", str(small_project)).exit_code == 0
    assert_same_everywhere((small_project.parent / "progress.yaml").read_text(encoding="utf-8"))
