"""The reports index's listing of reports by exception: one row per body and period, with its counts.

Read from each ``<framework>/by-exception/<body>/<period>/manifest.json`` (the body is the paper's audience);
every manifest value is escaped.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote


def is_by_exception(manifest: dict) -> bool:
    return manifest.get("kind") == "by-exception"


def by_exception_table(reports: list[dict], tag_synthetic: bool) -> str:
    """A framework's reports by exception, newest period first, grouped by nothing but labelled by body."""
    if not reports:
        return ""
    rows = []
    for m in sorted(reports, key=lambda m: (str(m.get("body")), str(m["period"])), reverse=True):
        head = m.get("headline") or {}
        counts = (
            f"{head.get('new_exceptions', 0)} new and {head.get('open_exceptions', 0)} open exceptions; "
            f"{head.get('indicators_red_or_missed', 0)} indicators red or missed; "
            f"{head.get('actions_overdue', 0)} actions overdue, {head.get('actions_without_progress', 0)} "
            "without progress"
        )
        href = escape(quote(f"{m['folder']}/by_exception"), quote=True)
        links = [f'<a href="{href}.html">Report by exception (HTML)</a>']
        if m.get("pdf", True):
            links.append(f'<a href="{href}.pdf">Report by exception (PDF)</a>')
        tag = '<br><span class="tag">Synthetic data</span>' if tag_synthetic and m.get("synthetic") else ""
        rows.append(
            f'<tr><th scope="row">{escape(str(m["period"]))}</th><td>{escape(str(m.get("body", "")))}</td>'
            f"<td>{escape(counts)}</td><td>{' · '.join(links)}{tag}</td></tr>"
        )
    return (
        "<h3>Reports by exception</h3>"
        '<div class="scroll"><table><thead><tr><th scope="col">Period</th><th scope="col">To</th>'
        '<th scope="col">Listed</th><th scope="col">Files</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def by_exception_pattern() -> str:
    """Where their manifests are, under the reports folder."""
    return "*/by-exception/*/*/manifest.json"


__all__ = ["by_exception_pattern", "by_exception_table", "is_by_exception"]
