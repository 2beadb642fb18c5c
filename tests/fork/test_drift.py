"""Upstream drift: an overridden base text that changes later is reported, and a text
that was never accepted is pointed out instead of silently unguarded."""

from __future__ import annotations

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
