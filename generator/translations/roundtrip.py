"""Translator round trip: texts out to CSV, translations and proofreading back into YAML.

Export lists what a translator has to do in one language, each row with a status in
the file's language: *translate* (missing), *stale* (its source changed since it was
confirmed) or, for the default language, *proofread* (every text it has). Each row
names the language of its source text: the default language's, or, for a client in a
language its base lacks, the language the page shows instead (English for a Danish
client of the Swedish default playbook).

Import checks every row and writes what is valid; each row it cannot take is named with
its row (and column) and the reason, and the import then exits 1 (issue #27: one bad
cell used to refuse the whole file). A row is refused for an Excel error value or a
formula remnant in a cell, a path or language the content does not have, a confirmed
translation, or a proofreading change to a default language that is also the base's
(see ``_row_problem``). The content as a whole is checked in memory before anything is
written. Each translation is recorded in translations.lock against the source text and
source language in its row, the text the translator saw: when that source changes, the
translation is reported stale, whichever language the source was.

Import edits the content file with ruamel.yaml's round-trip mode, so comments, key order
and formatting survive (see writeback.py for how new texts are laid out). In an overlay,
a text that lives in the base is added to the overlay as an override.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.loader import validate_data
from generator.content.model import LANGUAGE_CODES, Playbook, default_language_of
from generator.content.overlay import load_with_extends
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.content.texts import iter_texts
from generator.errors import ContentError, GeneratorError
from generator.site.spreadsheet import (
    CsvError,
    Table,
    cell_problem,
    read_table,
    status_label,
    write_table,
)
from generator.translations.coverage import (
    check_translations,
    lock_entry,
    offered_languages,
    read_lock,
    recorded_source,
    write_lock,
)
from generator.translations.writeback import write_texts
from generator.yaml_edit import replace_keeping_mode

COLUMNS = ["path", "language", "status", "source_language", "source", "translation"]
REQUIRED = ["path", "language", "source", "translation"]
"""A file exported before the status and source-language columns existed still imports."""


def export_csv(
    playbook: Playbook,
    parsed: ParsedFile,
    content: Path,
    language: str,
    delimiter: str | None = None,
) -> tuple[str, int]:
    """CSV of ``language``'s texts to translate (missing), to check again (stale) and, for
    the default language, to proofread (every other text it has); and how many rows."""
    offered = offered_languages(playbook, parsed)
    if language not in offered:
        raise GeneratorError(
            f"--lang must be one of this content's languages: {', '.join(offered)}"
        )
    default = playbook.default_language
    lock = read_lock(content)
    findings = {
        f.path: f.kind for f in check_translations(playbook, parsed, lock, [language]).findings
        if f.language == language
    }  # fmt: skip
    rows = []
    for path, (_, text) in _texts_by_path(playbook, parsed):
        kind = findings.get(path)
        recorded = recorded_source(lock.get(f"{path} {language}"), default)
        if kind == "missing":
            status, source = "translate", shown_language(playbook, text, language)
        elif kind == "stale":
            status, source = "stale", recorded[0] if recorded else default
        elif language == default:
            # Beside the text it was translated from, if it was; else beside itself.
            status, source = "proofread", recorded[0] if recorded else language
        else:
            continue
        rows.append(
            [
                path,
                language,
                status_label(status, language),
                source,
                text.get(source) or "",
                text.get(language) or "",
            ]
        )
    return write_table(COLUMNS, rows, language, delimiter), len(rows)


def shown_language(playbook: Playbook, text, language: str) -> str:
    """The language a text is shown in where ``language`` lacks it, and so the source to
    translate it from: the default language, else the first site language that has it."""
    for code in (playbook.default_language, *playbook.language_codes):
        if code != language and text.get(code) is not None:
            return code
    return language


@dataclass
class ImportReport:
    """What an import did, for the command to print."""

    imported: int = 0
    confirmed: int = 0
    unchanged: int = 0
    empty: int = 0
    encoding: str = "UTF-8"
    delimiter: str = ","
    still_stale: list[str] = field(default_factory=list)
    """Rows whose source text is no longer the current one."""
    refused: list[str] = field(default_factory=list)
    """Rows not imported, each with where it is and why (the rest was imported)."""


@dataclass
class _Row:
    number: int
    path: str
    language: str
    source_language: str
    source: str
    value: str


def import_csv(content: Path, table_path: Path, *, display_name: str | None = None) -> ImportReport:
    """Write the valid rows of ``table_path`` into ``content``; report every refused one.

    Raises CsvError when the file cannot be read, when no row can be imported (naming
    every refused one), or when nothing would change; then nothing is written.
    """
    name = display_name or str(content)
    parsed = load_with_extends(content, display_name=name).merged
    playbook = validate_data(parsed)
    lock = read_lock(content)
    table = read_table(table_path, REQUIRED, optional=("status", "source_language"))
    if not table.rows:
        raise CsvError(f"{table_path}: no rows below the header row; nothing was written")
    report = ImportReport(encoding=table.encoding, delimiter=table.delimiter)
    to_write, to_confirm = _check_rows(table, playbook, parsed, lock, name, report)
    if not to_write and not to_confirm:
        if report.refused:
            count = len(report.refused)
            raise CsvError(
                "\n".join(report.refused)
                + f"\n{count} row{'s' if count != 1 else ''} cannot be imported, and no other "
                "row has anything to import; nothing was written."
            )
        raise CsvError(
            f"{table_path}: nothing to import: {report.empty} rows have no translation and "
            f"{report.unchanged} match {name} already; nothing was written"
        )
    default = playbook.default_language
    new_text = None
    if to_write:
        texts = [(row.path, row.language, row.value) for row in to_write]
        new_text = write_texts(content, texts, default, offered_languages(playbook, parsed))
        parsed, playbook = _revalidate(content, name, new_text)
        _verify(to_write, playbook, parsed, table_path)
    current = dict(_texts_by_path(playbook, parsed))
    for row in to_write + to_confirm:
        if row.source_language == row.language:
            continue  # proofread against itself: there is no other text it follows
        source = current[row.path][1].get(row.source_language)
        if _same(row.source, source):
            # Recorded against the text itself: a cell loses a Markdown text's last line break.
            lock[f"{row.path} {row.language}"] = lock_entry(row.source_language, source or "")
        else:
            lock[f"{row.path} {row.language}"] = lock_entry(row.source_language, row.source)
            report.still_stale.append(
                f"{table_path}: row {row.number}: {row.path} ({row.language})"
            )
    report.imported, report.confirmed = len(to_write), len(to_confirm)
    if new_text is not None:
        replace_keeping_mode(content, new_text.encode("utf-8"))
    write_lock(content, lock, default)
    return report


def _check_rows(
    table: Table,
    playbook: Playbook,
    parsed: ParsedFile,
    lock: dict[str, str],
    name: str,
    report: ImportReport,
) -> tuple[list[_Row], list[_Row]]:
    """Sort the rows into (to write, to confirm); every unusable one goes to report.refused."""
    texts = dict(_texts_by_path(playbook, parsed))
    offered = offered_languages(playbook, parsed)
    exportable = {
        (f.path, f.language) for f in check_translations(playbook, parsed, lock, offered).findings
    }
    seen: dict[tuple[str, str], int] = {}
    to_write: list[_Row] = []
    to_confirm: list[_Row] = []
    for number, cells in table.rows:
        path, language = cells["path"].strip(), cells["language"].strip()
        value = cells["translation"].strip()
        if not value:
            report.empty += 1
            continue
        where = f"{table.path}: row {number}: {path or '(no path)'}"
        problem = _cell_problems(table, number)
        row = _Row(number, path, language, "", cells["source"].strip(), value)
        if problem is None:
            problem = _row_problem(row, texts, playbook, exportable, parsed, name)
        if problem is None and (path, language) in seen:
            problem = f"the same text is also on row {seen[(path, language)]}; keep one of them"
        if problem:
            report.refused.append(f"{where}: {problem}")
            continue
        seen[(path, language)] = number
        text = texts[path][1]
        row.source_language = _source_language(cells, row, text, playbook)
        if not _same(value, text.get(language)):
            to_write.append(row)
        elif (
            (path, language) in exportable
            and row.source_language != language
            and _same(row.source, text.get(row.source_language))
        ):
            to_confirm.append(row)  # a stale translation, checked against today's source and kept
        else:
            report.unchanged += 1
    return to_write, to_confirm


def _cell_problems(table: Table, number: int) -> str | None:
    """An Excel error value or a formula remnant in the cells an import uses, with where."""
    for column in ("translation", "source"):
        problem = cell_problem(table.raw[number].get(column, ""))
        if problem:
            return f"{table.cell(number, column)} {problem}"
    return None


def _source_language(cells: dict[str, str], row: _Row, text, playbook: Playbook) -> str:
    """The language of the row's source text: its source-language cell (export writes it),
    else the language whose text it is (a translator may have worked from the English, issue
    #28), else what the export would have named."""
    named = cells.get("source_language", "").strip()
    if named in LANGUAGE_CODES:
        return named
    default = playbook.default_language
    for code in (default, *playbook.language_codes, *LANGUAGE_CODES):
        if code != row.language and _same(row.source, text.get(code)):
            return code
    if row.language != default:
        return default
    return shown_language(playbook, text, row.language)


def _row_problem(
    row: _Row, texts: dict, playbook: Playbook, exportable: set, parsed: ParsedFile, name: str
) -> str | None:
    default = playbook.default_language
    if not row.path:
        return "the path cell is empty; keep the rows as 'playbook translations export' wrote them"
    if row.path not in texts:
        close = difflib.get_close_matches(row.path, list(texts), n=1)
        return (
            f"no text in {name} has this path"
            + (f" (did you mean {close[0]}?)" if close else "")
            + "; export again, the content may have changed"
        )
    offered = offered_languages(playbook, parsed)
    if row.language not in offered:
        return (
            f"'{row.language}' is not a language of this playbook (use one of {', '.join(offered)})"
        )
    loc, text = texts[row.path]
    if _same(row.value, text.get(row.language)):
        return None
    file, line, column = parsed.source.locate(loc + (row.language,))
    if row.language == default and text.get(default) is not None:
        base_default = default_language_of(parsed.base) if parsed.base is not None else None
        if base_default is not None and base_default != default:
            return None  # proofreading a client's own language: an edit of the overlay
        owner = "this content and its base" if base_default else "this content"
        return (
            f"a proofreading change to '{default}', the default language of {owner}, is not "
            f"imported from a spreadsheet: every translation is checked against it, so edit "
            f"it in {file}:{line}:{column}"
        )
    if (row.path, row.language) not in exportable:
        return (
            f"the {row.language} text is translated and confirmed, so no export lists it; "
            f"edit it in {file}:{line}:{column} if it needs to change"
        )
    return None


def _revalidate(content: Path, name: str, text: str) -> tuple[ParsedFile, Playbook]:
    """The content as it would be after the import, validated as a whole."""
    try:
        parsed = load_with_extends(content, display_name=name, text=text).merged
        return parsed, validate_data(parsed)
    except ContentError as error:
        raise GeneratorError(
            f"the imported translations would make {name} invalid; nothing was written:\n{error}"
        ) from None


def _verify(rows: list[_Row], playbook: Playbook, parsed: ParsedFile, table_path: Path) -> None:
    """Each imported text reads back as written; anything else is refused."""
    texts = dict(_texts_by_path(playbook, parsed))
    wrong = [
        f"{table_path}: row {row.number}: {row.path}: the content would not read back as "
        f"this translation; nothing was written"
        for row in rows
        if row.path not in texts or not _same(row.value, texts[row.path][1].get(row.language))
    ]
    if wrong:
        raise CsvError("\n".join(wrong))


def _same(cell: str, text: str | None) -> bool:
    """A cell holds this text: cells are read without their outer white space, and a
    Markdown text's last line break does not survive a spreadsheet."""
    return text is not None and cell == text.strip()


def _texts_by_path(playbook: Playbook, parsed: ParsedFile):
    """(path, (loc, text)) for every translatable text, in document order."""
    for loc, text in iter_texts(playbook):
        yield format_path(loc, parsed.data), (loc, text)
