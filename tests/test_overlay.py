"""Overlays: a client file that extends a base and holds only its differences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.loader import load_content, load_parsed
from tests.conftest import FIXTURES


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(path, display_name=path.name)
    return str(caught.value)


ACME = """\
extends: default
site:
  title: {sv: Acme – kundresan, nb: Acme – kundereisen}
journeys:
  - id: customer-journey
    stages:
      - id: purchase
        name: Köp hos Acme
      - id: awareness
        checklist:
          - id: ask-outsiders
            remove: true
      - id: onboarding
        after: purchase
        name: {sv: Introduktion, nb: Introduksjon, en: Onboarding}
        summary: {sv: Nya kunder kommer igång., nb: Nye kunder kommer i gang., en: New customers get started.}
        description: {sv: Text., nb: Tekst., en: Text.}
        checklist:
          - {id: welcome-call, text: {sv: Ring och hälsa välkommen, nb: Ring og ønsk velkommen, en: Call to welcome}}
"""


def test_overlay_on_the_default_playbook(tmp_path):
    playbook = load_content(write(tmp_path, "content.yaml", ACME))
    assert playbook.site.title.get("sv") == "Acme – kundresan"
    assert playbook.site.title.get("en") == "The Customer Journey Playbook"  # merged per language
    stages = playbook.journeys[0].stages
    assert [s.id for s in stages] == [
        "awareness", "interest", "consideration", "purchase", "onboarding", "after-purchase", "loyalty",
        "ambassador",
    ]
    assert [i.id for i in stages[0].checklist] == ["known-for", "values-visible", "consistent-identity"]
    purchase = stages[3]
    assert purchase.name.get("sv") == "Köp hos Acme"  # a plain string is the default language
    assert purchase.name.get("nb") == "Kjøp"  # untouched languages come from the base
    assert len(purchase.checklist) == 3  # untouched lists come from the base


def test_before_places_a_new_item(tmp_path):
    text = ACME.replace("after: purchase", "before: awareness")
    playbook = load_content(write(tmp_path, "content.yaml", text))
    assert playbook.journeys[0].stages[0].id == "onboarding"


def test_lists_without_ids_are_replaced_whole(tmp_path):
    text = "extends: default\nsite:\n  languages:\n    - {code: nb, default: true}\n    - {code: en}\n"
    playbook = load_content(write(tmp_path, "content.yaml", text))
    assert playbook.language_codes == ["nb", "en"]
    assert playbook.default_language == "nb"


def test_chain_of_extends_with_relative_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_BASES", str(tmp_path))  # an agency's folder of bases
    write(tmp_path, "base/content.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    write(tmp_path, "agency/content.yaml", "extends: ../base/content.yaml\nsite:\n  title: Byrån\n")
    client = write(tmp_path, "client/content.yaml",
                   "extends: ../agency/content.yaml\njourneys:\n  - id: loop\n    cyclic: false\n")
    playbook = load_content(client)
    assert playbook.site.title.get("sv") == "Byrån"
    assert playbook.journeys[0].cyclic is False


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\n")
    report = errors_of(b)
    assert re.search(r"extends forms a cycle: .*b\.yaml -> .*a\.yaml -> .*b\.yaml", report), report


def test_missing_base_file_is_an_error_at_the_extends_line(tmp_path):
    path = write(tmp_path, "content.yaml", "# client\nextends: nowhere.yaml\n")
    assert "content.yaml:2:10: extends: the base file 'nowhere.yaml' does not exist" in errors_of(path)


def test_errors_point_at_the_file_that_caused_them(tmp_path):
    text = ACME.replace("name: Köp hos Acme", "name: Köp hos Acme\n        nmae: typo")
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert "content.yaml:9:9: journeys[customer-journey].stages[purchase].nmae: unknown key 'nmae'" in report
    assert "did you mean 'name'?" in report


def test_error_in_a_base_item_names_the_base_file(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8").replace(
        "summary: Bara på svenska.", "summary: 12"))
    client = write(tmp_path, "content.yaml", "extends: base.yaml\nsite:\n  title: Kund\n")
    report = errors_of(client)
    assert re.search(r"base\.yaml:31:18: journeys\[loop\]\.stages\[second\]\.summary: expected text", report)


def test_removing_something_unknown_or_still_referred_to(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8").replace(
        "    cyclic: true", "    cyclic: true\n    loops_to: second"))
    client = write(tmp_path, "content.yaml", """\
extends: base.yaml
journeys:
  - id: loop
    stages:
      - {id: second, remove: true}
      - {id: third, remove: true}
