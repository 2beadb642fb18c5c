"""Translator round trip: missing or stale texts out to CSV, translations back into YAML.

Export lists what a translator has to do in one language: every missing or stale
text with its default-language source. For the default language itself it lists
every text, for proofreading.

Import accepts exactly what an export can produce: rows for the texts that are
missing or stale in a language other than the default (plus rows that match the
content already). It checks every row and the resulting content in memory, and
writes nothing unless all of it is valid. A translation is confirmed against the
source text its row carries, the text the translator saw: if the default text
changed since the export, the imported translation stays stale until confirmed.

Import edits the content file with ruamel.yaml's round-trip mode, so comments, key
order and formatting survive; only the translated values change. In an overlay,
a text that lives in the base is added to the overlay as an override.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content.loader import validate_data
from generator.content.model import Playbook
from generator.content.overlay import load_with_extends
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.content.texts import iter_texts
from generator.errors import ContentError, GeneratorError
from generator.site.spreadsheet import CsvError, read_table, write_table
from generator.translations.coverage import check_translations, read_lock, source_hash, write_lock
from generator.yaml_edit import as_text_scalar as _as_text_scalar
from generator.yaml_edit import replace_keeping_mode as _replace_keeping_mode
from generator.yaml_edit import round_trip_yaml as _round_trip_yaml

COLUMNS = ["path", "language", "source", "translation"]
_TOKEN = re.compile(r"\[([^\]]+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def export_csv(
    playbook: Playbook,
    parsed: ParsedFile,
    content: Path,
    language: str,
    delimiter: str | None = None,
) -> tuple[str, int]:
    """CSV of every missing or stale ``language`` text: path, source text, current translation;
    and how many texts it lists.

    For the default language: every text, for a proofreader to read.
    """
    if language not in playbook.language_codes:
        raise GeneratorError(
            f"--lang must be one of the built languages: {', '.join(playbook.language_codes)}"
        )
    default = playbook.default_language
    texts = dict(_texts_by_path(playbook, parsed))
    if language == default:
        # A client in a language its base lacks (da on the Swedish default playbook) has
        # default texts to write: the source is then what the page shows instead.
        rows = [[path, language, _shown(playbook, text), ""] for path, (_, text) in texts.items()]
    else:
        report = check_translations(playbook, parsed, read_lock(content))
        rows = []
        for finding in report.findings:
            if finding.language == language:
                text = texts[finding.path][1]
                rows.append(
                    [finding.path, language, text.get(default) or "", text.get(language) or ""]
                )
    return write_table(COLUMNS, rows, language, delimiter), len(rows)


def _shown(playbook: Playbook, text) -> str:
    """The text in the default language, else in the first site language that has it."""
    for code in (playbook.default_language, *playbook.language_codes):
        if text.get(code) is not None:
            return str(text.get(code))
    return ""


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
    """Rows whose source text is no longer the current default text."""


@dataclass
class _Row:
    number: int
    path: str
    language: str
    source: str
    value: str


def import_csv(content: Path, table_path: Path, *, display_name: str | None = None) -> ImportReport:
    """Write the filled-in translations of ``table_path`` into ``content``, or nothing at all.

    Raises CsvError listing every unusable row, or when no row has anything to import.
    """
    name = display_name or str(content)
    overlay = load_with_extends(content, display_name=name)
    parsed = overlay.merged
    playbook = validate_data(parsed)
    lock = read_lock(content)
    table = read_table(table_path, COLUMNS)
    report = ImportReport(encoding=table.encoding, delimiter=table.delimiter)
    to_write, to_confirm = _check_rows(table, playbook, parsed, lock, name, report)
    if not table.rows:
        raise CsvError(f"{table_path}: no rows below the header row; nothing was written")
    if not to_write and not to_confirm:
        raise CsvError(
            f"{table_path}: nothing to import: {report.empty} rows have no translation and "
            f"{report.unchanged} match {name} already; nothing was written"
        )
    new_text = _apply(content, to_write, playbook.default_language) if to_write else None
    if new_text is not None:
        parsed, playbook = _revalidate(content, name, new_text)
        _verify(to_write, playbook, parsed, table_path)
    texts = dict(_texts_by_path(playbook, parsed))
    for row in to_write + to_confirm:
        if row.language == playbook.default_language:
            continue  # a default text filled in where a base lacked it: nothing to confirm
        lock[f"{row.path} {row.language}"] = source_hash(row.source)
        if row.source != texts[row.path][1].get(playbook.default_language):
            report.still_stale.append(
                f"{table_path}: row {row.number}: {row.path} ({row.language})"
            )
    report.imported, report.confirmed = len(to_write), len(to_confirm)
    if new_text is not None:
        _replace_keeping_mode(content, new_text.encode("utf-8"))
    write_lock(content, lock)
    return report


def _check_rows(
    table,
    playbook: Playbook,
    parsed: ParsedFile,
    lock: dict[str, str],
    name: str,
    report: ImportReport,
) -> tuple[list[_Row], list[_Row]]:
    """Sort the rows into (to write, to confirm); CsvError listing every unusable one."""
    default = playbook.default_language
    texts = dict(_texts_by_path(playbook, parsed))
    exportable = {(f.path, f.language) for f in check_translations(playbook, parsed, lock).findings}
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    to_write: list[_Row] = []
    to_confirm: list[_Row] = []
    for number, cells in table.rows:
        row = _Row(
            number,
            cells["path"].strip(),
            cells["language"].strip(),
            cells["source"].strip(),
            cells["translation"].strip(),
        )
        if not row.value:
            report.empty += 1
            continue
        where = f"{table.path}: row {row.number}: {row.path or '(no path)'}"
        problem = _row_problem(row, texts, playbook, exportable, parsed, name)
        if problem is None and (row.path, row.language) in seen:
            problem = (
                f"the same text is also on row {seen[(row.path, row.language)]}; keep one of them"
            )
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        seen[(row.path, row.language)] = row.number
        current = texts[row.path][1].get(row.language)
        if row.value != current:
            to_write.append(row)
        elif (
            (row.path, row.language) in exportable
            and row.language != default
            and row.source == texts[row.path][1].get(default)
        ):
            to_confirm.append(row)  # a stale translation, checked against today's source and kept
        else:
            report.unchanged += 1
    if problems:
        count = len(problems)
        problems.append(
            f"{count} row{'s' if count != 1 else ''} cannot be imported; nothing was written."
        )
        raise CsvError("\n".join(problems))
    return to_write, to_confirm


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
    if row.language not in playbook.language_codes:
        return (
            f"'{row.language}' is not a language of this playbook "
            f"(use one of {', '.join(playbook.language_codes)})"
        )
    loc, text = texts[row.path]
    if text.get(row.language) == row.value:
        return None
    file, line, column = parsed.source.locate(loc + (row.language,))
    if row.language == default and text.get(default) is not None:
        return (
            f"'{default}' is the default language, which a CSV cannot change; "
            f"edit it in {file}:{line}:{column}"
        )
    if (row.path, row.language) not in exportable:
        return (
            f"the {row.language} text is translated and confirmed, so no export lists it; "
            f"edit it in {file}:{line}:{column} if it needs to change"
        )
    return None


def _apply(content: Path, rows: list[_Row], default: str) -> str:
    yaml = _round_trip_yaml()
    document = yaml.load(content.read_text(encoding="utf-8-sig"))
    for row in rows:
        _set_text(document, _parse_path(row.path), row.language, row.value, default)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


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
        if row.path not in texts or texts[row.path][1].get(row.language) != row.value
    ]
    if wrong:
        raise CsvError("\n".join(wrong))


def _texts_by_path(playbook: Playbook, parsed: ParsedFile):
    """(path, (loc, text)) for every translatable text, in document order."""
    for loc, text in iter_texts(playbook):
        yield format_path(loc, parsed.data), (loc, text)


def _parse_path(path: str) -> list[tuple[str, str]]:
    """``journeys[a].stages[b].name`` -> [("key", "journeys"), ("id", "a"), …]; paths come
    from format_path, so they always parse."""
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(path):
        match = _TOKEN.match(path, position)
        if not match:
            raise GeneratorError(f"cannot read the path {path!r}")
        parts.append(("id", match.group(1)) if match.group(1) else ("key", match.group(2)))
        position = match.end()
    return parts


def _set_text(
    document, parts: list[tuple[str, str]], language: str, value: str, default: str
) -> None:
    node = document
    for index, (kind, token) in enumerate(parts[:-1]):
        following = parts[index + 1][0]
        if kind == "key":
            if token not in node:
                node[token] = CommentedSeq() if following == "id" else CommentedMap()
            node = node[token]
        else:
            match = next(
                (item for item in node if isinstance(item, dict) and str(item.get("id")) == token),
                None,
            )
            if match is None:  # the item lives in the base: override it in this overlay
                match = CommentedMap([("id", token)])
                node.append(match)
            node = match
    field_name = parts[-1][1]
    current = node.get(field_name)
    value = _as_text_scalar(value)
    if isinstance(current, dict):
        current[language] = value
        return
    texts = CommentedMap()
    if isinstance(current, str):
        texts[default] = current
    texts[language] = value
    texts.fa.set_flow_style()
    node[field_name] = texts
