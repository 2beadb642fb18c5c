"""Where a site shows texts in another language: the pages a translator's work changes.

Above both site/ (which decides, page by page, whether a fallback shows) and
translations/ (coverage), so that neither imports the other. The pages are the ones that
carry the "not yet translated" note: the same rule, from the same rendering.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.content.model import Playbook
from generator.generated import DOCS_DIR
from generator.site.render import render


def pages_with_fallbacks(playbook: Playbook) -> dict[str, list[str]]:
    """Per language, the pages that show a text in another language ('stages/x/y', in the
    order they are generated); languages where no page does are left out."""
    found: dict[str, list[str]] = {}
    for path, text in render(playbook).items():
        if path.parts[:1] != (DOCS_DIR,) or not getattr(text, "fallbacks", None):
            continue
        page = PurePosixPath(*path.parts[1:]).with_suffix("")
        language = playbook.default_language
        if page.suffix[1:] in playbook.language_codes:
            language, page = page.suffix[1:], page.with_suffix("")
        name = page.as_posix()
        found.setdefault(language, []).append(
            "home" if name == "index" else name.removesuffix("/index")
        )
    return {code: found[code] for code in playbook.language_codes if code in found}
