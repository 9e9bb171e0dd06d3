"""The README's pictures of the pages, as a reader first sees them:

- docs/report-1280.png and docs/report-390.png: the Riverside sample's report at desktop (1280 px)
  and phone (390 px) widths, from the sample meetings in transcripts/;
- docs/compare.png and docs/trend.png: the compare page (by department) and the trend page (by
  partnership, per quarter) at 1280 px, from 150 generated meetings (benchmarks/corpus.py: its
  departments, partnerships and their differences are made up).

Each is analysed into a temporary folder and photographed in headless Chromium: Debian's
``chromium`` (``apt-get install chromium``), or the browser named by ``HYMNSHEET_BROWSER``, driven
by Playwright from the test extra; nothing is downloaded. Rerun it after changing how the pages look:

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from hymnsheet_talk.history import compare, trend, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import make_corpus  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

REPORT = "2025-02-11-riverside-park-review/report.html"
# Width: height of the view photographed, in CSS pixels: the top of the report (its summary and
# first charts), kept to a size a README can carry.
REPORT_VIEWS = {1280: 1400, 390: 1800}
ACROSS_VIEW = (1280, 1100)


def main() -> int:
    executable = os.environ.get("HYMNSHEET_BROWSER") or shutil.which("chromium")
    if not executable:
        print("No Chromium found: apt-get install chromium, or set HYMNSHEET_BROWSER", file=sys.stderr)
        return 1
    # From the project's folder, so the report names its transcript as transcripts/…, not by this computer's path.
    os.chdir(ROOT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        with tempfile.TemporaryDirectory() as folder:
            update([Path("transcripts")], folder, formats={"html"})
            for width, height in REPORT_VIEWS.items():
                _photograph(browser, Path(folder) / REPORT, f"report-{width}.png", width, height)
        with tempfile.TemporaryDirectory() as folder:
            meetings, out = Path(folder) / "meetings", Path(folder) / "out"
            make_corpus(meetings, 150, 700)
            update([meetings], out, formats={"csv"})
            compare(out, "department")
            trend(out, "partnership", "quarter")
            _photograph(browser, out / "compare-department.html", "compare.png", *ACROSS_VIEW)
            _photograph(browser, out / "trend-partnership.html", "trend.png", *ACROSS_VIEW)
        browser.close()
    return 0


def _photograph(browser: Browser, page_file: Path, name: str, width: int, height: int) -> None:
    """Save the top ``width`` x ``height`` CSS pixels of a page as docs/``name``."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(page_file.as_uri())
    path = ROOT / "docs" / name
    page.screenshot(path=path)
    page.close()
    print(f"{path.relative_to(ROOT)}: {width} x {height} px, {path.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    sys.exit(main())
