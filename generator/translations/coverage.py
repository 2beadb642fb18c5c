"""Translation coverage and staleness.

Coverage: for each language, the share of text fields that have a translation.
Staleness: ``translations.lock`` (beside the content file) records, for every
translation, a short hash of the source text it was confirmed against, and that
source's language: the default language's text, or, for a text a client translated
into a language its base lacks, the text it was translated from (Danish from English).
When that source changes, the translation is reported stale until someone checks it
and runs ``playbook translations confirm``.

Languages: the site's, and, in a playbook that extends none (one that clients extend), every
other shipped language it has texts in: the default playbook holds da, fi, nn and de beside
sv, nb and en for clients to build, while its own site stays sv, nb, en (issue #28). Those
texts are counted and kept current like the built ones; an overlay's texts in a language
its site does not build would show nowhere, so it is offered only its own languages.

In an overlay, a translation that comes from the base was written against the
base's default-language text. When the overlay changes that text but not the
translation, the translation is stale too, until confirmed in the overlay's lock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.model import LANGUAGE_CODES, Playbook, default_language_of
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.content.texts import iter_texts
from generator.languages import FALLBACK_LANGUAGE
from generator.lockfile import TRANSLATIONS_LOCK

LOCK_NAME = TRANSLATIONS_LOCK.name


@dataclass(frozen=True)
class Finding:
    """A missing or stale translation, located in the content file."""

    file: str
    line: int
    column: int
    path: str
    language: str
    kind: str  # "missing" or "stale"
    words: int = 0
    """Words of the source text to translate (or check again)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: {self.path}"
        if self.kind == "missing":
            return f"{where}: missing {self.language} translation (the page shows another language)"
        return (
            f"{where}: {self.language} translation is stale: "
            "its source text changed since it was confirmed"
        )


@dataclass
class LanguageCoverage:
    language: str
    translated: int = 0
    total: int = 0
    missing: int = 0
    stale: int = 0
    words: int = 0
    """Words left: of the source texts of every missing or stale text."""

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
    """Short hash of a source text, as recorded in the lock file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def lock_entry(language: str, text: str) -> str:
    """A lock value: the source's language and the hash of its text, 'sv:3f2a…'."""
    return f"{language}:{source_hash(text)}"


def recorded_source(value: str | None, default: str) -> tuple[str, str] | None:
    """(language, hash) of a lock value; a bare hash (format 1) is the default language's."""
    if value is None:
        return None
    language, separator, digest = value.rpartition(":")
    return (language, digest) if separator else (default, value)


def lock_path(content: Path) -> Path:
    return TRANSLATIONS_LOCK.path(content)


def read_lock(content: Path) -> dict[str, str]:
    """The confirmed hashes ("PATH LANG" -> hash); GeneratorError if the file is damaged."""
    return TRANSLATIONS_LOCK.read(content)


def write_lock(content: Path, lock: dict[str, str], default: str) -> None:
    """Write the lock in the current format: every value names its source's language
    (a format 1 value, a bare hash, was against ``default``)."""
    TRANSLATIONS_LOCK.write(
        content, {key: ":".join(recorded_source(v, default) or ()) for key, v in lock.items()}
    )


def offered_languages(playbook: Playbook, parsed: ParsedFile) -> list[str]:
    """Languages this content may hold translations in: the site's, then, in a playbook that
    extends none, every other shipped language (LANGUAGE_CODES order)."""
    site = list(playbook.language_codes)
    if parsed.base is not None:
        return site
    return site + [code for code in LANGUAGE_CODES if code not in site]


def reported_languages(playbook: Playbook, parsed: ParsedFile) -> list[str]:
    """Languages coverage is reported for: the site's, and each other offered language
    that has at least one text."""
    site = list(playbook.language_codes)
    extra = set(offered_languages(playbook, parsed)) - set(site)
    used = {code for _, text in iter_texts(playbook) for code in extra if text.get(code)}
    return site + [code for code in offered_languages(playbook, parsed) if code in used]


