"""The pages as a reader gets them: the index, every sample report and the compare and trend pages
opened in a real headless Chromium at desktop (1280 px) and phone (390 px) widths, and printed to PDF.

Chromium is Debian's (``apt-get install chromium``; ``.ci/run`` installs it when it is missing),
driven through Playwright with that browser: nothing is downloaded. Set ``HYMNSHEET_BROWSER`` to
use another Chromium. Without any, these tests skip and say so.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from hymnsheet_talk.history import compare, trend, update
from hymnsheet_talk.report.style import TEXT_PX

from conftest import SAMPLES

# Desktop and phone; and a small old phone, where charts scroll in their own boxes rather than shrink their text.
WIDTHS = (1280, 390, 320)
MIN_TEXT_PX = 14
REPORTS = ["2025-01-14-northgate-context-panel/report.html", "2025-02-11-riverside-park-review/report.html",
           "2025-03-11-eastfield-school-gate/report.html"]
# Compare by department: two groups too small for intervals; by partnership: one group of three, with
# intervals. Trend by partnership: one line; by department: two lines and their key.
PAGES = ["index.html", *REPORTS, "compare-department.html", "compare-partnership.html", "trend-partnership.html",
         "trend-department.html"]
# Printed content must reach this far down the first page, and this far down every other page
# but the last: a chart too tall for what is left of a page moves to the next one, whole.
FIRST_PAGE_FILLED = 0.5
PAGE_FILLED = 0.25


def _browser() -> str | None:
    named = os.environ.get("HYMNSHEET_BROWSER")
    if named:
        return named
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    update([SAMPLES], out)
    for by in ("department", "partnership"):
        compare(out, by)
        trend(out, by, "month")
    assert sorted(str(path.relative_to(out)) for path in out.glob("*/report.html")) == REPORTS
    return out


@pytest.fixture(scope="module")
def browser():
    executable = _browser()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set HYMNSHEET_BROWSER): the browser tests did not run")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


def _open(browser, path: Path, width: int):
    """The page at ``width``, with every console error and every request beyond the page itself and
    its ``data:`` images noted; a request off this computer is stopped before it leaves."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"error: {error}"))
    page.on("request", lambda request: request.url != path.as_uri() and not request.url.startswith("data:")
            and page.problems.append(f"request: {request.url}"))
    page.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())
    page.goto(path.as_uri())
    return page


CHECKS = """({textPx, minPx}) => {
  const problems = [];
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) problems.push(`image not decoded: ${img.alt}`);
    if (!img.alt.trim()) problems.push('image without alt text');
    const drawn = parseFloat(img.getAttribute('width'));
    if (drawn && img.getBoundingClientRect().width / drawn * textPx < body - 0.01)
      problems.push(`chart text smaller than body text: ${img.alt.slice(0, 60)}`);
  }
  for (const table of document.querySelectorAll('table')) {
    if (!table.caption || !table.caption.textContent.trim()) problems.push('table without caption');
    for (const th of table.querySelectorAll('th'))
      if (!th.getAttribute('scope')) problems.push(`th without scope: ${th.textContent}`);
  }
  let previous = 0;
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  if (levels[0] !== 1 || levels.filter(level => level === 1).length !== 1) problems.push(`headings: ${levels}`);
  for (const level of levels) {
    if (level > previous + 1) problems.push(`heading h${level} after h${previous}`);
    previous = level;
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (size < minPx) problems.push(`text at ${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_reads_well_offline(browser, pages, name, width):
    page = _open(browser, pages / name, width)
    try:
        problems = page.evaluate(CHECKS, {"textPx": TEXT_PX, "minPx": MIN_TEXT_PX}) + page.problems
        scroll = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if width < 600:
            assert scroll <= 0, f"{name} scrolls sideways by {scroll}px at {width}px"
        else:
            # On a desktop every table the samples' pages show fits: none hides columns in its scrolling box (a
            # chart's folded table of figures, beside the chart, may scroll when opened).
            hidden = page.eval_on_selector_all(".scroll", "boxes => boxes.filter(b => !b.closest('details'))"
                                               ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.getAttribute('aria-label'))")
            assert hidden == [], f"{name}: tables cut off at {width}px: {hidden}"
        assert page.evaluate("document.images.length") > 0 or name == "index.html"
        assert problems == [], problems
    finally:
        page.close()


@pytest.mark.parametrize("name", PAGES)
def test_the_page_prints_with_content_on_every_page(browser, pages, name):
    page = _open(browser, pages / name, 1280)
    try:
        headings = [" ".join(text.split()) for text in page.eval_on_selector_all("h1, h2, h3", "hs => hs.map(h => h.innerText)")]
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    finally:
        page.close()
    seen: dict[str, int] = {}
    for number, sheet in enumerate(pdf.pages, start=1):
        texts, images = _content(sheet)
        assert texts and sheet.extract_text().strip(), f"{name}: page {number} of {len(pdf.pages)} has no text"
        height = float(sheet.mediabox.height)
        lowest = min([y for y, _text in texts] + [bottom for bottom, _digest in images])
        if number < len(pdf.pages):
            filled = (height - lowest) / height
            assert filled >= (FIRST_PAGE_FILLED if number == 1 else PAGE_FILLED), \
                f"{name}: page {number} of {len(pdf.pages)} is mostly blank (content fills {filled:.0%} of it)"
            last_text = min(y for y, _text in texts) if texts else height
            if last_text <= lowest + 1:
                line = " ".join(text for y, text in texts if abs(y - last_text) < 2).strip()
                assert not any(h == line or h.endswith(" " + line) for h in headings if line), \
                    f"{name}: page {number} ends on the heading {line!r}"
        for _bottom, digest in images:
            assert seen.setdefault(digest, number) == number, f"{name}: a chart is split over pages {seen[digest]} and {number}"


def _content(sheet) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Text pieces (with the height they sit at) and images (their lower edge and a digest of
    their pixels) drawn on a printed page."""
    texts, drawn = [], []

    def text(piece, cm, tm, _font, _size):
        if piece.strip():
            texts.append((tm[5] * cm[3] + cm[5], " ".join(piece.split())))

    def operand(operator, arguments, cm, _tm):
        if operator == b"Do":
            drawn.append((str(arguments[0]), min(cm[5], cm[5] + cm[3])))

    sheet.extract_text(visitor_text=text, visitor_operand_before=operand)
    pixels = {f"/{image.name.rsplit('.', 1)[0]}": hashlib.sha256(image.data).hexdigest() for image in sheet.images}
    images = [(bottom, pixels[name]) for name, bottom in drawn if name in pixels]
    return texts, images

