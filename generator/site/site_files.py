"""Site-wide files after a build: a sitemap in each language folder. Used by the playbook
plugin (generator/site/plugin.py); the search index is generator/site/search_index.py's."""

from __future__ import annotations

from pathlib import Path


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
