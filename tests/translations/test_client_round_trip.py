"""A Danish client of a base in sv, nb and en translates through spreadsheets (issue #27).

The base is the small fixture, which has no Danish: the client's Danish texts are
translated from the English ones its pages show meanwhile. Each translation is recorded
against that English text, so the base changing it marks the Danish stale; a proofreading
row is an edit of the overlay; a cell Danish Excel turned into #NAVN? is refused with its
row and column while the other rows are imported.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.site.spreadsheet import cell_problem
from tests.conftest import FIXTURES
from tests.conftest import run_cli as run

LOOP = "journeys[loop].name"
FIRST = "journeys[loop].stages[first].name"
FIRST_SUMMARY = "journeys[loop].stages[first].summary"
FIRST_DESCRIPTION = "journeys[loop].stages[first].description"


def _client(tmp_path: Path, languages: str) -> Path:
    folder = tmp_path / "client"
    folder.mkdir()
    # The small fixture, with every text in sv, nb and en (a Danish site shows English).
    base = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("{sv: Följ upp, nb: Følg opp}", "{sv: Följ upp, nb: Følg opp, en: Follow up}"),
        ("summary: Bara på svenska.", "summary: {sv: Bara på svenska., en: Only Swedish.}"),
        ("description: Bara svenska här.", "description: {sv: Bara svenska., en: Swedish.}"),
    ):
        assert old in base
        base = base.replace(old, new)
    (folder / "base.yaml").write_text(base, encoding="utf-8")
    made = run(
        "init",
        str(folder),
        "--name",
        "Kunde ApS",
        "--languages",
        languages,
        "--extends",
        str(folder / "base.yaml"),
        "--package",
        "",
    )
    assert made.exit_code == 0, made.output
    return folder / "content.yaml"


def _export(content: Path, language: str) -> list[list[str]]:
    table = content.parent / f"{language}.csv"
    result = run("translations", "export", "--lang", language, "-o", str(table), "-c", str(content))
    assert result.exit_code == 0, result.output
    with table.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def _as_danish_excel_saves(rows: list[list[str]], path: Path) -> Path:
    """Semicolons, Windows-1252, CRLF between rows (Excel's plain "CSV" on Danish Windows)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def _edit_base(content: Path, old: str, new: str) -> None:
    base = content.parent / "base.yaml"
    text = base.read_text(encoding="utf-8")
    assert old in text
    base.write_text(text.replace(old, new, 1), encoding="utf-8")


def _stale(content: Path) -> list[str]:
    report = run("translations", "-c", str(content))
    assert report.exit_code == 0, report.output
    return [line for line in report.output.splitlines() if "translation is stale" in line]


def _lock(content: Path) -> dict:
    return json.loads((content.parent / "translations.lock").read_text(encoding="utf-8"))


def test_a_danish_excel_csv_imports_what_is_valid_and_an_english_change_marks_danish_stale(
    tmp_path,
):
    content = _client(tmp_path, "da,en")
    rows = _export(content, "da")
    assert rows[0] == ["sti", "sprog", "status", "kildesprog", "kildetekst", "oversættelse"]
    by_path = {row[0]: row for row in rows[1:]}
    assert by_path[LOOP][2:] == ["oversæt", "en", "The loop", ""]
    assert by_path["site.title"][2:4] == ["korrekturlæs", "da"]

    # A first batch, translated from the English the pages show.
    first = [rows[0], [*by_path[LOOP][:5], "Løkken"], [*by_path[FIRST][:5], "Første"]]
    done = run(
        "translations", "import", str(_as_danish_excel_saves(first, tmp_path / "1.csv")),
        "-c", str(content),
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert _lock(content)["version"] == 2
    assert _lock(content)["confirmed"][f"{LOOP} da"].startswith("en:")
    assert _stale(content) == []

    # The base's English changes: the Danish translated from it is stale, and says where.
    _edit_base(content, "en: The loop}", 'en: "The loop, again"}')
    stale = _stale(content)
    assert len(stale) == 1 and f": {LOOP}: da translation is stale" in stale[0], stale

    # The translator's second file, as Danish Excel saves it.
    rows = _export(content, "da")
    by_path = {row[0]: row for row in rows[1:]}
    assert by_path[LOOP][2:] == ["forældet", "en", "The loop, again", "Løkken"]
    title = by_path["site.title"]
    assert title[2:] == ["korrekturlæs", "da", *["{client} – kunderejsen"] * 2]
    second = [
        rows[0],
        [*by_path[LOOP][:5], "Løkken, igen"],  # 2: the stale row, translated again
        [*title[:5], "{client} – kunderejsen, rettet"],  # 3: proofreading
        [*by_path[FIRST_DESCRIPTION][:5], "Her **begynder** det.\nKundens første møde."],  # 4
        [*by_path[FIRST_SUMMARY][:5], "#NAVN?"],  # 5: what Excel made of "- Begyndelsen …"
    ]
    table = _as_danish_excel_saves(second, tmp_path / "2.csv")
    result = run("translations", "import", str(table), "-c", str(content))
    assert result.exit_code == 1
    assert "Imported 3 translations" in result.stdout
    assert "(read " + str(table) + " as Windows-1252, ';' between cells)" in result.stdout
    assert result.stderr.splitlines()[0] == (
        f"{table}: row 5: {FIRST_SUMMARY}: row 5, column F (translation) holds the spreadsheet "
        "error value '#NAVN?', not a text: the spreadsheet could not compute what was typed "
        "there (a text starting with '=', '-' or '+' is read as a formula); type the text "
        "again with an apostrophe in front ('- …)"
    )
    assert result.stderr.splitlines()[-1].startswith("1 row not imported (listed above)")

    written = content.read_text(encoding="utf-8")
    assert '    da: "{client} – kunderejsen, rettet"\n' in written
    assert "description:\n          da: |-\n            Her **begynder** det.\n" in written
    assert "#NAVN?" not in written
    assert _stale(content) == []

    # A later change to the English source marks the Danish text stale again.
    _edit_base(content, 'en: "Here it **starts**."', 'en: "Here it all **starts**."')
    stale = _stale(content)
    assert len(stale) == 1 and f": {FIRST_DESCRIPTION}: da translation is stale" in stale[0]


def test_proofreading_the_bases_own_default_language_is_refused_row_by_row(tmp_path):
    # sv is the default of the client and of its base: a spreadsheet does not change it
    # (every translation is checked against it); the other rows still import.
    content = _client(tmp_path, "sv,en")
    with content.open("a", encoding="utf-8") as stream:  # the base's en "First" is now stale
        stream.write(
            "journeys:\n  - id: loop\n    stages:\n      - id: first\n"
            "        name: {sv: Första steget}\n"
        )
    table = tmp_path / "sv.csv"
    table.write_text(
        "\ufeffsökväg;språk;status;källspråk;källtext;översättning\n"
        "site.description;sv;korrekturläs;sv;En testresa med å ä ö.;En annan testresa\n"
        f"{FIRST};en;föråldrad;sv;Första steget;The first step\n",
        encoding="utf-8",
    )
    result = run("translations", "import", str(table), "-c", str(content))
    assert result.exit_code == 1
    assert "Imported 1 translations" in result.stdout
    assert result.stderr.splitlines()[0].startswith(
        f"{table}: row 2: site.description: a proofreading change to 'sv', the default "
        "language of this content and its base, is not imported from a spreadsheet: every "
        "translation is checked against it, so edit it in "
    )
    written = content.read_text(encoding="utf-8")
    assert "En annan testresa" not in written and "The first step" in written


EXCEL_ERROR_VALUES = [
    # The ones each of the tool's languages' Excel writes, and the newer ones.
    "#NAME?", "#NAVN?", "#NAMN?", "#NIMI?", "#VALUE!", "#VÄRDEFEL!", "#VÆRDI!", "#VERDI!",
    "#ARVO!", "#WERT!", "#DIV/0!", "#DIVISION/0!", "#JAKO/0!", "#REF!", "#REFERENS!",
    "#REFERENCE!", "#VIITTAUS!", "#BEZUG!", "#N/A", "#PUUTTUU!", "#SAKNAS!", "I/T", "#I/T",
    "#NV", "#NUM!", "#TAL!", "#OGILTIGT!", "#LUKU!", "#ZAHL!", "#NULL!", "#NUL!",
    "#SKÄRNING!", "#TYHJÄ!", "#SPILL!", "#ÜBERLAUF!", "#CALC!", "#KALK!", "#FIELD!",
    "#GETTING_DATA", "Err:502", " #NAVN? ",
]  # fmt: skip


@pytest.mark.parametrize("value", EXCEL_ERROR_VALUES)
def test_every_excel_error_value_is_refused(value):
    assert cell_problem(value) is not None


@pytest.mark.parametrize(
    "value", ["=SUM(A1:A3)", "=A1", "+A1", "-B2*2", "@SUMME(A1)", '=HYPERLINK("x")']
)
def test_a_formula_remnant_is_refused(value):
    assert (cell_problem(value) or "").startswith("holds a formula")


@pytest.mark.parametrize(
    "value",
    [
        "- første skridt",
        "-20 % rabat",
        "+46 8 123 45",
        "#1 hos kunden",
        "Hej #NAVN?",
        "I/T-afdelingen",
        "'=SUM(A1)",  # guarded by the export: restored to text, never a formula
        "Kundens #hashtag!",
        "Æ, ø og å",
    ],
)
def test_texts_that_only_look_like_it_are_kept(value):
    assert cell_problem(value) is None


def test_an_excel_error_in_the_source_column_is_named_with_its_column(tmp_path):
    content = _client(tmp_path, "da,en")
    table = tmp_path / "da.csv"
    table.write_text(
        f"path;language;source;translation\n{LOOP};da;#VÆRDI!;Løkken\n", encoding="utf-8"
    )
    result = run("translations", "import", str(table), "-c", str(content))
    assert result.exit_code == 1
    assert f"{table}: row 2: {LOOP}: row 2, column C (source) holds the spreadsheet error " in (
        result.output
    )


def test_a_multi_line_source_survives_the_spreadsheet_without_going_stale(tmp_path):
    # A Markdown source in a YAML block ends with a line break, which no spreadsheet cell
    # keeps: the translation is still recorded against that text, not reported stale.
    content = _client(tmp_path, "da,en")
    _edit_base(
        content,
        'en: "Here it **starts**."',
        "en: |\n            Here it **starts**.\n\n            A second paragraph.",
    )
    rows = _export(content, "da")
    row = next(r for r in rows if r[0] == FIRST_DESCRIPTION)
    assert row[4] == "Here it **starts**.\n\nA second paragraph.\n"
    table = _as_danish_excel_saves(
        [rows[0], [*row[:4], row[4].strip(), "Her **begynder** det.\n\nEt afsnit mere."]],
        tmp_path / "da.csv",
    )
    result = run("translations", "import", str(table), "-c", str(content))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no "its source text changed" warning
    assert _stale(content) == []
