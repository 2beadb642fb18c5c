"""Where a site shows texts in another language: the pages a translator's work changes.

Above both site/ (which decides, page by page, whether a fallback shows) and
translations/ (coverage), so that neither imports the other.
"""

from __future__ import annotations

from generator.content.model import Playbook


def pages_with_fallbacks(playbook: Playbook) -> dict[str, list[str]]:
    """Per language, the pages that show a text in another language (URLs, in site order);
    languages where no page does are left out."""
    return {}
