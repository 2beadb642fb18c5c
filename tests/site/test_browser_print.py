"""Print, the map and the progress bars in a real browser (issue #26): the default site in
Chromium, printed with its print emulation and to PDF."""

from __future__ import annotations

import base64
import re

import pytest

from tests.browser import open_page, serve
from tests.conftest import BASE_PATH

pytestmark = pytest.mark.slow

STAGE = "stages/customer-journey/after-purchase/"
SHORT_STAGE = "stages/buyers-journey/awareness/"
PRINT = "stages/customer-journey/print/"


@pytest.fixture(scope="module")
def site(default_site):
    with serve(default_site.site, BASE_PATH) as url:
        yield url


def pdf_pages(pdf: bytes) -> int:
    """Sheets in a PDF that Chromium printed: one page object each."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_a_printed_worksheet_names_its_journey_and_stage_number(page, site):
    page.goto(site + STAGE)
    page.emulate_media(media="print")
    crumb = page.locator(".playbook-breadcrumb").first
    assert crumb.is_visible()
    assert crumb.inner_text() == "Del av Kundresan som aldrig tar slut · Steg 5 av 7"
    # The journey's print page: each stage on a sheet of its own, which names the journey.
    page.goto(site + PRINT)
    page.emulate_media(media="print")
    lines = page.locator(".playbook-print-only")
    assert lines.count() == 7
    assert lines.nth(1).is_visible()
    assert lines.nth(1).inner_text() == "Del av Kundresan som aldrig tar slut · Steg 2 av 7"
    assert pdf_pages(page.pdf(format="A4")) >= 7
    page.emulate_media(media="screen")
    assert not lines.nth(1).is_visible()


def test_a_typed_three_line_answer_sits_on_three_ruled_lines(page, site):
    page.goto(site + STAGE)
    page.locator("textarea.playbook-answer").first.fill("Första raden\nAndra raden, å ä ö\nTredje")
    page.emulate_media(media="print")
    geometry = page.evaluate(
        """() => {
          const el = document.querySelector('.playbook-answer-print');
          const box = el.getBoundingClientRect();
          const em = parseFloat(getComputedStyle(el).fontSize);
          const range = document.createRange();
          range.selectNodeContents(el);
          const tops = new Map();
          for (const r of range.getClientRects()) {
            const key = Math.round(r.top - box.top);
            const seen = tops.get(key);
            tops.set(key, seen ? [Math.min(seen[0], r.top - box.top), Math.max(seen[1], r.bottom - box.top)]
                               : [r.top - box.top, r.bottom - box.top]);
          }
          return {em, line: parseFloat(getComputedStyle(el).lineHeight), height: box.height,
                  lines: [...tops.values()].sort((a, b) => a[0] - b[0])};
        }"""
    )
    em, line = geometry["em"], geometry["line"]
    assert line == pytest.approx(2 * em)
    assert len(geometry["lines"]) == 3
    for number, (top, bottom) in enumerate(geometry["lines"]):
        rule_above = number * line - 0.02 * em  # the previous line's rule ends here
        rule = number * line + 1.88 * em  # this line's rule starts here
        assert rule_above <= top and bottom <= rule, (number, top, bottom, rule)
    assert geometry["height"] == pytest.approx(6 * line, abs=0.1)  # six lines to write on


def test_a_blank_worksheet_prints_without_this_browsers_ticks_and_answers(page, site):
    page.goto(site + STAGE)
    page.locator("ul.playbook-checklist input[type=checkbox]").first.check()
    page.locator("textarea.playbook-answer").first.fill("Vi ringer tillbaka.")
    link = page.get_by_role("link", name="Skriv ut ett tomt arbetsblad")
    page.emulate_media(media="print")
    ticked = "document.querySelector('ul.playbook-checklist input:checked')"
    assert page.evaluate(f"getComputedStyle({ticked}, '::after').content") == '"✓"'
    page.emulate_media(media="screen")
    link.click()
    assert page.url.endswith("#blank_worksheet")
    note = page.locator("#blank_worksheet")
    assert note.is_visible() and note.inner_text().startswith("Sidan skrivs nu ut som ett tomt")
    page.emulate_media(media="print")
    assert page.evaluate(f"getComputedStyle({ticked}, '::after').content") == "none"
    writing = page.locator(".playbook-answer-print").first
    assert writing.inner_text() == "Vi ringer tillbaka."  # still there, but not printed:
    assert writing.evaluate("e => getComputedStyle(e).color") == "rgba(0, 0, 0, 0)"
    assert not note.is_visible()
    # "Print with the ticks and answers instead" leaves the blank worksheet.
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Skriv ut med bockar och svar i stället").click()
    page.emulate_media(media="print")
    assert page.evaluate(f"getComputedStyle({ticked}, '::after').content") == '"✓"'


def test_the_blank_worksheet_needs_no_script(browser, site):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site + PRINT + "#blank_worksheet")
        assert page.locator("#blank_worksheet").is_visible()
        page.goto(site + "stages/customer-journey/")
        page.get_by_role("link", name="Tomma arbetsblad för hela resan").click()
        assert page.url.endswith("print/#blank_worksheet")


def test_a_short_stage_prints_on_one_a4_sheet(page, site):
    page.goto(site + SHORT_STAGE)
    assert pdf_pages(page.pdf(format="A4", print_background=True)) == 1


def test_seven_stages_fit_at_1280_px_without_sideways_scrolling(browser, site):
    with open_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(site + "stages/customer-journey/")
        region = page.locator(".playbook-map")
        width = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
        assert width[0] <= width[1], width
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        heads = page.locator(".playbook-map thead th")
        assert heads.count() == 8  # seven stages and the loop back
        last = heads.last.bounding_box()
        assert last["x"] + last["width"] <= 1280
        assert not page.locator(".md-sidebar--primary").is_visible()


def _pixels(page, png: bytes, points: list[tuple[int, int]]) -> list[list[int]]:
    """RGB of a screenshot at ``points``, read in the page (no image library needed)."""
    data = base64.b64encode(png).decode()
    return page.evaluate(
        """async ([data, points]) => {
          const image = new Image();
          image.src = 'data:image/png;base64,' + data;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width; canvas.height = image.height;
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          return points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
        }""",
        [data, points],
    )


def _contrast(one: list[int], two: list[int]) -> float:
    def luminance(rgb: list[int]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_an_empty_progress_bar_looks_empty_in_both_palettes(browser, site, scheme):
    with open_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(site + STAGE)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        bar = page.locator(".md-content .playbook-progress progress").first
        assert bar.evaluate("b => b.value") == 0
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        shot = bar.screenshot()
        width, height = round(box["width"]), round(box["height"])
        inside = (width // 2, height // 2)
        page_shot = page.screenshot(
            clip={"x": box["x"] - 6, "y": box["y"], "width": 4, "height": 4}
        )
        background = _pixels(page, page_shot, [(1, 1)])[0]
        empty_inside, *edge = _pixels(page, shot, [inside, (width // 2, 0), (width // 2, 1)])
        assert _contrast(empty_inside, background) < 1.1, (empty_inside, background)
        border = max(edge, key=lambda rgb: _contrast(rgb, background))  # the outline's row
        assert _contrast(border, background) >= 3, (border, background)
        # Full, the same bar is filled: so "empty" above is not just "never drawn". The
        # stage's bar counts the shared checklists it shows too (#24): tick every box.
        boxes = page.locator(".md-content ul.playbook-checklist input[type=checkbox]")
        for checkbox in boxes.all():
            checkbox.check()
        assert bar.evaluate("b => b.value === b.max && b.max > 0")
        full_inside = _pixels(page, bar.screenshot(), [inside])[0]
        assert _contrast(full_inside, background) >= 3, (full_inside, background)
