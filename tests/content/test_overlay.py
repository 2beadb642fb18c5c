"""Overlays: a client file that extends a base and holds only its differences."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from pathlib import Path

import pytest

from generator.content.loader import load_content, load_parsed, validate_data
from generator.content.overlay import load_with_extends
from generator.errors import ContentError
from tests.conftest import FIXTURES, run_cli


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
        "awareness",
        "interest",
        "consideration",
        "purchase",
        "onboarding",
        "after-purchase",
        "loyalty",
        "ambassador",
    ]
    assert [i.id for i in stages[0].checklist] == [
        "known-for",
        "values-visible",
        "consistent-identity",
    ]
    purchase = stages[3]
    assert purchase.name.get("sv") == "Köp hos Acme"  # a plain string is the default language
    assert purchase.name.get("nb") == "Kjøp"  # untouched languages come from the base
    assert len(purchase.checklist) == 3  # untouched lists come from the base


def test_before_places_a_new_item(tmp_path):
    text = ACME.replace("after: purchase", "before: awareness")
    playbook = load_content(write(tmp_path, "content.yaml", text))
    assert playbook.journeys[0].stages[0].id == "onboarding"


def test_lists_without_ids_are_replaced_whole(tmp_path):
    text = (
        "extends: default\nsite:\n  languages:\n    - {code: nb, default: true}\n    - {code: en}\n"
    )
    playbook = load_content(write(tmp_path, "content.yaml", text))
    assert playbook.language_codes == ["nb", "en"]
    assert playbook.default_language == "nb"


def test_chain_of_extends_with_relative_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_BASES", str(tmp_path))  # an agency's folder of bases
    write(tmp_path, "base/content.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    write(tmp_path, "agency/content.yaml", "extends: ../base/content.yaml\nsite:\n  title: Byrån\n")
    client = write(
        tmp_path,
        "client/content.yaml",
        "extends: ../agency/content.yaml\njourneys:\n  - id: loop\n    cyclic: false\n",
    )
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
    assert "content.yaml:2:10: extends: the base file 'nowhere.yaml' does not exist" in errors_of(
        path
    )


def test_errors_point_at_the_file_that_caused_them(tmp_path):
    text = ACME.replace("name: Köp hos Acme", "name: Köp hos Acme\n        nmae: typo")
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert (
        "content.yaml:9:9: journeys[customer-journey].stages[purchase].nmae: unknown key 'nmae'"
        in report
    )
    assert "did you mean 'name'?" in report


def test_error_in_a_base_item_names_the_base_file(tmp_path):
    write(
        tmp_path,
        "base.yaml",
        (FIXTURES / "small.yaml")
        .read_text(encoding="utf-8")
        .replace("summary: Bara på svenska.", "summary: 12"),
    )
    client = write(tmp_path, "content.yaml", "extends: base.yaml\nsite:\n  title: Kund\n")
    report = errors_of(client)
    assert re.search(
        r"base\.yaml:31:18: journeys\[loop\]\.stages\[second\]\.summary: expected text", report
    )


def test_removing_something_unknown(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    client = write(
        tmp_path,
        "content.yaml",
        """\
extends: base.yaml
journeys:
  - id: loop
    stages:
      - {id: second, remove: true}
      - {id: third, remove: true}
""",
    )
    report = errors_of(client)
    assert "content.yaml:6:14: journeys[loop].stages[third].id: cannot remove 'third'" in report


def test_removing_a_stage_that_loops_to_names_drops_loops_to(tmp_path):
    write(
        tmp_path,
        "base.yaml",
        (FIXTURES / "small.yaml")
        .read_text(encoding="utf-8")
        .replace("    cyclic: true", "    cyclic: true\n    loops_to: second"),
    )
    client = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n      - {id: second, remove: true}\n",
    )
    journey = load_content(client).journeys[0]
    assert journey.loops_to is None and journey.loop_target().id == "first"
    lines = diff_of(client)
    assert "- journeys[loop].loops_to: 'second' (went with the stage removed at " in "\n".join(
        lines
    )


def test_a_reference_the_overlay_writes_to_what_it_removes_is_an_error_at_its_line(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    client = write(
        tmp_path,
        "content.yaml",
        """\
extends: base.yaml
journeys:
  - id: loop
    loops_to: second
    stages:
      - {id: second, remove: true}
