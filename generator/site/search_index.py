"""Site search: a Pagefind index of the finished site, one index per page language.

Runs once the site is complete, on whatever HTML the engine wrote: ``playbook build``
calls ``index_site`` after the languages are merged into ``site/``; the playbook plugin
calls it after a ``mkdocs build`` or ``serve`` rebuild it ran on its own.

What is indexed is decided in the pages (theme/main.html, templates/): the content of each
page inside ``data-pagefind-body`` (not the 404 page, not print or poster pages, whose
front matter says ``search: exclude: true``), less every element marked
``data-pagefind-ignore`` (breadcrumbs and previous/next links, buttons and dialogs, the
print-only fields, the "not translated" note). Pagefind reads each page's ``<html lang>``
and writes one index per language, stemmed where it has a stemmer (da, de, en, fi, nb and
nn as Norwegian, sv and more); a page only ever searches its own language's index.

The bundle lands in ``site/pagefind/``: ``pagefind.js`` and its worker, one WebAssembly
file per language and the index chunks, loaded by the theme's search box
(theme/assets/playbook/playbook-search.js) when a reader opens it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError

BUNDLE_DIR = "pagefind"
"""The search bundle's folder in the site; the theme's search box loads it from there."""

ENTRY = "pagefind-entry.json"

QUERY_STEMMERS = {"da": "da", "de": "de", "fi": "fi", "nb": "no", "nn": "no", "sv": "sv"}
"""Page language -> the Snowball stemmer (theme/assets/playbook/stemmers/<name>.js) that
the search box runs on each typed word until it stops changing, before Pagefind stems it
once more. Pagefind stems words once and then matches indexed stems that start with the
query's stem; Snowball's Norwegian and Danish stemmers shorten a base form further than
its inflections ("lojalitet" is indexed as "lojalit", "lojaliteten" stems to "lojalitet"),
so on its own "lojaliteten" found 1 page where "lojalitet" found 8. Stemmed to the end,
both are "lojalit". English (Pagefind's stemming is enough) and any other language: none."""

_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces (about 400 KB): the site has its own search box, so
no page would ever load them."""


@dataclass(frozen=True)
class SearchReport:
    """What the index holds: pages indexed per language, in the order given."""

    pages: dict[str, int]
    warnings: tuple[str, ...] = ()
    """What Pagefind said about the pages (e.g. an attribute value it does not know)."""

    def summary(self) -> str:
        return ", ".join(f"{language} {count}" for language, count in self.pages.items())


def index_site(site_dir: Path, languages: Sequence[str]) -> SearchReport:
    """Index the built site in ``site_dir``; every one of ``languages`` must get pages.

    Raises BuildError when Pagefind fails or a language ends up with no page to search.
    """
    site_dir = Path(site_dir).resolve()
    _refuse_other_files(site_dir / BUNDLE_DIR)
    staging = site_dir / f".{BUNDLE_DIR}-new"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        result = _run_pagefind(site_dir, staging)
        if result.returncode != 0 or not (staging / ENTRY).is_file():
            raise BuildError(f"search index: Pagefind failed: {_first_error(result.stdout)}")
        report = _check(staging, languages, _warnings(result.stdout))
        _tidy(staging)
        _replace(staging, site_dir / BUNDLE_DIR)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


_BUNDLE_FILE = re.compile(
    r"pagefind(-[a-z]+)*\.(js|css)|pagefind-entry\.json|pagefind\.[\w-]+\.pf_meta"
    r"|wasm\.[\w-]+\.pagefind|(index|fragment|filter)/[\w-]+\.pf_(index|fragment|filter)"
)
"""The files Pagefind writes into its folder."""


def _refuse_other_files(bundle: Path) -> None:
    """The bundle's folder is replaced whole; files of anyone else's there would vanish
    from the site without a word (a page folder ``playbook/pagefind/`` is published there)."""
    if not bundle.is_dir():
        return
    others = sorted(
        path.relative_to(bundle).as_posix()
        for path in bundle.rglob("*")
        if not path.is_dir() and not _BUNDLE_FILE.fullmatch(path.relative_to(bundle).as_posix())
    )
    if others:
        raise BuildError(
            f"search index: {BUNDLE_DIR}/ in the site holds files Pagefind did not write "
            f"({', '.join(others[:3])}{', …' if len(others) > 3 else ''}); the search index "
            f"goes there: move them out of the pages' {BUNDLE_DIR}/ folder"
        )


def _run_pagefind(site_dir: Path, output: Path) -> subprocess.CompletedProcess[str]:
    # Pagefind reads a pagefind.yml/.toml/.json from its working folder and PAGEFIND_*
    # variables: neither may steer it (a page folder can publish a pagefind.yml, and its
    # output_path could point anywhere), so it runs in an empty folder, told everything.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(output),
        # The ¶ after each heading (Python-Markdown's permalink): not a word of the title.
        "--exclude-selectors",
        ".headerlink",
        "--quiet",  # warnings and errors only
    ]
    with tempfile.TemporaryDirectory(prefix="playbook-pagefind-") as empty:
        return subprocess.run(
            command,
            cwd=empty,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )


def pagefind_executable() -> Path:
    """The Pagefind binary of the ``pagefind_bin`` wheel (a dependency of this package)."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BuildError(
            "search index: Pagefind is not installed; install it with "
            "'python -m pip install \"pagefind[bin]\"' (a dependency of journey-playbook)"
        ) from None
    return Path(get_executable())


