"""Coverage, staleness and the CSV round trip in languages beyond sv, nb and en (issue #18):
a Danish client of a Swedish base without Danish fills in its Danish texts through a CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

from generator.translations.coverage import source_hash
from tests.conftest import run_cli as run
from tests.offered import base_in_sv_nb_en


def _client(tmp_path: Path, languages: str) -> Path:
    # A base in sv, nb and en only: the default playbook itself has all seven (issue #28).
    base = base_in_sv_nb_en(tmp_path / "client" / "base")
    result = run(
        "init", str(tmp_path / "client"), "--name", "Kunde", "--extends", str(base),
        "--languages", languages, "--package", "",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return tmp_path / "client" / "content.yaml"


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
    assert rows[0] == ["sti", "sprog", "status", "kildesprog", "kildetekst", "oversættelse"]
    name = "journeys[customer-journey].stages[awareness].name"
    row = next(r for r in rows if r[0] == name)
    assert row[2:5] == ["oversæt", "en", "Awareness"], "the source is what the page shows"
    row[5] = "Kendskab – æ ø å"
    with (tmp_path / "back.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([rows[0], row])

    imported = run("translations", "import", str(tmp_path / "back.csv"), "-c", str(content))
    assert imported.exit_code == 0, imported.output
    assert "name: {da: Kendskab – æ ø å}" in content.read_text(encoding="utf-8")
    after = run("translations", "-c", str(content)).output
    assert _count(after, "da") == _count(before, "da") + 1


def test_proofreading_a_clients_own_language_edits_the_overlay(tmp_path):
    # The base (the Swedish default playbook) lacks Danish: the client's Danish texts are
    # its own, so a proofreader's change to one is an edit of the overlay (issue #27).
    content = _client(tmp_path, "da,en")
    table = tmp_path / "da.csv"
    exported = run("translations", "export", "--lang", "da", "-o", str(table), "-c", str(content))
    assert exported.exit_code == 0, exported.output
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    title = next(row for row in rows if row[0] == "site.title")
    assert title == ["site.title", "da", "korrekturlæs", "da", *["{client} – kunderejsen"] * 2]
    title[5] = "{client} – kunderejsen, æ ø å"
    with table.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([rows[0], title])
    result = run("translations", "import", str(table), "-c", str(content))
    assert result.exit_code == 0, result.output
    assert '    da: "{client} – kunderejsen, æ ø å"\n' in content.read_text(encoding="utf-8")


def test_nynorsk_client_reports_bokmal_from_the_base_as_translated(tmp_path):
    content = _client(tmp_path, "nn,nb")
    report = run("translations", "-c", str(content)).output
    assert "nb  100.0 %" in report
    assert "missing nn translation" in report


def _count(report: str, language: str) -> int:
    line = next(line for line in report.splitlines() if line.startswith(f"{language} "))
    return int(line.split("(")[1].split("/")[0])


NAME = "journeys[loop].stages[first].name"
LOOP = "journeys[loop].summary"


def test_a_playbook_that_extends_none_takes_texts_in_languages_it_does_not_build(
    small_project, tmp_path
):
    # The default playbook holds da, fi, nn and de for its clients while its own site stays
    # sv, nb, en (issue #28). The translators worked from the English: each text is recorded
    # against the English it was translated from, and a language no interface speaks is
    # refused by name.
    table = tmp_path / "da.csv"
    rows = [
        ["sti", "sprog", "kildetekst", "oversættelse"],
        [NAME, "da", "First", "Første – æ ø å"],
        [LOOP, "da", "Goes round.", "Går den rundt?"],
        [NAME, "fr", "First", "Premier"],
    ]
    with table.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    result = run("translations", "import", str(table), "-c", str(small_project))
    assert result.exit_code == 1, result.output
    assert (
        f"{table}: row 4: {NAME}: 'fr' is not a language of this playbook "
        "(use one of sv, nb, en, da, de, fi, nn)"
    ) in result.output
    written = small_project.read_text(encoding="utf-8")
    assert "- {code: en}\njourneys:" in written, "the site's languages stay as they were"
    assert "name: {sv: Första, nb: Første, en: First, da: Første – æ ø å}" in written
    line = next(line for line in written.splitlines() if "Går den rundt?" in line)
    assert (
        line
        == '    summary: {sv: Går runt., nb: Går rundt., en: Goes round., da: "Går den rundt?"}'
    )
    # Pure-Python PyYAML reads it (a plain '?' inside {…} it cannot).
    assert yaml.load(line, Loader=yaml.SafeLoader)["summary"]["da"] == "Går den rundt?"
    lock = json.loads((small_project.parent / "translations.lock").read_text(encoding="utf-8"))
    assert lock["confirmed"][f"{NAME} da"] == "en:" + source_hash("First")

    report = run("translations", "-c", str(small_project)).output
    lines = [line for line in report.splitlines() if line[:3] in ("en ", "da ", "fi ")]
    assert lines[0].startswith("en  ") and lines[1].startswith("da    4.0 %  (2/50)  left: 48")
    assert len(lines) == 2, "a language without a single text is not reported"
    assert f"{NAME}: missing da translation" not in report
    assert "missing da translation" in report
