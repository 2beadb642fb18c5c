"""Site-wide files after a build: one search index per language, and a sitemap in each
language folder. Used by the playbook plugin (generator/site/plugin.py)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.languages import lunr_language
from generator.site.preview import merge_search_docs


def copy_sitemaps(site_dir: Path, languages: list[str], default: str) -> None:
    """Give every language folder the site's sitemap.

    Material's language switcher fetches ``sitemap.xml`` beside the current language's
    home, so every page under /nb/ asked for /nb/sitemap.xml and got a 404. One sitemap,
    with its hreflang alternates, serves every language; each folder gets a copy.
    """
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        source = site_dir / name
        if not source.exists():
            continue
        data = source.read_bytes()
        for language in languages:
            # Earlier runs (one per language) may come before that language's folder exists;
            # the outer build's run, which comes last, finds them all.
            if language != default and (site_dir / language).is_dir():
                (site_dir / language / name).write_bytes(data)


def split_search_index(site_dir: Path, languages: list[str], default: str) -> None:
    """Write ``search/search_index.<lang>.json`` holding only that language's pages.

    The combined ``search_index.json`` is removed: no page loads it (theme/main.html sends
    every request to the page's own language), and it repeated every index's bytes.
    """
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index_path.unlink()
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    for lang in languages:
        if lang == default:
            docs = [
                d for d in index["docs"] if not d["location"].startswith(tuple(prefixes.values()))
            ]
        else:
            docs = [d for d in index["docs"] if d["location"].startswith(prefixes[lang])]
        stemmer = lunr_language(lang)
        config = dict(index["config"], lang=[stemmer or "en"])
        if stemmer is None:
            # No lunr stemmer for this language: English stemming would mangle its words, so
            # the index (and the theme's query stemming, which reads this) goes without.
            config["pipeline"] = [step for step in config.get("pipeline", []) if step == "trimmer"]
        out = index_path.with_name(f"search_index.{lang}.json")
        out.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), "utf-8")


def split_after_dirty_build(site_dir: Path, language: str, default: str, built: set[str]) -> None:
    """Like split_search_index for ``language`` alone, after a dirty build that indexed only
    the pages in ``built``: every other page keeps its entries from the build before."""
    index = site_dir / "search" / f"search_index.{language}.json"
    previous = _read_docs(index)
    split_search_index(site_dir, [language], default)
    if previous is None or not index.exists():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = merge_search_docs(previous, data["docs"], built)
    index.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _read_docs(index: Path) -> list[dict] | None:
    try:
        return json.loads(index.read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError):
        return None
