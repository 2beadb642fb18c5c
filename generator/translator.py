"""Translator round trip: missing or stale texts out to CSV, translations back into YAML.

Import edits the content file with ruamel.yaml's round-trip mode, so comments, key
order and formatting survive; only the translated values change. In an overlay,
a text that lives in the base is added to the overlay as an override.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.errors import GeneratorError
from generator.model import LANGUAGE_CODES, Playbook
from generator.source import ParsedFile
from generator.translations import check_translations, confirm_translations, read_lock
from generator.writer import replace_atomically

COLUMNS = ["path", "language", "source", "translation"]
_TOKEN = re.compile(r"\[([^\]]+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def export_csv(playbook: Playbook, parsed: ParsedFile, content: Path, language: str) -> str:
    """CSV of every missing or stale ``language`` text: path, source text, current translation."""
    if language not in playbook.language_codes or language == playbook.default_language:
        raise GeneratorError(f"--lang must be one of the other built languages: "
                             f"{', '.join(c for c in playbook.language_codes if c != playbook.default_language)}")
    report = check_translations(playbook, parsed, read_lock(content))
    texts = {path: text for path, text in _texts_by_path(playbook, parsed)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        if finding.language != language:
            continue
        text = texts[finding.path]
        writer.writerow([finding.path, language, text.get(playbook.default_language) or "",
                         text.get(language) or ""])
    return buffer.getvalue()


def import_csv(content: Path, table: Path, playbook: Playbook, parsed: ParsedFile) -> int:
    """Write the filled-in translations of ``table`` into ``content``; returns how many."""
    rows = [row for row in csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig")))
            if (row.get("translation") or "").strip()]
    if not rows:
        return 0
    yaml = _round_trip_yaml()
    original = content.read_text(encoding="utf-8")
    document = yaml.load(original)
    for number, row in enumerate(rows, start=2):
        language = row.get("language", "")
        if language not in LANGUAGE_CODES:
            raise GeneratorError(f"{table}:{number}: unknown language {language!r}")
        _set_text(document, _parse_path(row["path"], table, number), language,
                  row["translation"].strip(), playbook.default_language)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    replace_atomically(content, buffer.getvalue().encode("utf-8"))
    return len(rows)


def confirm_imported(content: Path, playbook: Playbook, parsed: ParsedFile, table: Path) -> None:
    """The imported translations were made against the current source: confirm them."""
    rows = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig")))
    keys = {f"{row['path']} {row['language']}" for row in rows if (row.get("translation") or "").strip()}
    confirm_translations(playbook, parsed, content, only=keys)


def _round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _texts_by_path(playbook: Playbook, parsed: ParsedFile):
    from generator.checks import iter_texts
    from generator.paths import format_path

    for loc, text in iter_texts(playbook):
        yield format_path(loc, parsed.data), text


def _parse_path(path: str, table: Path, number: int) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(path):
        match = _TOKEN.match(path, position)
        if not match:
            raise GeneratorError(f"{table}:{number}: cannot read the path {path!r}")
        parts.append(("id", match.group(1)) if match.group(1) else ("key", match.group(2)))
        position = match.end()
    if not parts or parts[-1][0] != "key":
        raise GeneratorError(f"{table}:{number}: the path {path!r} does not end at a text field")
    return parts


def _set_text(document, parts: list[tuple[str, str]], language: str, value: str, default: str) -> None:
    node = document
    for index, (kind, token) in enumerate(parts[:-1]):
        following = parts[index + 1][0]
        if kind == "key":
            if token not in node:
                node[token] = CommentedSeq() if following == "id" else CommentedMap()
            node = node[token]
        else:
            match = next((item for item in node if isinstance(item, dict) and str(item.get("id")) == token),
                         None)
            if match is None:  # the item lives in the base: override it in this overlay
                match = CommentedMap([("id", token)])
                node.append(match)
            node = match
    field = parts[-1][1]
    current = node.get(field)
    if isinstance(current, dict):
        current[language] = value
        return
    texts = CommentedMap()
    if isinstance(current, str):
        texts[default] = current
    texts[language] = value
    texts.fa.set_flow_style()
    node[field] = texts
