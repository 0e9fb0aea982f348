"""``reports/index.html``: every framework and period rendered, newest first, with links."""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path

CSS = """body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
thead{background:#e8eef3}caption{text-align:left;font-weight:bold;padding-bottom:.3em}"""


def collect(reports_dir: Path) -> list[dict]:
    """Manifests of every complete report folder (hidden, partial folders are never listed)."""
    found = []
    for manifest in sorted(Path(reports_dir).glob("*/*/manifest.json")):
        if manifest.parent.name.startswith(".") or manifest.parent.parent.name.startswith("."):
            continue
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["folder"] = manifest.parent.relative_to(reports_dir).as_posix()
        found.append(data)
    return sorted(found, key=lambda m: (m["framework"], m["period"]), reverse=True)


def render_index(reports: list[dict]) -> str:
    """The index page as HTML; every value from a manifest is escaped."""
    rows = []
    for m in reports:
        folder = escape(m["folder"], quote=True)
        links = [f'<a href="{folder}/evaluation.html">HTML</a>']
        if m.get("pdf", True):
            links.append(f'<a href="{folder}/evaluation.pdf">PDF</a>')
        if m.get("scorecards"):
            links.append(f'{len(m["scorecards"])} scorecards in <a href="{folder}/members/">members/</a>')
        counts = "; ".join(f"{escape(k)}: {v}" for k, v in sorted(m.get("status_counts", {}).items()))
        rows.append(
            f"<tr><td>{escape(m.get('title', m['framework']))}</td><td>{escape(m['period'])}</td>"
            f"<td>{counts}</td><td>{' · '.join(links)}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="4">No reports yet.</td></tr>'
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Evaluation reports</title>'
        f"<style>{CSS}</style></head><body><main><h1>Evaluation reports</h1>"
        "<p>Every framework and period rendered, newest first. Status counts are the headline RAG position.</p>"
        '<table><caption>Reports</caption><thead><tr><th scope="col">Framework</th><th scope="col">Period</th>'
        f'<th scope="col">Status counts</th><th scope="col">Files</th></tr></thead><tbody>{body}</tbody></table>'
        "</main></body></html>"
    )


def write_index(reports_dir: Path) -> Path:
    """Write ``index.html`` atomically and return its path."""
    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    target = reports_dir / "index.html"
    partial = reports_dir / f".index.html.{os.getpid()}"
    partial.write_text(render_index(collect(reports_dir)), encoding="utf-8")
    os.replace(partial, target)
    return target
