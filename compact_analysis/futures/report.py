"""Rendering the futures paper into its own folder, on the evaluation papers' machinery, and re-indexing.

The notebook runs through :func:`compact_analysis.publishing.render.run_notebook` (a kernel, HTML without
code, a PDF from Chromium); the folder ``<reports>/<framework>/futures/<base year>/`` is built in a
:func:`~compact_analysis.publishing.batch.staging_folder` and swapped into place whole, so a failed or killed
run leaves the previous paper as it was; its ``manifest.json`` is written by
:mod:`compact_analysis.publishing.manifest`, and the reports index lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compact_analysis.evidence.reconciliation import file_sha256
from compact_analysis.futures.inputs import futures_folder
from compact_analysis.futures.paper import TITLE, FuturesPaper, prepare_futures_paper
from compact_analysis.paths import safe_name
from compact_analysis.publishing.manifest import MANIFEST_FILE
from compact_analysis.publishing.one_paper import publish_paper

NOTEBOOK_NAME = "futures"
STEM = "futures"  # futures.ipynb, futures.html, futures.pdf
FUTURES_REPORTS = "futures"


@dataclass(frozen=True)
class FuturesReport:
    """The paths of a rendered futures paper (``pdf`` None when none was asked for) and of the index."""

    html: Path
    pdf: Path | None
    manifest: Path
    index: Path


def futures_inputs(data: Path) -> dict[str, str]:
    """SHA-256 of every file under ``<data>/futures``, keyed by its path under the data folder."""
    folder = futures_folder(data)
    return {p.relative_to(data).as_posix(): file_sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def futures_manifest(paper: FuturesPaper, data: Path, framework_id: str, pdf: bool) -> dict:
    """What the folder's ``manifest.json`` says: what was rendered, from which inputs, the headline figures."""
    return {
        "kind": "futures",
        "framework": framework_id,
        "title": TITLE,
        "period": str(paper.base_year),
        "pdf": pdf,
        "synthetic": paper.synthetic,
        "scenarios": [s.id for s in paper.inputs.scenarios],
        "parameters": {"data": str(data)},
        "input_sha256": futures_inputs(data),
        "headline": paper.headline_figures(),
    }


def futures_report_folder(reports_dir: str | Path, framework_id: str, base_year: int) -> Path:
    """``<reports>/<framework>/futures/<base year>``: beside the evaluation's period folders."""
    return Path(reports_dir).resolve() / safe_name(framework_id, "framework id") / FUTURES_REPORTS / str(base_year)


def render_futures(
    data: str | Path, reports_dir: str | Path, framework_id: str, pdf: bool = True, framework: str | None = None
) -> FuturesReport:
    """Check the inputs, run the notebook into a staging folder, swap it into place whole, rewrite the index.
    ``framework`` (an id or a YAML path; None: ``framework_id``) is the plan the paper links to."""
    data = Path(data).resolve()
    framework = framework or framework_id
    if framework.endswith((".yaml", ".yml")):
        framework = str(Path(framework).resolve())
    paper = prepare_futures_paper(str(data), framework)  # bad input is refused before a kernel starts
    framework_id = paper.framework_id or framework_id  # beside the framework's period papers
    final = futures_report_folder(reports_dir, framework_id, paper.base_year)
    # the page's and PDF's title name the framework and base year (WCAG 2.4.2; publishing.page_title)
    header = f"{framework_id}, base year {paper.base_year}: futures modelling"
    parameters = {"data": str(data), "framework": framework}
    manifest = futures_manifest(paper, data, framework_id, pdf)
    index = publish_paper(
        NOTEBOOK_NAME, STEM, parameters, header, pdf, "futures", final, manifest, reports_dir, "futures notebook"
    )
    return FuturesReport(final / f"{STEM}.html", final / f"{STEM}.pdf" if pdf else None, final / MANIFEST_FILE, index)
