"""Benchmark: what a page loads for search, measured in Chromium. Prints, asserts nothing.

Usage (from the repository root, inside .venv), on sites built with `playbook build`:

    python bench/search_weight.py SITE [SITE ...] [--base /journey-playbook/]
        [--page stages/customer-journey/awareness/] [--term kundtjänsten]

For each site it opens the page, waits until the network is idle, then does one search as
a reader does (opens the search box, types the term, waits for the results) and records
every response. Requests for search are those of the search box and its index:

* Pagefind (this project since #31): ``playbook-search.js``, ``pagefind/``, ``stemmers/``;
* Material's lunr search (before #31): its search worker (``workers/``), ``lunr/`` and the
  language's ``search/search_index.*.json``, all fetched when the page loads.

Bytes are the response bodies as served (no compression here), and as GitHub Pages sends
them: gzipped where it compresses the type (HTML, CSS, JS, JSON, SVG, WebAssembly), as they
are otherwise (Pagefind's index files are gzipped already).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium, serve  # noqa: E402  (needs the path above)

_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".wasm", ".xml")
_SEARCH = re.compile(r"playbook-search\.js|/pagefind/|/stemmers/|/workers/|/lunr/|/search/")


def on_the_wire(url: str, body: bytes) -> int:
    path = url.split("?", 1)[0]
    return len(gzip.compress(body, 6)) if path.endswith(_COMPRESSED) else len(body)


def measure(site: Path, base: str, page_path: str, term: str) -> dict:
    pagefind = (site / "pagefind").is_dir()
    with serve(site, base) as url, chromium() as browser:
        page = browser.new_page()
        bodies: list[tuple[str, bytes, bool]] = []
        searching = {"now": False}

        def record(response) -> None:
            try:
                body = response.body()
            except Exception:  # a redirect or an aborted load has no body
                return
            bodies.append((response.url, body, searching["now"]))

        page.on("response", record)
        page.goto(url + page_path)
        page.wait_for_load_state("networkidle")
        searching["now"] = True
        if pagefind:
            page.keyboard.press("/")
            page.keyboard.type(term, delay=20)
            page.wait_for_selector(".playbook-search__link", timeout=20_000)
        else:
            page.locator(".md-search__input").first.click()
            page.keyboard.type(term, delay=20)
            page.wait_for_selector(".md-search-result__item", timeout=20_000)
        page.wait_for_load_state("networkidle")
        page.close()
    search = [(u, b, late) for u, b, late in bodies if _SEARCH.search(u)]
    return {
        "kind": "pagefind" if pagefind else "lunr",
        "requests": len(search),
        "raw": sum(len(b) for _, b, _ in search),
        "gzip": sum(on_the_wire(u, b) for u, b, _ in search),
        "on_load_gzip": sum(on_the_wire(u, b) for u, b, late in search if not late),
        "page_gzip": sum(on_the_wire(u, b) for u, b, _ in bodies if not _SEARCH.search(u)),
        "files": sorted(
            (re.sub(r"\?.*", "", u.rsplit("/", 1)[1]), on_the_wire(u, b)) for u, b, _ in search
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--base", default="/journey-playbook/")
    parser.add_argument("--page", default="stages/customer-journey/awareness/")
    parser.add_argument("--term", default="kundtjänsten")
    args = parser.parse_args()
    print(
        "| site | search | requests | raw KB | gzipped KB | of which on page load | "
        "rest of the page, gzipped KB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    details = []
    for site in args.sites:
        result = measure(site, args.base, args.page, args.term)
        print(
            f"| {site} | {result['kind']} | {result['requests']} | {result['raw'] / 1e3:.1f} | "
            f"{result['gzip'] / 1e3:.1f} | {result['on_load_gzip'] / 1e3:.1f} | "
            f"{result['page_gzip'] / 1e3:.1f} |"
        )
        details.append((site, result["files"]))
    for site, files in details:
        listing = ", ".join(f"{name} {size / 1e3:.1f}" for name, size in files)
        print(f"\n{site} (gzipped KB): {listing}")


if __name__ == "__main__":
    main()