""",
    )
    report = errors_of(client)
    assert re.search(
        r"^content\.yaml:4:15: journeys\[loop\]\.loops_to: 'loops_to' refers to stage 'second', "
        r"which content\.yaml:6 removes",
        report,
        re.MULTILINE,
    ), report
    assert "hint: write 'loops_to: first' (or another stage the journey keeps)" in report
    # A list the overlay writes is not filtered either: the same file naming and removing
    # a stage is a contradiction to show, not to resolve silently.
    client.write_text(
        "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n      - {id: second, remove: true}\n"
        "checklists:\n  - {id: basics, stages: [loop/second, short/meet]}\n",
        encoding="utf-8",
    )
    assert errors_of(client).splitlines()[:2] == [
        "content.yaml:7:27: checklists[basics].stages[0]: refers to stage 'loop/second', which "
        "content.yaml:5 removes",
        "    hint: delete 'loop/second' here, or the 'remove: true' on content.yaml:5",
    ]


def test_after_with_an_unknown_id(tmp_path):
    report = errors_of(
        write(tmp_path, "content.yaml", ACME.replace("after: purchase", "after: purchse"))
    )
    assert (
        "'after: purchse' names no item in this list\n    hint: did you mean 'purchase'?" in report
    )
    text = ACME.replace(
        "      - id: awareness\n", "      - {id: intrest, remove: true}\n      - id: awareness\n"
    )
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert (
        "cannot remove 'intrest': the base has no such item\n    hint: did you mean 'interest'?"
        in report
    )


def test_overlay_positions_for_translations(tmp_path):
    playbook, parsed = load_parsed(write(tmp_path, "content.yaml", ACME))
    where = parsed.source.locate(("journeys", 0, "stages", 4, "checklist", 0, "text", "nb"))
    assert where == (str(tmp_path / "content.yaml"), 19, 73)  # "Ring og ønsk velkommen"
    default = (Path(__file__).parents[2] / "content.yaml").read_text(encoding="utf-8")
    # The stage's name is a block mapping: its value starts at its first language's line.
    line = default[: default.index("name:\n          sv: Kännedom\n")].count("\n") + 2
    assert parsed.source.locate(("journeys", 0, "stages", 0, "name")) == (
        "default:content.yaml",
        line,
        11,
    )


def test_diff_lists_what_the_overlay_changes(tmp_path):
    content = write(tmp_path, "content.yaml", ACME)
    result = run_cli("diff", "-c", str(content))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert '~ site.title.sv: "Kundresan – playbook" → "Acme – kundresan"' in lines
    assert '~ journeys[customer-journey].stages[purchase].name.sv: "Köp" → "Köp hos Acme"' in lines
    assert "+ journeys[customer-journey].stages[onboarding]" in lines
    assert "- journeys[customer-journey].stages[awareness].checklist[ask-outsiders]" in lines
    assert not [line for line in lines if "site.title.en" in line]


def test_diff_reports_a_reordered_list_and_not_an_appended_item(tmp_path):
    # The overlay changes nothing but the order: that is all diff has to report (issue #30).
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    moved = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n      - {id: second, before: first}\n",
    )
    assert diff_of(moved) == ["↕ journeys[loop].stages"]
    moved.write_text(
        "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n"
        "      - {id: third, name: Tredje, summary: Sist., before: second}\n",
        encoding="utf-8",
    )
    assert diff_of(moved) == ["+ journeys[loop].stages[third]"]  # the others kept their order


def test_upstream_drift_is_reported_until_accepted(tmp_path):
    base = write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    client = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - id: loop\n    name: {sv: Kundens slinga}\n",
    )
    override = '~ journeys[loop].name.sv: "Slingan" → "Kundens slinga"'
    accepted = run_cli("diff", "--accept", "-c", str(client))
    assert accepted.exit_code == 0, accepted.output
    assert accepted.output.splitlines() == [
        override,
        "Accepted the base's current text for 1 overridden values.",
    ]
    quiet = run_cli("validate", "-c", str(client))
    assert quiet.exit_code == 0 and quiet.output == f"{client}: OK (2 journeys, 4 stages)\n"

    base.write_text(
        base.read_text(encoding="utf-8").replace("sv: Slingan", "sv: Slingan (ny)"), "utf-8"
    )
    validated = run_cli("validate", "-c", str(client))
    assert validated.exit_code == 0
    assert f"{client}: OK (2 journeys, 4 stages)" in validated.output
    assert "warning: upstream changed journeys[loop].name.sv" in validated.output
    drifted = run_cli("diff", "-c", str(client))
    assert drifted.exit_code == 0
    assert "! upstream changed journeys[loop].name.sv since you accepted it" in drifted.output

    assert run_cli("diff", "--accept", "-c", str(client)).exit_code == 0
    after = run_cli("diff", "-c", str(client))
    assert after.exit_code == 0
    assert after.output.splitlines() == [
        '~ journeys[loop].name.sv: "Slingan (ny)" → "Kundens slinga"'
    ]


def diff_of(content: Path) -> list[str]:
    result = run_cli("diff", "-c", str(content))
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


REMOVE_FROM_DEFAULT = """\
extends: default
journeys:
  - id: customer-journey
    stages:
      - {id: interest, remove: true}
      - {id: purchase, remove: true}
  - id: buyers-journey
    remove: true
