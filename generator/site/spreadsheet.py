"""CSV as spreadsheets write and read it, Nordic Excel included.

Writing: a byte-order mark (Excel reads UTF-8 only with one), the delimiter
Excel expects in the file's language (``;`` where the decimal comma is used),
headers in that language, and every cell that a spreadsheet would run as a
formula neutralised with a leading apostrophe (see ``neutralise``).

Reading: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode
text"), otherwise Windows-1252 (what Excel's plain "CSV" writes on Nordic
Windows); the delimiter is read off the header row; headers are accepted in
any of the tool's languages. Every problem is a ``CsvError`` naming the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.bounded_read import UnreadableFile, read_bounded
from generator.content.source import MAX_FILE_BYTES
from generator.errors import GeneratorError
from generator.site.ui import CSV_DELIMITER, UI_LANGUAGES, UI_TEXT

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets."""


DELIMITERS = {",": ",", ";": ";", "tab": "\t"}
"""Values of the --delimiter option, and the character each stands for."""

BOM = "\ufeff"


class CsvError(GeneratorError):
    """Raised when a CSV file cannot be read: encoding, empty, header or a row."""


def neutralise(cell: str) -> str:
    """Make ``cell`` safe to open in a spreadsheet: '=1+2' becomes "'=1+2".

    A leading apostrophe keeps the text visible and stops the formula. Reversed by
    ``restore``; a text that itself starts with an apostrophe and a formula
    character gets a second one, so the round trip is exact.
    """
    return "'" + cell if _guarded(cell) else cell


def _guarded(cell: str) -> bool:
    return cell.lstrip("'").startswith(FORMULA_START)


def restore(cell: str) -> str:
    """Undo ``neutralise``: "'=1+2" becomes '=1+2'; any other text is returned as it is."""
    if cell[:1] == "'" and neutralise(cell[1:]) == cell:
        return cell[1:]
    return cell


def default_delimiter(language: str) -> str:
    """';' for languages whose Excel uses the decimal comma, ',' otherwise: each language's
    interface text file says which (``csv_delimiter``)."""
    return CSV_DELIMITER.get(language, ",")


def header(column: str, language: str) -> str:
    """The heading of ``column`` in ``language`` (e.g. 'translation' -> 'oversettelse')."""
    return UI_TEXT[f"csv_{column}"][language]


_STATUS_TEXT = {
    "translate": "csv_status_translate",
    "proofread": "csv_status_proofread",
    "stale": "csv_status_stale",
}


def status_label(status: str, language: str) -> str:
    """A translation row's status in ``language``: 'translate' -> 'oversæt' in Danish."""
    return UI_TEXT[_STATUS_TEXT[status]][language]


def write_table(columns: list[str], rows, language: str, delimiter: str | None = None) -> str:
    """CSV text with a BOM, headers in ``language`` and every cell neutralised."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(
        buffer, delimiter=delimiter or default_delimiter(language), lineterminator="\n"
    )
    writer.writerow([header(column, language) for column in columns])
    writer.writerows([neutralise(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


@dataclass
class Table:
    """A CSV file read back: rows keyed by column name, with their spreadsheet row number."""

    path: Path
    encoding: str
    delimiter: str
    rows: list[tuple[int, dict[str, str]]]
    raw: dict[int, dict[str, str]]
    """Each row's cells as the file holds them, before ``restore``: a formula remnant shows
    only there (an unguarded '=…')."""
    letters: dict[str, str]
    """Each column's letter as a spreadsheet shows it ('A', 'B', …)."""
    columns: dict[str, int] = field(default_factory=dict)
    """Each column found -> its position in the header row (0-based)."""

    def cell(self, row: int, column: str) -> str:
        """'row 4, column D (translation)': where a person finds a cell in a spreadsheet."""
        return f"row {row}, column {self.letters[column]} ({column})"


# What Excel shows, and saves into a CSV, in place of a value it could not compute: per
# language of the tool, as each language's Excel names them (a Danish Excel saves a cell
# typed as "- first step" as #NAVN?). Newer errors (#SPILL!, #CALC!, ...) have further local
# names; ``cell_problem`` also refuses any cell of that shape: '#', capitals, then ! or ?.
EXCEL_ERRORS = frozenset(
    {
        # English (and Excel's names in every language for these)
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
        "#PYTHON!", "#EXTERNAL!", "#ERROR!",
        # Swedish
        "#SKÄRNING!", "#DIVISION/0!", "#VÄRDEFEL!", "#REFERENS!", "#NAMN?", "#OGILTIGT!",
        "#SAKNAS!", "#BERÄKNA!", "#FÄLT!",
        # Danish
        "#NUL!", "#VÆRDI!", "#REFERENCE!", "#NAVN?", "#I/T", "I/T", "#TAL!", "#SPILD!",
        "#BEREGN!", "#FELT!",
        # Norwegian (Bokmål and Nynorsk share Excel's Norwegian)
        "#VERDI!", "#TOM!", "#SØL!", "#BEREGNING!",
        # Finnish
        "#TYHJÄ!", "#JAKO/0!", "#ARVO!", "#VIITTAUS!", "#NIMI?", "#LUKU!", "#PUUTTUU!",
        "#PUUTTUU", "#LEVIÄMINEN!", "#LASKENTA!", "#KENTTÄ!",
        # German
        "#WERT!", "#BEZUG!", "#ZAHL!", "#NV", "#ÜBERLAUF!", "#KALK!", "#FELD!",
        "#DATEN_ABRUFEN",
    }
)  # fmt: skip
_ERROR_SHAPE = re.compile(r"^#[^\W\d_][\w/.]*[!?]$")
_LIBREOFFICE_ERROR = re.compile(r"^Err:\d{3}$")
# A formula a spreadsheet saved as its text: '=' first, or + - @ before a function call or a
# cell reference. The export writes every such cell with a leading apostrophe, so the file
# never holds one unguarded unless a spreadsheet put it there.
_FORMULA = re.compile(r"^(?:=|[+\-@]\s*(?:[^\W\d][\w.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b))")


