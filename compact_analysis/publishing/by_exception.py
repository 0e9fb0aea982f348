"""Rendering a report by exception for a body and period, on the papers' machinery.

``notebooks/by_exception.ipynb`` runs through :func:`~compact_analysis.publishing.render.run_notebook`
(HTML without code, a PDF from Chromium) into a :func:`~compact_analysis.publishing.batch.staging_folder`
swapped into place whole, so a killed run leaves the previous paper as it was. The folder,
``reports/<framework>/by-exception/<body>/<period>/``, sits beside the period's own folder (which
``report`` rebuilds whole) and carries a ``manifest.json`` recording the body it goes to and the timetable paper it is; the reports
index lists it (:mod:`~compact_analysis.publishing.by_exception_index`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from compact_analysis.folder import DataFolder
from compact_analysis.paths import safe_name
from compact_analysis.presentation.by_exception import ByExceptionPaper, prepare_by_exception
from compact_analysis.publishing.manifest import MANIFEST_FILE
from compact_analysis.publishing.one_paper import publish_paper

NOTEBOOK_NAME = "by_exception"
STEM = "by_exception"
FOLDER = "by-exception"


@dataclass(frozen=True)
class ByExceptionReport:
    """The paths of a rendered report by exception (``pdf`` is None when none was asked for)."""

    html: Path
    pdf: Path | None
    manifest: Path
    paper: ByExceptionPaper


def report_folder(reports_dir: str | Path, framework_id: str, body: str, period: str) -> Path:
    """``<reports>/<framework>/by-exception/<body>/<period>``."""
    return (
        Path(reports_dir).resolve()
        / safe_name(framework_id, "framework id")
        / FOLDER
        / safe_name(body, "body id")
        / safe_name(period, "period")
    )


def manifest_of(paper: ByExceptionPaper, framework_id: str, parameters: dict, pdf: bool) -> dict:
    """What the folder's ``manifest.json`` says: the body (its audience), period, evidence date, counts."""
    return {
        "kind": "by-exception",
        "framework": framework_id,
        "title": f"{paper.title}: report by exception to {paper.body_name}",
        "period": paper.period,
        "body": paper.body,
        "audience": [paper.body],
        "timetable_paper": paper.timetable_paper,
        "evidence_date": paper.as_at.isoformat(),
        "pdf": pdf,
        "synthetic": paper.synthetic,
        "parameters": parameters,
        "headline": paper.headline_figures(),
    }


def render_by_exception(
    data: str | Path,
    framework: str | Path,
    period: str,
    body: str,
    reports_dir: str | Path = "reports",
    as_at: date | None = None,
    pdf: bool = True,
    frameworks_dir: str | Path | None = None,
) -> ByExceptionReport:
    """Check the parameters (one-line errors before a kernel starts), render, swap into place, update the index."""
    folder = DataFolder.open(data, framework, frameworks_dir).resolved()
    framework_id, framework_path = folder.framework.id, str(folder.framework_path.resolve())
    paper = prepare_by_exception(folder.path, framework_path, period, body, as_at)
    parameters = {"data": str(folder.path), "framework": framework_path, "period": paper.period, "body": body,
                  "as_at": paper.as_at.isoformat()}  # fmt: skip
    final = report_folder(reports_dir, framework_id, body, paper.period)
    header = f"{paper.title}: by exception to {paper.body_name}, {paper.period}"
    manifest = manifest_of(paper, framework_id, parameters, pdf)
    failed = f"{paper.period}: by-exception notebook"
    publish_paper(NOTEBOOK_NAME, STEM, parameters, header, pdf, paper.period, final, manifest, reports_dir, failed)
    return ByExceptionReport(
        final / f"{STEM}.html", final / f"{STEM}.pdf" if pdf else None, final / MANIFEST_FILE, paper
    )
