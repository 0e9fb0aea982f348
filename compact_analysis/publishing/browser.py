"""A headless Chromium kept open for printing PDFs and for checking pages as a reader sees them.

Playwright drives the system's Chromium (Debian's ``chromium``) through
``executable_path``, so no browser is downloaded. One browser serves every
PDF a worker prints; a page is opened and closed per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from compact_analysis.errors import RenderError

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]  # fmt: skip


@dataclass
class PageCheck:
    """What a reader's browser saw: console errors, image widths, heading levels, and the title."""

    console_errors: list[str] = field(default_factory=list)
    image_widths: list[int] = field(default_factory=list)
    heading_levels: list[int] = field(default_factory=list)
    title: str = ""


class Browser:
    """One headless Chromium, started on first use and closed with :meth:`close`."""

    def __init__(self, executable: str):
        self.executable = executable
        self._playwright = None
        self._browser = None

    def _ensure(self):
        if self._browser is None:
            try:  # deferred: playwright is heavy and only printing or page checks need it
                from playwright.sync_api import sync_playwright
            except ImportError:  # pragma: no cover - playwright is a dependency
                raise RenderError("the playwright package is missing: run `make setup`") from None
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
        return self._browser

    def print_pdf(self, html_path: Path, pdf_path: Path, timeout_ms: int = 120_000) -> None:
        """Print a local HTML file to a tagged PDF (structure for screen readers, an outline from the headings),
        honouring its CSS page size (A4) and page-margin boxes."""
        page = self._ensure().new_page()
        try:
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True, tagged=True, outline=True)
        except Exception as exc:
            raise RenderError(f"{html_path}: Chromium could not print the PDF ({exc})") from None
        finally:
            page.close()

    def new_page(self, **options):
        """A new page of the kept-open browser (the caller closes it)."""
        return self._ensure().new_page(**options)

    def check_page(self, html_path: Path, screenshot: Path | None = None) -> PageCheck:
        """Open a page as a reader would and report what loaded, what failed, and its heading outline."""
        page = self._ensure().new_page(viewport={"width": 1100, "height": 1400})
        found = PageCheck()
        page.on("console", lambda m: found.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: found.console_errors.append(str(exc)))
        try:
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            found.image_widths = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
            found.heading_levels = page.evaluate(
                "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"
            )
            found.title = page.title()
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=False)
        finally:
            page.close()
        return found

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None


def headings_in_order(levels: list[int]) -> bool:
    """True when the outline starts at h1 and never skips a level going down (h2 to h4 is a skip)."""
    if not levels or levels[0] != 1:
        return False
    return all(b <= a + 1 for a, b in pairwise(levels))
