"""Which languages a site may be built in: read from data, never listed in code.

Two sources decide, both files on disk:

* the languages Material for MkDocs has a theme translation for: one
  ``templates/partials/languages/<code>.html`` per language in the installed ``material``
  package (some 60; a Material update that adds one makes it known here);
* the languages this tool has interface text for: one ``generator/site/ui_text/<code>.yml``
  each. Adding a language is adding that file (README, "Languages").

A site language must be in both. The lowest layer of the package, so the content model
can use it; it reads the data files' names only, not their text (``generator.site.ui``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

FALLBACK_LANGUAGE = "sv"
"""The default playbook's language: plain strings are read in it when content names no
valid default language (validation then reports why)."""


@cache
def material_languages() -> tuple[str, ...]:
    """Codes Material for MkDocs has a theme translation for, sorted."""
    folder = resources.files("material").joinpath("templates/partials/languages")
    return tuple(
        sorted(
            entry.name.removesuffix(".html")
            for entry in folder.iterdir()
            if entry.name.endswith(".html") and not entry.name.startswith("_")
        )
    )


@cache
def ui_languages() -> tuple[str, ...]:
    """Codes this tool has interface text for (``generator/site/ui_text/*.yml``), sorted,
    that Material also knows (a file for any other code could never be built)."""
    folder = resources.files("generator").joinpath("site/ui_text")
    codes = sorted(
        entry.name.removesuffix(".yml") for entry in folder.iterdir() if entry.name.endswith(".yml")
    )
    known = set(material_languages())
    return tuple(code for code in codes if code in known)


_COUNTRY_NOT_LANGUAGE = {"dk": "da", "se": "sv", "gb": "en", "us": "en"}
"""Country codes people write for a language (a Danish site is .dk, its language da),
none of them a code Material knows: the hint names the language code at once."""


def language_problem(code: str) -> tuple[str, str] | None:
    """Why ``code`` cannot be a site language, as (message, hint), or None if it can."""
    if code in ui_languages():
        return None
    if code in _COUNTRY_NOT_LANGUAGE and code not in material_languages():
        return (
            f"unknown language code {code!r}: Material for MkDocs has no theme translation for it",
            f"{code!r} is a country code; the language is {_COUNTRY_NOT_LANGUAGE[code]!r}",
        )
    if code not in material_languages():
        return (
            f"unknown language code {code!r}: Material for MkDocs has no theme translation for it",
            f"use one of Material's codes: {', '.join(material_languages())}"
            " (Norwegian Bokmål is nb, Nynorsk nn)",
        )
    return (
        f"no interface text for '{code}': Journey Playbook speaks {', '.join(ui_languages())}",
        f"use one of those, or add generator/site/ui_text/{code}.yml (README: Languages)",
    )
