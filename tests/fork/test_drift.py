"""Upstream drift: an overridden base text that changes later is reported, and a text
that was never accepted is pointed out instead of silently unguarded."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, run_cli


def test_an_unaccepted_override_is_pointed_out_then_drift_is_reported(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text((FIXTURES / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    client = tmp_path / "content.yaml"
    client.write_text("extends: base.yaml\nsite:\n  title: {nb: Kundens reise}\n", encoding="utf-8")

    first = run_cli("validate", "-c", str(client))
    assert first.exit_code == 0
    assert "1 overridden text(s) have no accepted base value yet" in first.stderr
    assert "site.title.nb" in first.stderr

    assert run_cli("diff", "--accept", "-c", str(client)).exit_code == 0
    quiet = run_cli("validate", "-c", str(client))
    assert "overridden" not in quiet.stderr and "upstream changed" not in quiet.stderr

    base.write_text(
        base.read_text(encoding="utf-8").replace("nb: Liten reise", "nb: Lita reise"),
        encoding="utf-8",
    )
    later = run_cli("validate", "-c", str(client))
    assert "warning: upstream changed site.title.nb" in later.stderr


LONG_OLD = (
    "En lång beskrivning av resan som fortsätter långt efter sextio tecken, så att den kortas."
)
LONG_NEW = "Kort sagt: " + LONG_OLD.replace("kortas.", "kortas av – men inte med --full.")


def test_diff_full_shows_whole_texts_and_the_accepted_base_text_of_a_drifted_value(tmp_path):
    # Issue #27: diff cut texts at about 55 characters and could not show what a drifted
    # base text was when it was accepted.
    base = tmp_path / "base.yaml"
    small = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    base.write_text(small.replace("sv: Liten resa,", f'sv: "{LONG_OLD}",'), encoding="utf-8")
    client = tmp_path / "content.yaml"
    client.write_text(
        f'extends: base.yaml\nsite:\n  title: {{sv: "{LONG_NEW}"}}\n', encoding="utf-8"
    )
    short = run_cli("diff", "-c", str(client))
    assert short.exit_code == 0
    assert short.stdout == (
        f"~ site.title.sv: {json_quoted(LONG_OLD)[:57]}… → {json_quoted(LONG_NEW)[:57]}…\n"
    )
    full = run_cli("diff", "--full", "-c", str(client))
    assert full.stdout.splitlines()[:3] == [
        "~ site.title.sv",
        f"    was: {json_quoted(LONG_OLD)}",
        f"    now: {json_quoted(LONG_NEW)}",
    ]
    assert run_cli("diff", "--accept", "-c", str(client)).exit_code == 0
    lock = json.loads((tmp_path / "upstream.lock").read_text(encoding="utf-8"))
    assert lock["base_texts"] == {"site.title.sv": LONG_OLD}

    upstream = LONG_OLD.replace("resan", "kundresan")
    base.write_text(small.replace("sv: Liten resa,", f'sv: "{upstream}",'), encoding="utf-8")
    drifted = run_cli("diff", "--full", "-c", str(client)).stdout.splitlines()
    assert drifted[-4:] == [
        "! upstream changed site.title.sv since you accepted it",
        f"    base then: {json_quoted(LONG_OLD)}",
        f"    base now:  {json_quoted(upstream)}",
        f"    yours:     {json_quoted(LONG_NEW)}",
    ]
    assert run_cli("diff", "-c", str(client)).stdout.splitlines()[-1] == (
        "! upstream changed site.title.sv since you accepted it"
    )


def test_an_upstream_lock_without_base_texts_still_reads(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text((FIXTURES / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    client = tmp_path / "content.yaml"
    client.write_text("extends: base.yaml\nsite:\n  title: {nb: Kundens reise}\n", encoding="utf-8")
    (tmp_path / "upstream.lock").write_text(
        '{"comment": "old", "base_values": {"site.title.nb": "000000000000"}}\n', encoding="utf-8"
    )
    result = run_cli("diff", "--full", "-c", str(client))
    assert result.exit_code == 0
    assert "    base then: (not recorded)" in result.stdout.splitlines()


def json_quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
