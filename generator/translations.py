"""Translation coverage and staleness.

Coverage: for each language, the share of text fields that have a translation.
Staleness: ``translations.lock`` (beside the content file) records, for every
translation, a short hash of the default-language text it was confirmed
against. When the default text changes, that translation is reported stale
until someone checks it and runs ``playbook translations confirm``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import iter_texts
from generator.model import Playbook
from generator.paths import format_path
from generator.source import ParsedFile
from generator.writer import replace_atomically

LOCK_NAME = "translations.lock"


@dataclass(frozen=True)
class Finding:
    """A missing or stale translation, located in the content file."""

    file: str
    line: int
    column: int
    path: str
    language: str
    kind: str  # "missing" or "stale"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: {self.path}"
        if self.kind == "missing":
            return f"{where}: missing {self.language} translation (the page shows the default text)"
        return f"{where}: {self.language} translation is stale: the default text changed since it was confirmed"


@dataclass
class LanguageCoverage:
    language: str
    translated: int = 0
    total: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


@dataclass
class TranslationReport:
    coverage: list[LanguageCoverage]
    findings: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.findings


def source_hash(text: str) -> str:
    """Short hash of a default-language text, as recorded in the lock file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def lock_path(content: Path) -> Path:
    return content.resolve().parent / LOCK_NAME


def read_lock(content: Path) -> dict[str, str]:
    path = lock_path(content)
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")).get("confirmed", {}))


def check_translations(
    playbook: Playbook, parsed: ParsedFile, lock: dict[str, str]
) -> TranslationReport:
    """Coverage per built language, and every missing or stale translation."""
    default = playbook.default_language
    coverage = {code: LanguageCoverage(code) for code in playbook.language_codes}
    findings: list[Finding] = []
    for loc, text in iter_texts(playbook):
        path = format_path(loc, parsed.data)
        source = text.get(default) or ""
        for code in playbook.language_codes:
            coverage[code].total += 1
            if text.get(code) is None:
                findings.append(_finding(parsed, loc, path, code, "missing"))
                continue
            coverage[code].translated += 1
            recorded = lock.get(f"{path} {code}")
            if code != default and recorded is not None and recorded != source_hash(source):
                findings.append(_finding(parsed, loc, path, code, "stale"))
    findings.sort(key=lambda f: (f.line, f.column, f.language))
    return TranslationReport(list(coverage.values()), findings)


def confirm_translations(
    playbook: Playbook,
    parsed: ParsedFile,
    content: Path,
    languages: list[str] | None = None,
    only: set[str] | None = None,
) -> int:
    """Record the current default text for every present translation; returns how many.

    ``only`` limits it to keys of the form "PATH LANG" (as after an import).
    """
    default = playbook.default_language
    lock = read_lock(content)
    wanted = languages or [code for code in playbook.language_codes if code != default]
    count = 0
    for loc, text in iter_texts(playbook):
        path = format_path(loc, parsed.data)
        for code in wanted:
            key = f"{path} {code}"
            if code != default and text.get(code) is not None and (only is None or key in only):
                lock[key] = source_hash(text.get(default) or "")
                count += 1
    body = {
        "comment": "Written by 'playbook translations confirm'. Do not edit by hand.",
        "confirmed": dict(sorted(lock.items())),
    }
    data = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    replace_atomically(lock_path(content), data)
    return count


def _finding(parsed: ParsedFile, loc: tuple, path: str, language: str, kind: str) -> Finding:
    file, line, column = parsed.source.locate(loc + ((language,) if kind == "stale" else ()))
    return Finding(file, line, column, path, language, kind)
