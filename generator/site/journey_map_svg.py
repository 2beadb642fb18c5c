"""A journey map as one standalone SVG file, for slides: ``playbook export`` and downloads.

The same map as the journey page's table (journey_map.py), drawn with fixed colours so
it looks the same on any slide. Every text is escaped for XML. Pure: no I/O.
"""

from __future__ import annotations

import textwrap
from html import escape

from generator.content.model import Journey, Playbook
from generator.site.journey_map import COLUMN, CURVE_HEIGHT, curve_shapes, journey_map
from generator.site.localize import Localizer
from generator.site.ui import UI_TEXT

MARGIN = 24
LABEL = 168
"""Width of the lane label column."""
LINE = 17
FONT = 13
CHARS = 24
"""Characters per line in a stage column at FONT px (wrapped here: SVG has no wrapping)."""

STYLE = (
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
    f"font-size:{FONT}px;fill:#1f1f1f}}"
    ".title{font-size:24px;font-weight:700}.meta{fill:#555}.head{font-weight:700}"
    ".label{font-weight:700;fill:#333}.grid{fill:none;stroke:#bbb}"
    ".band{fill:#f3f4f8;stroke:#bbb}"
    ".playbook-curve__zero{stroke:#999;stroke-dasharray:4 4}"
    ".playbook-curve__line{fill:none;stroke:#3949ab;stroke-width:3}"
    ".playbook-curve__loop{fill:none;stroke:#3949ab;stroke-width:2;stroke-dasharray:6 5}"
    ".playbook-curve__point{fill:#3949ab}.playbook-curve__loop-point{fill:none;stroke:#3949ab}"
    ".playbook-curve__label{font-weight:700;fill:#1f1f1f}"
)


LABEL_CHARS = 18
"""Characters per line in the lane label column (bold)."""


def _lines(value: str, prefix: str = "", chars: int = CHARS) -> list[str]:
    wrapped = textwrap.wrap(value, chars - len(prefix), break_long_words=True) or [""]
    return [(prefix if i == 0 else " " * len(prefix)) + line for i, line in enumerate(wrapped)]


def _text(x: float, y: float, lines: list[str], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}"{attr} xml:space="preserve">{spans}</text>'


def map_svg(playbook: Playbook, journey: Journey, text: Localizer) -> str:
    """The whole map of ``journey`` in ``text``'s language as a standalone SVG document."""
    data = journey_map(journey, text)
    language = text.language
    columns = data["columns"]
    width = 2 * MARGIN + LABEL + columns * COLUMN
    parts: list[str] = []
    y = MARGIN + 22
    parts.append(_text(MARGIN, y, [str(text(journey.name))], "title"))
    meta = str(text(playbook.site.title))
    if playbook.site.updated:
        date = playbook.site.updated.isoformat()
        meta += " · " + UI_TEXT["content_date"][language].format(date=date)
    y += 24
    parts.append(_text(MARGIN, y, [meta], "meta"))
    y += 16
    left = MARGIN + LABEL

    heads = [_lines(f"{s['number']}. {s['name']}") for s in data["stages"]]
    if data["loop"]:
        heads.append(_lines("↺ " + str(data["loop_label"])))
    height = max(len(h) for h in heads) * LINE + 16
    parts.append(
        f'<rect class="band" x="{left}" y="{y}" width="{columns * COLUMN}" height="{height}"/>'
    )
    for i, head in enumerate(heads):
        parts.append(_text(left + i * COLUMN + 8, y + 8 + FONT, head, "head"))
    y += height

    for row in data["rows"]:
        if row["kind"] == "emotion":
            height = CURVE_HEIGHT
            parts.append(
                f'<g transform="translate({left} {y})">{"".join(curve_shapes(journey))}</g>'
            )
        else:
            cells = [
                [ln for e in cell for ln in _lines(str(e["text"]), "• ")] for cell in row["cells"]
            ]
            height = max(len(cell) for cell in cells) * LINE + 16
            for i, cell in enumerate(cells):
                if cell:
                    parts.append(_text(left + i * COLUMN + 8, y + 8 + FONT, cell))
        label = _lines(row["label"], chars=LABEL_CHARS)
        parts.append(_text(MARGIN, y + 8 + FONT, label, "label"))
        height = max(height, len(label) * LINE + 16)
        grid_width = LABEL + columns * COLUMN
        parts.append(
            f'<rect class="grid" x="{MARGIN}" y="{y}" width="{grid_width}" height="{height}"/>'
        )
        y += height
    note = UI_TEXT["emotion_judgement"][language] if data["emotion"] else ""
    if note:
        y += 8
        parts.append(_text(MARGIN, y + FONT, [note], "meta"))
        y += LINE
    total = y + MARGIN
    title = escape(f"{text(journey.name)} – {UI_TEXT['journey_map'][language]}")
    alt = f"<desc>{escape(str(data['emotion']['alt']))}</desc>" if data["emotion"] else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" '
        f'width="{width}" height="{total}" role="img" lang="{language}">'
        f"<title>{title}</title>{alt}<style>{STYLE}</style>"
        f'<rect width="{width}" height="{total}" fill="#fff"/>' + "".join(parts) + "</svg>\n"
    )
