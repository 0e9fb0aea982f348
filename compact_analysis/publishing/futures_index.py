"""The futures papers' entry on the reports index: a table of ``<framework>/futures/<base year>/`` folders.

Read from each folder's ``manifest.json`` (written by :mod:`compact_analysis.futures.report`); every value
shown is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote


def collect_futures(reports_dir: Path, manifests) -> list[dict]:
    """Manifests of every complete futures paper, found with the index's own ``manifests(reports_dir, pattern)``."""
    return [m for m in manifests(reports_dir, "*/futures/*/manifest.json") if m.get("kind") == "futures"]


def _href(path: str) -> str:
    return escape(quote(path), quote=True)


def futures_section(reports: list[dict], tag_synthetic: bool) -> str:
    """A heading and one row a futures paper: framework, base year, scenarios, places missing, links."""
    if not reports:
        return ""
    rows = []
    for m in reports:
        head = m.get("headline") or {}
        missing = "; ".join(
            f"{escape(str(s))} ({escape(str(v.get('target_year', '')))}): "
            f"{sum((v.get('places_missing') or {}).values()):,}"
            for s, v in head.items()
            if isinstance(v, dict)
        )
        folder = m["folder"]
        links = [f'<a href="{_href(folder + "/futures.html")}">Futures paper (HTML)</a>']
        if m.get("pdf", True):
            links.append(f'<a href="{_href(folder + "/futures.pdf")}">Futures paper (PDF)</a>')
        tag = '<br><span class="tag">Synthetic data</span>' if tag_synthetic and m.get("synthetic") else ""
        rows.append(
            f'<tr><th scope="row">{escape(str(m["framework"]))}</th><td>{escape(str(m["period"]))}</td>'
            f"<td>{missing or '–'}</td><td>{' · '.join(links)}{tag}</td></tr>"
        )
    return (
        '<h2 id="futures">Futures modelling</h2>'
        '<div class="scroll"><table aria-labelledby="futures"><thead><tr><th scope="col">Framework</th>'
        '<th scope="col">From</th><th scope="col">Places missing by each scenario\'s target year</th>'
        f'<th scope="col">Files</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
