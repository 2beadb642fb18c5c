"""Translator round trip: missing texts out to CSV, translations back into the YAML."""

from __future__ import annotations

import csv
import io

from tests.conftest import FIXTURES
from tests.conftest import run_cli as run


def test_export_lists_missing_texts_with_source(small_project, tmp_path):
    out = tmp_path / "en.csv"
    assert run("translations", "-c", str(small_project), "export", "--lang", "en", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["path"], r["source"], r["translation"]) for r in rows] == [
        ("journeys[loop].stages[second].summary", "Bara på svenska.", ""),
        ("journeys[loop].stages[second].description", "Bara svenska här.", ""),
        ("journeys[loop].stages[second].checklist[follow-up].text", "Följ upp", ""),
    ]


def test_import_changes_only_the_translated_values_and_keeps_comments(small_project, tmp_path):
    original = "# A comment the translator must not lose.\n" + small_project.read_text(encoding="utf-8")
    small_project.write_text(original, encoding="utf-8")
    table = tmp_path / "en.csv"
    table.write_text(
        "path,language,source,translation\n"
        "journeys[loop].stages[second].summary,en,Bara på svenska.,Only in Swedish – å ø.\n"
        "journeys[loop].stages[second].checklist[follow-up].text,en,Följ upp,Follow up\n"
        "journeys[loop].stages[second].description,en,Bara svenska här.,\n",
        encoding="utf-8",
    )
    result = run("translations", "-c", str(small_project), "import", str(table))
    assert result.exit_code == 0 and "Imported 2 translations" in result.output
    before, after = original.splitlines(), small_project.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert len(before) == len(after) and changed == [
        ("        summary: Bara på svenska.", "        summary: {sv: Bara på svenska., en: Only in Swedish – å ø.}"),
        ("            text: {sv: Följ upp, nb: Følg opp}",
         "            text: {sv: Följ upp, nb: Følg opp, en: Follow up}"),
    ]
    report = run("translations", "-c", str(small_project))
    assert "summary: missing en" not in report.output and "stale" not in report.output


def test_round_trip_without_translations_is_lossless(small_project, tmp_path):
    before = small_project.read_bytes()
    table = tmp_path / "empty.csv"
    run("translations", "-c", str(small_project), "export", "--lang", "nb", "-o", str(table))
    assert run("translations", "-c", str(small_project), "import", str(table)).exit_code == 0
    assert small_project.read_bytes() == before


def test_import_into_an_overlay_adds_an_override(tmp_path):
    (tmp_path / "base.yaml").write_text((FIXTURES / "small.yaml").read_text(encoding="utf-8"), "utf-8")
    client = tmp_path / "content.yaml"
    client.write_text("# Client overlay\nextends: base.yaml\n", encoding="utf-8")
    table = tmp_path / "nb.csv"
    table.write_text("path,language,source,translation\n"
                     "journeys[loop].stages[second].summary,nb,Bara på svenska.,Bare på svensk.\n",
                     encoding="utf-8")
    assert run("translations", "-c", str(client), "import", str(table)).exit_code == 0
    text = client.read_text(encoding="utf-8")
    assert text.startswith("# Client overlay\nextends: base.yaml\n")
    assert "nb: Bare på svensk." in text
    assert (tmp_path / "base.yaml").read_text(encoding="utf-8") == (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    from generator.loader import load_content

    playbook = load_content(client)
    assert playbook.journeys[0].stages[1].summary.get("nb") == "Bare på svensk."
    assert playbook.journeys[0].stages[1].summary.get("sv") == "Bara på svenska."
