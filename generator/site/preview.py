"""`playbook serve`'s fast edit loop: one language, and only the pages that changed.

``playbook serve --lang L`` runs ``mkdocs serve --dirty`` with ``PLAYBOOK_BUILD_LANGUAGE=L``:
mkdocs then rebuilds only pages whose Markdown is newer than their HTML, and the writer
rewrites only the Markdown whose bytes changed, so one edited checklist item rebuilds
the pages that show it. A dirty build is only right while the navigation is the same:
the playbook plugin keeps the generated MkDocs settings' hash (navigation, languages,
names) of the last build, and when it changes, empties the site first (no page of a
removed stage stays behind) and builds every page again (``NavigationGuard``).

Each page of a one-language preview says so, and how to preview another language.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs import utils

from generator.site.markup import html_text
from generator.site.ui import UI_TEXT, language_in

DIRTY_WARNING = "A 'dirty' build is being performed"

ONLY_LANGUAGE = "PLAYBOOK_BUILD_LANGUAGE"
"""Set to a language code: this mkdocs run builds that language alone (``playbook build
--jobs`` runs one process per language and merges them; ``playbook serve --lang``). Here,
not in the plugin, so that the build, which starts those runs, need not import the plugin,
which imports the build."""


def drop_dirty_warning(record: logging.LogRecord) -> bool:
    """mkdocs warns on every dirty build, which strict mode counts as a failure; here a
    dirty build is what was asked for, and full rebuilds are ours to decide."""
    return not str(record.msg).startswith(DIRTY_WARNING)


class NavigationGuard:
    """Decides, before each dirty build, whether it must be a full one."""

    def __init__(self) -> None:
        self.built: bytes | None = None
        self.pending: bytes | None = None
        self.full = True

    def before_build(self, settings: Path, language: str) -> None:
        digest = hashlib.sha256(settings.read_bytes() + language.encode()).digest()
        self.full = self.built is not None and digest != self.built
        self.pending = digest

    def prepare_site(self, site_dir: str) -> None:
        if self.full:
            utils.clean_directory(site_dir)

    def after_build(self) -> None:
        self.built = self.pending


def preview_note(language: str, languages: list[str]) -> str:
    """'This preview shows English only. …: sv (Swedish), nb (Norwegian).' as HTML text."""
    reader = language if language in UI_TEXT["preview_only"] else "en"
    others = ", ".join(
        f"{code} ({language_in(code, reader)})" for code in languages if code != language
    )
    text = UI_TEXT["preview_only"][reader].format(
        language=language_in(language, reader), others=others
    )
    return html_text(text)