def check_translations(
    playbook: Playbook,
    parsed: ParsedFile,
    lock: dict[str, str],
    languages: list[str] | None = None,
) -> TranslationReport:
    """Coverage per language (``languages``, else reported_languages), and every missing
    or stale translation."""
    default = playbook.default_language
    wanted = languages or reported_languages(playbook, parsed)
    coverage = {code: LanguageCoverage(code) for code in wanted}
    findings: list[Finding] = []
    by_id: dict = {}
    for loc, text in iter_texts(playbook):
        path = format_path(loc, parsed.data)
        base = base_text(parsed, loc, by_id)
        for code in wanted:
            coverage[code].total += 1
            if text.get(code) is None:
                shown = next(
                    (text.get(c) for c in (default, *playbook.language_codes) if text.get(c)), ""
                )
                findings.append(_finding(parsed, loc, path, code, "missing", words=_words(shown)))
                continue
            coverage[code].translated += 1
            recorded = recorded_source(lock.get(f"{path} {code}"), default)
            if recorded is None:
                if (
                    code != default
                    and base is not None
                    and _changed_under(base, text, default, code)
                ):
                    # The translation is the base's; point at the overlay's new text, where
                    # it is fixed.
                    words = _words(text.get(default))
                    findings.append(_finding(parsed, loc, path, code, "stale", default, words))
                continue
            language, digest = recorded
            if language == code:
                continue  # nothing to be stale against (a damaged entry)
            current = text.get(language)
            if current is None or source_hash(current) != digest:
                findings.append(_finding(parsed, loc, path, code, "stale", words=_words(current)))
    findings.sort(key=lambda f: (f.line, f.column, f.language))
    for finding in findings:
        counted = coverage[finding.language]
        counted.words += finding.words
        if finding.kind == "missing":
            counted.missing += 1
        else:
            counted.stale += 1
    return TranslationReport(list(coverage.values()), findings)


def _words(text: str | None) -> int:
    """Words as a translator counts them: runs of characters between spaces."""
    return len(text.split()) if text else 0


def confirm_translations(
    playbook: Playbook,
    parsed: ParsedFile,
    content: Path,
    languages: list[str] | None = None,
    only: set[str] | None = None,
) -> int:
    """Record the current source text of every present translation; returns how many.

    The source is the default language's text, or the language the lock already names for
    it (a Danish text of a client, translated from the English one). The default language's
    own texts are confirmed only where they were translated from another language.
    ``only`` limits it to keys of the form "PATH LANG" (as after an import).
    """
    default = playbook.default_language
    lock = read_lock(content)
    wanted = languages or reported_languages(playbook, parsed)
    count = 0
    for loc, text in iter_texts(playbook):
        path = format_path(loc, parsed.data)
        for code in wanted:
            key = f"{path} {code}"
            if text.get(code) is None or (only is not None and key not in only):
                continue
            recorded = recorded_source(lock.get(key), default)
            language = recorded[0] if recorded and recorded[0] != code else default
            source = text.get(language)
            if language == code or source is None:
                continue
            lock[key] = lock_entry(language, source)
            count += 1
    write_lock(content, lock, default)
    return count


def base_text(parsed: ParsedFile, loc: tuple, index: dict | None = None) -> dict[str, str] | None:
    """The text at ``loc`` as the base of an overlay has it, per language; None if no base has it.

    ``loc`` indexes the merged data; items are found in the base by their id. ``index``
    caches each base list's items by id across calls (big playbooks have long lists), keyed
    by the list's path in the merged data.
    """
    merged, base = parsed.data, parsed.base
    if base is None:
        return None
    index = {} if index is None else index
    for depth, part in enumerate(loc):
        if isinstance(part, int):
            item = merged[part] if isinstance(merged, list) and part < len(merged) else None
            wanted = item.get("id") if isinstance(item, dict) else None
            if not isinstance(wanted, str) or not isinstance(base, list):
                return None
            where = loc[:depth]
            if where not in index:
                index[where] = {b.get("id"): b for b in reversed(base) if isinstance(b, dict)}
            base = index[where].get(wanted)
            merged = item
        else:
            merged = merged.get(part) if isinstance(merged, dict) else None
            base = base.get(part) if isinstance(base, dict) else None
        if base is None:
            return None
    if isinstance(base, str):
        return {default_language_of(parsed.base) or FALLBACK_LANGUAGE: base}
    return {k: v for k, v in base.items() if isinstance(v, str)} if isinstance(base, dict) else None


def _changed_under(base: dict[str, str] | None, text, default: str, code: str) -> bool:
    """True when the overlay changed the default text but kept the base's ``code`` translation."""
    if base is None:
        return False
    before = base.get(default)
    return before is not None and before != text.get(default) and base.get(code) == text.get(code)


def _finding(
    parsed: ParsedFile,
    loc: tuple,
    path: str,
    language: str,
    kind: str,
    at: str | None = None,
    words: int = 0,
) -> Finding:
    at = at or (language if kind == "stale" else None)
    file, line, column = parsed.source.locate(loc + ((at,) if at else ()))
    return Finding(file, line, column, path, language, kind, words)