def _first_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines[-1:] or ["no output"])[0]


def _warnings(output: str) -> tuple[str, ...]:
    return tuple(f"search index: {line.strip()}" for line in output.splitlines() if line.strip())


def _check(bundle: Path, languages: Sequence[str], warnings: tuple[str, ...]) -> SearchReport:
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    indexes = entry.get("languages", {})
    wanted = languages or sorted(indexes) or ["any language"]
    pages = {language: indexes.get(language, {}).get("page_count", 0) for language in wanted}
    empty = [language for language, count in pages.items() if not count]
    if empty:
        found = ", ".join(sorted(indexes)) or "none"
        raise BuildError(
            f"search index: no page in {', '.join(empty)} was indexed (indexes found: {found}); "
            "the theme marks each page's content with data-pagefind-body and its language "
            "with <html lang>: a theme override without them leaves search empty"
        )
    # Pagefind lists its languages in hash-map order, different on every run: sorted, the
    # same site gives the same bytes (a parallel build equals a serial one, file for file).
    entry["languages"] = dict(sorted(indexes.items()))
    (bundle / ENTRY).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return SearchReport(pages, warnings)


def _tidy(bundle: Path) -> None:
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)


def _replace(staging: Path, bundle: Path) -> None:
    """Put the new bundle in place of the old one, so no stale index file stays behind
    (a rebuild in ``serve`` writes a new index beside the one being served)."""
    old = bundle.with_name(f".{BUNDLE_DIR}-old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    staging.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


class BackgroundIndexer:
    """Indexes the preview's site after each ``serve`` rebuild without holding up the
    reload: the page reloads at once and its search follows a moment later (about 0.3 s
    for the default content). The next rebuild first waits for it: Pagefind never reads
    pages that mkdocs is writing."""

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._thread: threading.Thread | None = None

    def start(self, site_dir: Path, languages: Sequence[str]) -> None:
        self.wait()
        self._thread = threading.Thread(
            target=self._index, args=(Path(site_dir), tuple(languages)), daemon=True
        )
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _index(self, site_dir: Path, languages: tuple[str, ...]) -> None:
        try:
            report = index_site(site_dir, languages)
        except BuildError as error:
            self._log.warning("%s", error)
        else:
            for warning in report.warnings:
                self._log.warning("%s", warning)
            self._log.info("Search index: %s pages", report.summary())


def query_stemmer(language: str) -> str | None:
    """The site path of the query stemmer for ``language``, or None (see QUERY_STEMMERS)."""
    name = QUERY_STEMMERS.get(language)
    return f"assets/playbook/stemmers/{name}.js" if name else None
