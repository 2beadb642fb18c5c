"""Rewrite counts: a no-op generate writes nothing, one edit rewrites only the pages that show it."""

from __future__ import annotations

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
    # carries every item's text, #15) and the nb exports show it; nothing else does.
    assert report.updated == [
        "playbook/downloads/checklists-nb.csv",
        "playbook/downloads/checklists-nb.json",
        "playbook/stages/customer-journey/ambassador.nb.md",
        "playbook/stages/customer-journey/index.nb.md",
        "playbook/stages/customer-journey/print.nb.md",
    ]
    assert report.created == [] and report.removed == []


def test_renaming_a_stage_rewrites_pages_that_show_its_name(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("en: Loyalty}", "en: Loyalty and return}"), "utf-8")
    report = generate(content)
    # Its own page, its neighbours' links, the journey page and its map (poster and SVG),
    # the home page and the nav.
    assert sorted(report.updated) == [
        ".playbook/mkdocs.generated.yml",
        "playbook/comparison.en.md",
        "playbook/downloads/checklists-en.csv",
        "playbook/downloads/checklists-en.json",
        "playbook/downloads/map-customer-journey-en.svg",
        "playbook/index.en.md",
        "playbook/stages/customer-journey/after-purchase.en.md",
        "playbook/stages/customer-journey/ambassador.en.md",
        "playbook/stages/customer-journey/index.en.md",
        "playbook/stages/customer-journey/loyalty.en.md",
        "playbook/stages/customer-journey/poster.en.md",
        "playbook/stages/customer-journey/print.en.md",
    ]
