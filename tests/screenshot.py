"""Regenerate the README's screenshot of the journey map: `make screenshot`.

Builds nothing itself: it serves an already built site folder (default `site/`, as
`make site` leaves it) from 127.0.0.1 and photographs the English customer journey's map
at 1800 px in the light scheme (sidebars hidden, so the whole map fits), scrolled to its start.

    python -m tests.screenshot [SITE_DIR] [OUTPUT_PNG]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

OUTPUT = Path(".github/screenshot-map.png")
PAGE = "en/stages/customer-journey/"


def main(site: Path = Path("site"), output: Path = OUTPUT) -> None:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html not found: run `make site` first")
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1800, "height": 1000}, color_scheme="light")
        page.goto(url + PAGE)
        # The whole map at once: let it be as wide as it wants for the picture.
        page.add_style_tag(
            content=".md-sidebar{display:none}"
            ".md-grid,.md-content,.md-content__inner{max-width:none}"
        )
        page.locator(".playbook-map").screenshot(path=str(output))
        browser.close()
    print(f"wrote {output}")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:3]))
