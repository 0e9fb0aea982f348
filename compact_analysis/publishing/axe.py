"""axe-core, the accessibility rules engine, run on a page in the project's headless Chromium.

``scripts/setup.sh`` installs the pinned :data:`AXE_VERSION` from npm into the virtual environment
(``<venv>/node_modules/axe-core``), never from a CDN; ``COMPACT_AXE`` may name another ``axe.min.js``.
:func:`axe_violations` opens a local page at a viewport width (1280 for a desk, 320 for WCAG 2.2's
reflow criterion 1.4.10), injects the script and returns what axe's rules find, as plain dicts.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from compact_analysis.errors import RenderError
from compact_analysis.publishing.browser import Browser

AXE_VERSION = "4.14.1"  # the one scripts/setup.sh installs
RUN_AXE = """async () => {
  const found = await axe.run(document, {resultTypes: ['violations']});
  return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))}));
}"""


@dataclass(frozen=True)
class PageAudit:
    """What axe found on one page at one width, and how wide the page was drawn (reflow: no sideways scroll)."""

    violations: list[dict]
    scroll_width: int

    def describe(self) -> str:
        """Each violation's id, help and nodes, one line each, for an assertion message."""
        return "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(n["target"] for n in v["nodes"][:5])
            for v in self.violations
        )


def axe_script() -> Path:
    """Where ``axe.min.js`` is: ``COMPACT_AXE``, else the virtual environment's ``node_modules``.

    Raises :class:`RenderError` saying how to install it when it is not there.
    """
    chosen = os.environ.get("COMPACT_AXE")
    candidates = [Path(chosen)] if chosen else [Path(sys.prefix) / "node_modules" / "axe-core" / "axe.min.js"]
    for path in candidates:
        if path.is_file():
            return path
    raise RenderError(
        f"axe-core not found at {candidates[0]}: run scripts/setup.sh "
        f"(npm install --prefix {sys.prefix} axe-core@{AXE_VERSION}) or set COMPACT_AXE"
    )


def axe_audit(browser: Browser, html_path: Path, width: int, script: str) -> PageAudit:
    """Run axe-core's rules on ``html_path`` drawn ``width`` CSS pixels wide."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
        page.add_script_tag(content=script)
        violations = page.evaluate(RUN_AXE)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.close()
    return PageAudit(violations, int(scroll_width))