facts:
  - {id: keeping-costs-less, remove: true}
"""


def test_removing_takes_the_references_in_the_base_along(tmp_path):
    content = write(tmp_path, "content.yaml", REMOVE_FROM_DEFAULT)
    playbook = load_content(content)
    refs = {f"{j.id}/{s.id}" for j in playbook.journeys for s in j.stages}
    assert "customer-journey/purchase" not in playbook.checklists[0].stages
    assert set(playbook.checklists[0].stages) <= refs and playbook.checklists[0].stages
    first = {s.id for s in playbook.journeys[0].stages}
    corresponds = [c for j in playbook.journeys for s in j.stages for c in s.corresponds_to]
    assert corresponds and set(corresponds) <= first
    assert "keeping-costs-less" not in [
        f for j in playbook.journeys for s in j.stages for f in s.facts
    ]

    lines = diff_of(content)
    dropped = [line for line in lines if "(went with the" in line]
    assert (
        "- checklists[cx-basics].stages: 'customer-journey/purchase' (went with the stage removed at "
        f"{content}:6)" in dropped
    )
    assert (
        f"- journeys[six-phases].stages[information].corresponds_to: 'interest' (went with the stage "
        f"removed at {content}:5)" in dropped
    )
    assert (
        f"- journeys[six-phases].stages[returning].facts: 'keeping-costs-less' (went with the fact "
        f"removed at {content}:10)" in dropped
    )
    # The base is untouched: a second overlay on it still sees every reference.
    assert (
        "customer-journey/purchase"
        in load_content(write(tmp_path, "b/content.yaml", "extends: default\n"))
        .checklists[0]
        .stages
    )


def test_a_removed_journey_and_source_take_every_kind_of_reference_along(tmp_path):
    # Mutation testing found these untested (docs/testing.md): a removed journey's stages in a
    # shared checklist, corresponds_to when the first journey goes, a journey's source.
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    content = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - {id: loop, remove: true}\n"
        "sources:\n  - {id: handbook-2019, remove: true}\n",
    )
    dropped = [line for line in diff_of(content) if "(went with the" in line]
    journey, source = f"journey removed at {content}:3", f"source removed at {content}:5"
    assert dropped == [
        f"- checklists[basics].stages: 'loop/first' (went with the {journey})",
        f"- glossary[touchpoint].source: 'handbook-2019' (went with the {source})",
        f"- chooser[how-long].answers: 'round -> loop' (went with the {journey})",
        f"- chooser[how-long].answers[short-way].source: 'handbook-2019' (went with the {source})",
        f"- journeys[short].source: 'handbook-2019' (went with the {source})",
        f"- journeys[short].stages[meet].corresponds_to: 'first' (went with the {journey})",
        f"- journeys[short].stages[decide].corresponds_to: 'first' (went with the {journey})",
        f"- journeys[short].stages[decide].corresponds_to: 'second' (went with the {journey})",
    ]
    playbook = load_content(content)
    assert playbook.checklists[0].stages == ["short/meet"] and playbook.journeys[0].source is None


@pytest.mark.parametrize(
    "overlay, report",
    [
        (
            "journeys:\n  - {id: loop, remove: true}\n  - {id: short, remove: true}\n",
            "content.yaml:4:25: journeys[short]: this removes the last journey, and a playbook "
            "needs at least one\n    hint: keep at least one journey: delete this 'remove: true'",
        ),
        (
            "journeys:\n  - id: short\n    stages:\n      - {id: meet, remove: true}\n"
            "      - {id: decide, remove: true}\n",
            "content.yaml:6:30: journeys[short].stages[decide]: this removes the last stage of "
            "journey 'short', and a journey needs at least one\n    hint: remove the journey "
            "instead: under 'journeys:' in this file, replace its entry with  "
            "- {id: short, remove: true}",
        ),
        (
            # The overlay names the source it removes itself: the checks report that line.
            "sources:\n  - {id: example-2024, remove: true}\n"
            "facts:\n  - {id: half-return, source: example-2024}\n"
            "checklists:\n  - {id: basics, source: handbook-2019}\n",
            "content.yaml:5:31: facts[half-return].source: refers to source 'example-2024', which "
            "content.yaml:3 removes\n    hint: delete 'example-2024' here, or the 'remove: true' "
            "on content.yaml:3",
        ),
    ],
    ids=["the last journey", "the last stage", "a reference the overlay writes"],
)
def test_what_a_removal_cannot_take_along_is_one_error(tmp_path, overlay, report):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    content = write(tmp_path, "content.yaml", "extends: base.yaml\n" + overlay)
    assert errors_of(content) == report + "\n1 error in the content; nothing was written."


def test_a_removal_that_cannot_be_resolved_names_the_overlay_line_with_a_fix(tmp_path):
    text = "extends: default\nsources:\n  - {id: quaestus-2019, remove: true}\n"
    content = write(tmp_path, "content.yaml", text)
    report = errors_of(content)
    assert report.splitlines()[0] == (
        "content.yaml:3:33: sources[quaestus-2019]: fact 'keeping-costs-less' cites source 'quaestus-2019', "
        "and a fact needs its source"
    )
    assert "default" not in report  # never a line of the base, which the consultant cannot edit
    fix = re.search(r"under 'facts:' in this file write  (- \{.*\})", report).group(1)
    content.write_text(text + "facts:\n  " + fix + "\n", encoding="utf-8")
    playbook = load_content(content)
    assert "quaestus-2019" not in [s.id for s in playbook.sources]
    assert all(term.source != "quaestus-2019" for term in playbook.glossary)


def test_removing_every_stage_of_a_journey_says_to_remove_the_journey(tmp_path):
    write(
        tmp_path,
        "base.yaml",
        (FIXTURES / "small.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "journeys:\n",
            "journeys:\n  - id: other\n    name: Annan\n    summary: Kort.\n    stages:\n"
            "      - {id: only, name: Enda, summary: Kort.}\n",
            1,
        ),
    )
    text = "extends: base.yaml\njourneys:\n  - id: other\n    stages:\n      - {id: only, remove: true}\n"
    content = write(tmp_path, "content.yaml", text)
    report = errors_of(content)
    assert report.splitlines()[0] == (
        "content.yaml:5:28: journeys[other].stages[only]: this removes the last "
        "stage of journey 'other', and a journey needs at least one"
    )
    fix = re.search(r"replace its entry with  (- \{.*\})", report).group(1)
    content.write_text("extends: base.yaml\njourneys:\n  " + fix + "\n", encoding="utf-8")
    assert [j.id for j in load_content(content).journeys] == ["loop", "short"]


def test_duplicate_ids_in_an_overlay_list_name_both_lines(tmp_path):
    text = ACME.replace(
        "      - id: awareness\n",
        "      - id: purchase\n        name: Köp igen\n      - id: awareness\n",
    )
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert (
        "content.yaml:9:13: journeys[customer-journey].stages[purchase].id: duplicate id 'purchase' "
        "in this list (also on line 7)"
    ) in report


def test_placement_keys_are_named_in_the_hint_for_an_overlay_item(tmp_path):
    report = errors_of(
        write(tmp_path, "content.yaml", ACME.replace("after: purchase", "afer: purchase"))
    )
    assert (
        "journeys[customer-journey].stages[onboarding].afer: unknown key 'afer'\n"
        "    hint: did you mean 'after'?" in report
    )
    report = errors_of(
        write(tmp_path, "content.yaml", ACME.replace("after: purchase", "plaats: x"))
    )
    assert (
        "allowed keys here: id, name, summary, description, checklist, prompts, facts, metrics, "
        "corresponds_to, customer_actions, thoughts, emotion, touchpoints, pain_points, "
        "opportunities, after, before, remove" in report
    )


def test_a_placement_key_in_an_item_new_to_the_overlay_says_why_it_cannot_place(tmp_path):
    write(tmp_path, "base.yaml", (FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    content = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - id: new-journey\n    name: Ny\n    summary: Ny resa.\n"
        "    stages:\n      - {id: start, name: Start, summary: Början., after: first}\n",
    )
    assert errors_of(content).splitlines()[:2] == [
        "content.yaml:7:52: journeys[new-journey].stages[start].after: 'after' places an item "
        "among its base's items, but this list has none: the item above it is new to this overlay",
        "    hint: check the id of the stage or journey this item belongs to; if it is meant to "
        "be new, delete 'after' here",
    ]


def test_a_new_stage_one_letter_from_a_base_stage_is_reported_as_a_typo(tmp_path):
    text = ACME.replace(
        "      - id: purchase\n        name: Köp hos Acme\n",
        "      - id: purchse\n        name: Köp hos Acme\n",
    )
    report = errors_of(write(tmp_path, "content.yaml", text))
    assert report.splitlines() == [
        (
            "content.yaml:7:13: journeys[customer-journey].stages[purchse]: the base has no stage 'purchse', "
            "so this is a new stage, which needs 'summary'"
        ),
        "    hint: did you mean 'purchase'?",
        "1 error in the content; nothing was written.",
    ]


def test_a_copied_content_structure_keeps_every_line_and_column(tmp_path):
    # Positions were found by id() of the merged dicts, so any copy lost them all (a KeyError,
    # or the wrong file). They are looked up by content path now (issue #30).
    text = ACME.replace(
        "      - id: purchase\n        name: Köp hos Acme\n",
        "      - id: purchse\n        name: Köp hos Acme\n",
    ).replace("{id: welcome-call,", "{id: Välkommen,")
    overlay = load_with_extends(write(tmp_path, "content.yaml", text), "content.yaml")
    default = (Path(__file__).parents[2] / "content.yaml").read_text(encoding="utf-8")
    awareness = default[: default.index("name:\n          sv: Kännedom\n")].count("\n") + 2
    expected = [
        "content.yaml:7:13: journeys[customer-journey].stages[purchse]: the base has no stage "
        "'purchse', so this is a new stage, which needs 'summary'",
        "content.yaml:19:18: journeys[customer-journey].stages[onboarding].checklist[0].id: "
        "invalid id 'Välkommen': ids use lowercase a-z, digits 0-9 and single hyphens",
    ]
    data = overlay.merged.data
    for copied in (data, copy.deepcopy(data), {**data}, json.loads(json.dumps(data))):
        parsed = dataclasses.replace(overlay.merged, data=copied)
        with pytest.raises(ContentError) as caught:
            validate_data(parsed)
        assert [line for line in str(caught.value).splitlines() if ".yaml:" in line] == expected
        assert parsed.source.locate(("journeys", 0, "stages", 0, "name")) == (
            "default:content.yaml",
            awareness,
            11,
        )


def test_an_entry_after_one_a_removal_took_along_keeps_its_own_column(tmp_path):
    # The list lost 'loop/first', so 'short/mete' moved to index 0; its error once pointed at
    # index 0 of the base's list, i.e. at 'loop/first' (issue #30).
    small = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    write(
        tmp_path, "base.yaml", small.replace("[loop/first, short/meet]", "[loop/first, short/mete]")
    )
    client = write(
        tmp_path,
        "content.yaml",
        "extends: base.yaml\njourneys:\n  - id: loop\n    stages:\n      - {id: first, remove: true}\n",
    )
    line = small[: small.index("[loop/first, short/meet]")].count("\n") + 1
    assert errors_of(client).splitlines()[0] == (
        f"base.yaml:{line}:26: checklists[basics].stages[0]: no stage with id 'short/mete'"
    )


def test_a_new_stage_needs_only_id_name_and_summary(tmp_path):
    text = ACME.replace("        description: {sv: Text., nb: Tekst., en: Text.}\n", "")
    content = write(tmp_path, "content.yaml", text)
    stage = load_content(content).journeys[0].stages[4]
    assert stage.id == "onboarding" and stage.description is None
    from generator.site.render import render

    page = render(load_content(content))[Path("playbook/stages/customer-journey/onboarding.md")]
    assert "# Introduktion" in page and "Nya kunder kommer igång." in page and "None" not in page


def test_a_misspelt_extends_is_reported_once(tmp_path):
    report = errors_of(
        write(tmp_path, "content.yaml", ACME.replace("extends: default", "extend: default"))
    )
    assert report.splitlines() == [
        "content.yaml:1:1: extend: unknown key 'extend'",
        (
            "    hint: did you mean 'extends'? Nothing else was checked: without 'extends' the file would be "
            "read as a whole playbook"
        ),
        "1 error in the content; nothing was written.",
    ]


def test_changing_the_default_text_of_a_base_item_makes_its_translations_stale(tmp_path):
    text = (
        "extends: default\nsite:\n  languages: [{code: nb, default: true}, {code: en}]\n"
        "journeys:\n  - id: customer-journey\n    stages:\n      - id: purchase\n"
        "        name: {nb: Kjøp i butikken}\n"
    )
    content = write(tmp_path, "content.yaml", text)
    result = run_cli("translations", "--strict", "-c", str(content))
    assert result.exit_code == 1
    stale = [line for line in result.output.splitlines() if "translation is stale" in line]
    # The translation is the base's; the line to act on is the overlay's new text.
    assert stale == [
        (
            f"{content}:8:20: journeys[customer-journey].stages[purchase].name: en translation is "
            "stale: its source text changed since it was confirmed"
        )
    ], result.output
    assert run_cli("translations", "confirm", "-c", str(content)).exit_code == 0
    assert run_cli("translations", "--strict", "-c", str(content)).exit_code == 0
    # Changing both languages at once is a translation made together: nothing stale.
    write(
        tmp_path, "content.yaml", text.replace("{nb: Kjøp i butikken}", "{nb: Kjøp, en: Purchase!}")
    )
    (tmp_path / "translations.lock").unlink()
    assert run_cli("translations", "--strict", "-c", str(content)).exit_code == 0


def test_show_prints_the_merged_content_or_the_base_with_where_each_line_came_from(tmp_path):
    import yaml

    from tests.conftest import REPO

    content = write(tmp_path, "content.yaml", ACME)
    shown = run_cli("show", "-c", str(content))
    assert shown.exit_code == 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    merged = load_parsed(content)[1].data
    assert yaml.load(shown.output, Loader=loader) == merged
    lines = shown.output.splitlines()
    assert re.search(
        rf"^          sv: Köp hos Acme +# {re.escape(str(content))}:8$|"
        rf"^        name: Köp hos Acme +# {re.escape(str(content))}:8$",
        shown.output,
        re.MULTILINE,
    ), lines[:80]
    base_lines = (REPO / "content.yaml").read_text(encoding="utf-8").splitlines()
    interest = next(line for line in lines if line.strip().startswith("- id: interest"))
    number = int(interest.rsplit(":", 1)[1])
    assert base_lines[number - 1].strip() == "- id: interest" and "default:content.yaml" in interest

    base = run_cli("show", "--base", "-c", str(content))
    assert base.exit_code == 0
    assert yaml.load(base.output, Loader=loader) == yaml.load(
        (REPO / "content.yaml").read_text(encoding="utf-8"), Loader=loader
    )
    alone = run_cli("show", "--base", "-c", str(REPO / "content.yaml"))
    assert (
        alone.exit_code == 1 and "does not extend a base: there is no base to show" in alone.output
    )


def test_diff_shows_a_changed_list_in_full(tmp_path):
    text = (
        "extends: default\nchecklists:\n  - id: cx-basics\n    stages: [customer-journey/purchase, "
        "customer-journey/after-purchase, customer-journey/ambassador, six-phases/decision, "
        "six-phases/service]\n"
    )
    lines = diff_of(write(tmp_path, "content.yaml", text))
    line = next(line for line in lines if line.startswith("~ checklists[cx-basics].stages"))
    assert line.endswith(
        '"six-phases/service", "purchase-process/purchase"] → ["customer-journey/purchase", '
        '"customer-journey/after-purchase", "customer-journey/ambassador", '
        '"six-phases/decision", "six-phases/service"]'
    )


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


@pytest.mark.parametrize(
    "base, message",
    [
        ("/etc/passwd", "must be a .yaml or .yml content file"),
        ("../outside/content.yaml", "outside this project"),
        (".git/config.yaml", "inside .git/"),
    ],
)
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


@pytest.mark.parametrize("value", ['"yes"', "1", "false", '"true"'])
def test_remove_must_be_true_not_something_that_looks_like_it(tmp_path, value):
    # Anything but true was ignored, and the stage silently stayed (issue #12).
    text = f"extends: default\njourneys:\n  - id: customer-journey\n    stages:\n      - {{id: interest, remove: {value}}}\n"
    report = errors_of(write(tmp_path, "content.yaml", text))
    shown = value.strip('"') if value != "false" else "False"
    assert report.startswith(
        f"content.yaml:5:32: journeys[customer-journey].stages[interest].remove: 'remove' must "
        f"be true, not '{shown}'\n"
    ), report