def cell_problem(raw: str) -> str | None:
    """Why a cell as the file holds it is not text a person wrote, or None.

    An Excel error value (``#NAVN?``, ``#VALUE!``, ``#I/T``, in any of the tool's
    languages) or a formula remnant (``=SUM(A1)``, ``+A1``).
    """
    text = raw.strip()
    if (
        text in EXCEL_ERRORS
        or _LIBREOFFICE_ERROR.match(text)
        or (_ERROR_SHAPE.match(text) and text[1:-1] == text[1:-1].upper())
    ):
        return (
            f"holds the spreadsheet error value {text!r}, not a text: the spreadsheet could "
            "not compute what was typed there (a text starting with '=', '-' or '+' is read "
            "as a formula); type the text again with an apostrophe in front ('- …)"
        )
    if _FORMULA.match(raw):
        return (
            f"holds a formula ({text[:40]!r}), not a text: save the file with the values, "
            "or put an apostrophe in front if the text itself starts so ('=…)"
        )
    return None


def read_table(
    path: Path,
    columns: list[str],
    *,
    name: str | None = None,
    optional: tuple[str, ...] = (),
    exported_by: str = "playbook translations export",
) -> Table:
    """Read ``path``, find ``columns`` by their heading in any language; restore every cell.

    Row numbers count the header as row 1, as a spreadsheet shows them. A column in
    ``optional`` may be missing (a file exported before it existed); its cells are then ''
    (``Table.columns`` tells which were found). ``exported_by`` names the command whose
    file this is, for the hints.
    """
    name = name or str(path)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        raise CsvError(f"{name}: the file {error.reason}; name a CSV file") from None
    except OSError as error:
        raise CsvError(f"{name}: cannot read the file ({error.strerror})") from None
    text, encoding = _decode(raw, name)
    if not text.strip():
        raise CsvError(f"{name}: the file is empty; export it again with '{exported_by}'")
    delimiter = _delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        head = next(records)
        body = [(number, record) for number, record in enumerate(records, start=2)]
    except csv.Error as error:
        raise CsvError(f"{name}: not a readable CSV file ({error})") from None
    index = _columns(head, columns, name, optional, exported_by)
    rows: list[tuple[int, dict[str, str]]] = []
    cells_as_read: dict[int, dict[str, str]] = {}
    for number, record in body:
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets add empty rows (';;;') at the end
        cells = {column: _cell(record, i) for column, i in index.items()}
        cells.update({column: "" for column in optional if column not in index})
        rows.append((number, cells))
        cells_as_read[number] = {
            column: record[i] if i < len(record) else "" for column, i in index.items()
        }
    letters = {column: _letter(position) for column, position in index.items()}
    return Table(path, encoding, delimiter, rows, cells_as_read, letters, index)


def _letter(position: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': a spreadsheet's column letters."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(record: list[str], position: int) -> str:
    # Excel writes a line break inside a cell as CRLF in some versions: keep one kind.
    return restore(record[position]).replace("\r\n", "\n") if position < len(record) else ""


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise CsvError(
                f"{name}: the file says it is UTF-16 but cannot be decoded; "
                "save it again as 'CSV UTF-8'"
            ) from None
    if b"\x00" in raw:
        raise CsvError(
            f"{name}: the file holds NUL bytes, so it is not a CSV text file "
            "(UTF-16 without a byte-order mark?); save it as 'CSV UTF-8'"
        )
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # What Excel's plain "CSV (semicolon/comma separated)" writes on Nordic Windows.
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CsvError(
            f"{name}: the file is neither UTF-8 nor Windows-1252 (byte 0x{raw[error.start]:02x} "
            f"on line {line}); save it as 'CSV UTF-8'"
        ) from None


def _delimiter(text: str) -> str:
    """The delimiter of the header row: the most frequent of ';', ',' and tab there."""
    first = text.splitlines()[0] if text else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _columns(
    head: list[str],
    wanted: list[str],
    name: str,
    optional: tuple[str, ...] = (),
    exported_by: str = "playbook translations export",
) -> dict[str, int]:
    every = [*wanted, *optional]
    names = {column: {v.casefold() for v in UI_TEXT[f"csv_{column}"].values()} for column in every}
    found: dict[str, int] = {}
    for position, cell in enumerate(head):
        label = restore(cell).strip().casefold()
        for column, labels in names.items():
            if label in labels:
                if column in found:
                    raise CsvError(
                        f"{name}:1: the column '{cell.strip()}' appears twice in the header row"
                    )
                found[column] = position
    missing = [column for column in wanted if column not in found]
    if missing:
        shown = ", ".join(repr(cell.strip()) for cell in head if cell.strip()) or "nothing"
        needed = ", ".join(header(column, "en") for column in wanted)
        raise CsvError(
            f"{name}:1: the header row lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(header(m, 'en')) for m in missing)} (found {shown}); "
            f"it needs {needed}, in any of {', '.join(UI_LANGUAGES)}, "
            f"as '{exported_by}' writes them"
        )
    return found
