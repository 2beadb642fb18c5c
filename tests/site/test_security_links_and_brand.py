"""Issue #23 in a real browser: links that become a script only after the `.md` rewrite, and
brand files, built for real and opened in Chromium.

The rewrite turned ``x/../javascript:…/y.md`` into ``href="javascript:…/y/"`` on a
journey's page after nh3 had checked it. It came in as plain Markdown, entity-encoded, as a
reference-style definition and through a translator's CSV. Every link on every page whose
scheme the browser reads as anything but http(s) or mailto is clicked, and nothing may run.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.brand_svg import clean_svg
from tests.browser import open_page, serve
from tests.conftest import FIXTURES, build_env, make_project, run_cli

pytestmark = pytest.mark.slow

# `%0a/y` ends the statement; what is left is a regular expression literal, so the script
# is valid JavaScript once the rewrite has added its trailing slash.
REWRITES = {
    "sv": "[klick](x/../javascript:window.__pwned=1;%0a/y.md) å",
    "nb": "[klikk](x/../jav&#x61;script:window.__pwned=1;%0a/y.md) ø",
}
THROUGH_CSV = "[click][r]\n\n[r]: x/../javascript:window.__pwned=1;%0a/y.md"


def _hostile_project(folder: Path, allow_html: bool) -> Path:
    # A journey's "about" is Markdown on the journey's page, stages/<journey>/index.md, where
    # a link into a subfolder needs no "../": the rewrite made it start with the scheme.
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    about = json.dumps(REWRITES, ensure_ascii=False)
    start = text.index("    about:\n")
    end = text.index("    checklist:\n", start)
    text = text[:start] + f"    about: {about}\n" + text[end:]
    text = text.replace("site:\n", f"site:\n  allow_html: {str(allow_html).lower()}\n", 1)
    content = make_project(folder, text)
    shutil.copytree(FIXTURES / "brand", folder / "brand")
    # Only the style sheet itself is published, so no url() to another file here: a 404.
    (folder / "brand/brand.css").write_text(
        ":root { --md-primary-fg-color: #0b5cad; }\n.md-typeset a:hover { filter: url(#glow); }\n",
        encoding="utf-8",
    )
    with content.open("a", encoding="utf-8") as stream:
        stream.write(
            "\n# Brand files in the shapes drawing programs export (tests/fixtures/brand).\n"
        )
    data = content.read_text(encoding="utf-8").replace(
        "site:\n",
        "site:\n  branding: {logo: brand/inkscape.svg, favicon: brand/figma.svg, "
        "extra_css: [brand/brand.css]}\n",
        1,
    )
    content.write_text(data, encoding="utf-8")
    # The English description comes from a translator's spreadsheet.
    table = folder / "en.csv"
    exported = run_cli(
        "translations", "export", "--lang", "en", "-o", str(table), "-c", str(content)
    )
    assert exported.exit_code == 0, exported.output
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "journeys[short].about":
            row[header.index("translation") if "translation" in header else 3] = THROUGH_CSV
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    table.write_text(buffer.getvalue(), encoding="utf-8")
    imported = run_cli("translations", "import", str(table), "-c", str(content))
    assert imported.exit_code == 0, imported.output
    assert "THROUGH" not in content.read_text("utf-8")
    return content


@pytest.fixture(scope="module", params=[False, True], ids=["default", "allow_html"])
def hostile_site(request, tmp_path_factory) -> Path:
    content = _hostile_project(tmp_path_factory.mktemp("rewrite"), request.param)
    text = content.read_text("utf-8")  # sv, en (from the CSV); nb entity-encoded
    assert text.count("javascript:window.__pwned") == 2 and "jav&#x61;script" in text
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return content.parent / "site"


def test_a_link_made_a_script_by_the_rewrite_never_runs(browser, hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert "index.html" in pages and "en/index.html" in pages
    with serve(hostile_site) as base, open_page(browser) as page:
        for relative in pages:
            page.goto(base + relative)
            clicked = page.evaluate("""() => {
                let clicked = 0;
                for (const a of document.querySelectorAll('a[href]')) {
                    // The scheme as the browser reads it, after entities and whitespace.
                    if (!['http:', 'https:', 'mailto:'].includes(a.protocol)) { a.click(); clicked++; }
                }
                return clicked;
            }""")
            assert clicked == 0, relative  # no such link is even on the page
            assert page.evaluate("window.__pwned") is None, relative
        # The links are on the journey's pages, made relative: the rewrite still happened.
        for prefix in ("", "nb/", "en/"):
            page.goto(base + prefix + "stages/short/")
            hrefs = page.eval_on_selector_all(
                ".playbook-markdown a", "els => els.map(a => a.getAttribute('href'))"
            )
            assert hrefs == ["./javascript:window.__pwned=1;%0a/y/"], (prefix, hrefs)


def test_the_published_logo_is_the_clean_svg_and_runs_nothing(browser, hostile_site):
    logo = hostile_site / "assets/brand/inkscape.svg"
    assert logo.read_bytes() == clean_svg((FIXTURES / "brand/inkscape.svg").read_bytes())
    with serve(hostile_site) as base, open_page(browser) as page:
        page.goto(base + "assets/brand/inkscape.svg")
        assert page.evaluate("document.documentElement.localName") == "svg"
        assert page.evaluate("window.__pwned") is None
        page.goto(base)
        # The logo is in the header and loaded; the brand style sheet asked nothing of
        # another host (open_page fails the test on any such request).
        size = page.evaluate(
            "[...document.querySelectorAll('img')].filter(i => i.src.endsWith('inkscape.svg'))"
            ".map(i => i.naturalWidth)"
        )
        assert size and size[0] > 0


@pytest.mark.parametrize("name", ["inkscape.svg", "illustrator.svg", "figma.svg"])
def test_each_export_renders_the_same_after_cleaning(browser, tmp_path, name):
    original = (FIXTURES / "brand" / name).read_bytes()
    (tmp_path / "original.svg").write_bytes(original)
    (tmp_path / "clean.svg").write_bytes(clean_svg(original))
    (tmp_path / "page.html").write_text(
        '<!doctype html><body style="margin:0;background:#fff">'
        '<img id="a" src="original.svg" width="300" height="100"><br>'
        '<img id="b" src="clean.svg" width="300" height="100"></body>',
        encoding="utf-8",
    )
    with serve(tmp_path) as base, open_page(browser) as page:
        page.goto(base + "page.html")
        page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth)")
        before = page.locator("#a").screenshot()
        after = page.locator("#b").screenshot()
    assert after == before
    assert len(set(before)) > 50  # a drawing, not an empty box
