"""Read what a built site's Pagefind index holds, as the search box will find it.

Pagefind writes one gzipped fragment per indexed page (``pagefind/fragment/<lang>_*``):
the page's URL, its indexed text and its title. Tests read them to check what search
sees, whatever the browser does with it.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

_SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path, language: str) -> dict[str, dict]:
    """{url: {"content": ..., "title": ...}} of every page in ``language``'s index."""
    pages = {}
    for fragment in sorted((site / "pagefind/fragment").glob(f"{language}_*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(_SIGNATURE), fragment
        page = json.loads(data[len(_SIGNATURE) :])
        pages[page["url"]] = {"content": page["content"], "title": page["meta"].get("title")}
    return pages


def index_languages(site: Path) -> dict[str, int]:
    """{language: pages} as pagefind-entry.json lists them, in its order."""
    return {language: index["page_count"] for language, index in _entry(site).items()}


def index_stemming(site: Path) -> dict[str, str]:
    """{language: the WebAssembly Pagefind searches it with}: the language's own where
    Pagefind stems it, "unknown" where it does not."""
    return {language: index["wasm"] for language, index in _entry(site).items()}


def _entry(site: Path) -> dict[str, dict]:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]
