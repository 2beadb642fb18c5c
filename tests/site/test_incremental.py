"""Rewrite counts: a no-op generate writes nothing, one edit rewrites only the pages that show it."""

from __future__ import annotations

import yaml

from generator.project import generate
from tests.conftest import REPO, make_project


def test_noop_generate_writes_zero_files(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    first = generate(content)
    assert first.files_written > 0
    again = generate(content)
    assert again.files_written == 0 and not again.changed


def test_editing_one_checklist_item_rewrites_only_its_page(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)
    text = content.read_text(encoding="utf-8")
    old = "Finn ut hvilke kunder som allerede anbefaler dere."
    assert text.count(old) == 1
    content.write_text(
        text.replace(old, "Finn ut hvilke kunder som anbefaler dere i dag."), "utf-8"
    )
    report = generate(content)
    # The stage page, the journey's print page, the journey page (its Markdown summary
    # carries every item's text, #15) and the nb exports (the team's too, #26) show it;
    # nothing else does.
    assert report.updated == [
        "playbook/downloads/checklists-nb.csv",
        "playbook/downloads/checklists-nb.json",
        "playbook/downloads/team-jira-nb.csv",
        "playbook/downloads/team-status-nb.csv",
        "playbook/downloads/team-tasks-nb.txt",
        "playbook/stages/customer-journey/ambassador.nb.md",
        "playbook/stages/customer-journey/index.nb.md",
        "playbook/stages/customer-journey/print.nb.md",
    ]
    assert report.created == [] and report.removed == []


def test_renaming_a_stage_rewrites_pages_that_show_its_name(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)
    text = content.read_text(encoding="utf-8")
    renamed = text.replace("\n          en: Loyalty\n", "\n          en: Loyalty and return\n")
    assert renamed.count("Loyalty and return") == 1  # the stage's name, and nothing else
    content.write_text(renamed, "utf-8")
    report = generate(content)
    # Its own page, its neighbours' links, the journey page and its map (poster and SVG),
    # the home page, the nav and the journey's workshop agenda (#29).
    assert sorted(report.updated) == [
        ".playbook/mkdocs.generated.yml",
        "playbook/comparison.en.md",
        "playbook/downloads/checklists-en.csv",
        "playbook/downloads/checklists-en.json",
        "playbook/downloads/map-customer-journey-en.svg",
        "playbook/downloads/team-jira-en.csv",
        "playbook/downloads/team-status-en.csv",
        "playbook/downloads/team-tasks-en.txt",
        "playbook/index.en.md",
        "playbook/stages/customer-journey/after-purchase.en.md",
        "playbook/stages/customer-journey/ambassador.en.md",
        "playbook/stages/customer-journey/index.en.md",
        "playbook/stages/customer-journey/loyalty.en.md",
        "playbook/stages/customer-journey/poster.en.md",
        "playbook/stages/customer-journey/print.en.md",
        "playbook/stages/customer-journey/workshop.en.md",
    ]


def test_a_one_language_preview_writes_that_language_and_keeps_the_others(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)
    root = content.parent
    sv_page = root / "playbook/stages/customer-journey/ambassador.md"
    en_page = root / "playbook/stages/customer-journey/ambassador.en.md"
    before = {path: path.read_bytes() for path in (sv_page, en_page)}
    # One edit in every language, previewed in nb (what `playbook serve --lang nb` runs).
    text = content.read_text(encoding="utf-8")
    edits = {
        "Ta reda på vilka kunder som redan rekommenderar er.": "Ta reda på vilka kunder som rekommenderar er i dag.",
        "Finn ut hvilke kunder som allerede anbefaler dere.": "Finn ut hvilke kunder som anbefaler dere i dag – æ ø å.",
    }
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    content.write_text(text, "utf-8")
    report = generate(content, only_language="nb")
    assert "playbook/stages/customer-journey/ambassador.nb.md" in report.updated
    # Pages: nb only. Downloads stay whole in every run, so the sv ones change too.
    pages = [key for key in report.updated + report.created if key.endswith(".md")]
    assert pages and all(key.endswith(".nb.md") for key in pages), pages
    assert report.removed == []
    assert {path: path.read_bytes() for path in (sv_page, en_page)} == before
    # The others are still the generator's: the full run that follows updates sv, not nb.
    full = generate(content)
    assert "playbook/stages/customer-journey/ambassador.md" in full.updated
    assert not [key for key in full.updated if key.endswith(".nb.md")]


def test_a_one_language_preview_that_changes_the_navigation_writes_every_language(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)
    text = content.read_text(encoding="utf-8")
    content.write_text(_without_stage(text, "purchase-process", "need-recognition"), "utf-8")
    report = generate(content, only_language="en")
    # A removed stage changes the navigation: no language may keep its page.
    assert sorted(key for key in report.removed if "need-recognition" in key) == [
        "playbook/stages/purchase-process/need-recognition.en.md",
        "playbook/stages/purchase-process/need-recognition.md",
        "playbook/stages/purchase-process/need-recognition.nb.md",
    ]
    assert not generate(content).changed


def _without_stage(text: str, journey_id: str, stage: str) -> str:
    """The content with one stage (one nothing else refers to) left out."""
    data = yaml.safe_load(text)
    for journey in data["journeys"]:
        if journey["id"] == journey_id:
            journey["stages"] = [s for s in journey["stages"] if s["id"] != stage]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
