"""Coverage, staleness and the CSV round trip in languages beyond sv, nb and en (issue #18):
a Danish client of the Swedish default playbook fills in its Danish texts through a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import run_cli as run


def _client(tmp_path: Path, languages: str) -> Path:
    result = run(
        "init", str(tmp_path), "--name", "Kunde", "--languages", languages, "--package", ""
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "content.yaml"


def test_a_danish_client_fills_its_default_texts_through_a_csv(tmp_path):
    content = _client(tmp_path, "da,en")
    before = run("translations", "-c", str(content)).output
    assert "en  100.0 %" in before and "(default)" in before
    assert "missing da translation (the page shows another language)" in before

    exported = run(
        "translations", "export", "--lang", "da", "-o", str(tmp_path / "da.csv"), "-c", str(content)
    )
    assert exported.exit_code == 0, exported.output
    with (tmp_path / "da.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))  # Danish Excel: ';' and Danish headings
    assert rows[0] == ["sti", "sprog", "kildetekst", "oversættelse"]
    name = "journeys[customer-journey].stages[awareness].name"
    row = next(r for r in rows if r[0] == name)
    assert row[2] == "Awareness", "the source is the text the page shows: the English one"
    row[3] = "Kendskab – æ ø å"
    with (tmp_path / "back.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([rows[0], row])

    imported = run("translations", "import", str(tmp_path / "back.csv"), "-c", str(content))
    assert imported.exit_code == 0, imported.output
    assert "name: {da: Kendskab – æ ø å}" in content.read_text(encoding="utf-8")
    after = run("translations", "-c", str(content)).output
    assert _count(after, "da") == _count(before, "da") + 1


def test_a_default_text_that_exists_still_cannot_change_through_a_csv(tmp_path):
    content = _client(tmp_path, "da,en")
    (tmp_path / "back.csv").write_text(
        "path;language;source;translation\nsite.title;da;x;Noget andet\n", encoding="utf-8"
    )
    result = run("translations", "import", str(tmp_path / "back.csv"), "-c", str(content))
    assert result.exit_code == 1
    assert "'da' is the default language, which a CSV cannot change" in result.output


def test_nynorsk_client_reports_bokmal_from_the_base_as_translated(tmp_path):
    content = _client(tmp_path, "nn,nb")
    report = run("translations", "-c", str(content)).output
    assert "nb  100.0 %" in report
    assert "missing nn translation" in report


def _count(report: str, language: str) -> int:
    line = next(line for line in report.splitlines() if line.startswith(f"{language} "))
    return int(line.split("(")[1].split("/")[0])