""")
    report = errors_of(client)
    assert "content.yaml:6:14: journeys[loop].stages[third].id: cannot remove 'third'" in report
    assert not re.search(r"loops_to", report)  # reported in a second pass, once removals are valid


def test_removed_stage_still_referred_to(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8").replace(
        "    cyclic: true", "    cyclic: true\n    loops_to: second"))
    client = write(tmp_path, "content.yaml",
                   "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n      - {id: second, remove: true}\n")
    report = errors_of(client)
    assert re.search(r"base\.yaml:13:15: journeys\[loop\]\.loops_to: 'loops_to' refers to stage "
                     r"'second', which .*content\.yaml:5 removes", report), report


def test_after_with_an_unknown_id(tmp_path):
    report = errors_of(write(tmp_path, "content.yaml", ACME.replace("after: purchase", "after: purchse")))
    assert "'after: purchse' names no item in this list" in report


def test_overlay_positions_for_translations(tmp_path):
    playbook, parsed = load_parsed(write(tmp_path, "content.yaml", ACME))
    file, line, _ = parsed.source.locate(("journeys", 0, "stages", 4, "checklist", 0, "text", "nb"))
    assert file.endswith("content.yaml") and line == 19
    base_file, base_line, _ = parsed.source.locate(("journeys", 0, "stages", 0, "name"))
    assert base_file.startswith("default") and base_line > 20


def test_diff_lists_what_the_overlay_changes(tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    content = write(tmp_path, "content.yaml", ACME)
    result = CliRunner().invoke(cli, ["diff", "-c", str(content)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert '~ site.title.sv: "Kundresan – playbook" → "Acme – kundresan"' in lines
    assert '~ journeys[customer-journey].stages[purchase].name.sv: "Köp" → "Köp hos Acme"' in lines
    assert "+ journeys[customer-journey].stages[onboarding]" in lines
    assert "- journeys[customer-journey].stages[awareness].checklist[ask-outsiders]" in lines
    assert not [line for line in lines if "site.title.en" in line]


def test_upstream_drift_is_reported_until_accepted(tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    base = write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    client = write(tmp_path, "content.yaml", "extends: base.yaml\njourneys:\n  - id: loop\n"
                   "    name: {sv: Kundens slinga}\n")
    run = CliRunner().invoke
    assert run(cli, ["diff", "--accept", "-c", str(client)]).exit_code == 0
    assert "warning" not in run(cli, ["validate", "-c", str(client)]).output

    base.write_text(base.read_text(encoding="utf-8").replace("sv: Slingan", "sv: Slingan (ny)"), "utf-8")
    validated = run(cli, ["validate", "-c", str(client)])
    assert validated.exit_code == 0
    assert "warning: upstream changed journeys[loop].name.sv" in validated.output
    assert "! upstream changed journeys[loop].name.sv" in run(cli, ["diff", "-c", str(client)]).output

    run(cli, ["diff", "--accept", "-c", str(client)])
    assert "upstream changed" not in run(cli, ["diff", "-c", str(client)]).output


def test_removing_a_stage_other_journeys_refer_to(tmp_path):
    text = "extends: default\njourneys:\n  - id: customer-journey\n    stages:\n      - {id: interest, remove: true}\n"
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert re.search(r"journeys\[six-phases\]\.stages\[information\]\.corresponds_to\[0\]: refers to stage "
                     r"in the first journey 'interest', which .*content\.yaml:5 removes", report), report


def test_overlay_schema_accepts_overlays_and_flags_typos(tmp_path):
    import json

    import jsonschema
    import yaml

    from generator.project import OVERLAY_SCHEMA, generate

    content = write(tmp_path, "content.yaml", ACME)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: .playbook/mkdocs.generated.yml\n", "utf-8")
    generate(content)
    schema = json.loads((tmp_path / OVERLAY_SCHEMA).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(yaml.safe_load(ACME))) == []
    typo = yaml.safe_load(ACME.replace("name: Köp hos Acme", "nmae: Köp hos Acme"))
    assert any("nmae" in error.message for error in validator.iter_errors(typo))
    no_id = yaml.safe_load(ACME.replace("      - id: purchase\n", "      - \n"))
    assert list(validator.iter_errors(no_id))


# Issue #11: extends reads only content files in allowed folders, never any file.


@pytest.mark.parametrize("base, message", [
    ("/etc/passwd", "must be a .yaml or .yml content file"),
    ("../outside/content.yaml", "outside this project"),
    (".git/config.yaml", "inside .git/"),
])
def test_extends_refuses_files_outside_the_allowed_folders(tmp_path, base, message):
    project = tmp_path / "project"
    write(tmp_path, "outside/content.yaml", "site:\n  title: secret-title\n")
    write(project, ".git/config.yaml", "token: secret-token\n")
    client = write(project, "content.yaml", f"extends: {base}\n")
    report = errors_of(client)
    assert "content.yaml:1:10: extends: " in report and message in report, report
    assert "secret" not in report


def test_a_folder_listed_in_playbook_bases_may_hold_the_base(tmp_path, monkeypatch):
    write(tmp_path, "agency/base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    client = write(tmp_path, "client/content.yaml", "extends: ../agency/base.yaml\n")
    assert "PLAYBOOK_BASES" in errors_of(client)
    monkeypatch.setenv("PLAYBOOK_BASES", str(tmp_path / "agency"))
    assert load_content(client).site.title.get("sv") == "Liten resa"
