"""Rendering the training paper into its own folder, on the evaluation papers' machinery.

The notebook runs through :func:`compact_analysis.publishing.render.run_notebook` (the batches'
:class:`~compact_analysis.publishing.render.NotebookWorker`: a kernel over IPC sockets, HTML without
code, a PDF from Chromium); the folder is built in a
:func:`~compact_analysis.publishing.batch.staging_folder` and swapped into place whole; its
``manifest.json`` is written by :mod:`compact_analysis.publishing.manifest`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from compact_analysis.errors import RenderError
from compact_analysis.evidence.ingest import file_sha256
from compact_analysis.paths import safe_name
from compact_analysis.plan.members import optional_register
from compact_analysis.plan.periods import parse_period
from compact_analysis.publishing.batch import staging_folder, swap_into_place
from compact_analysis.publishing.manifest import MANIFEST_FILE, provenance, write_manifest
from compact_analysis.publishing.render import notebook_job, run_notebook
from compact_analysis.training.config import DEFAULT_CONFIG
from compact_analysis.training.folder import training_folder
from compact_analysis.training.paper import TITLE, TrainingPaper, prepare_training_paper

NOTEBOOK_NAME = "training_monitoring"  # in publishing.render.NOTEBOOKS_DIR, with the evaluation notebooks
STEM = "training"  # training.ipynb, training.html, training.pdf
#: ``reports/<framework>/training/<period>/``: the paper's own folder, beside (not inside) the evaluation's
#: ``reports/<framework>/<period>/``, which ``compact-analysis report`` rebuilds and swaps whole.
TRAINING_FOLDER = "training"
LEGACY_FILES = ("training.ipynb", "training.html", "training.pdf")


@dataclass(frozen=True)
class TrainingReport:
    """The paths of a rendered training paper's files (``pdf`` is None when none was asked for)."""

    notebook: Path
    html: Path
    pdf: Path | None
    manifest: Path


def training_inputs(data: str | Path) -> dict[str, str]:
    """SHA-256 of every input the paper reads: training records, budgets and config, and the member register.

    Keyed by path under the data folder; the shipped default config (used when the folder has none)
    by its file name.
    """
    data = Path(data)
    folder = training_folder(data)
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name.startswith(("records", "budgets")) and p.suffix.lower() in (".csv", ".xlsx")
    )
    own_config = folder / "config.yaml"
    hashes = {p.relative_to(data).as_posix(): file_sha256(p) for p in files}
    if own_config.exists():
        hashes[own_config.relative_to(data).as_posix()] = file_sha256(own_config)
    else:
        hashes[DEFAULT_CONFIG.name] = file_sha256(DEFAULT_CONFIG)
    found = optional_register(data)
    if found is not None:  # no register: members are shown by id (see paper.member_names)
        hashes[found[0].name] = file_sha256(found[0])
    return hashes


def training_manifest(paper: TrainingPaper, data: str | Path, framework_id: str, pdf: bool) -> dict:
    """What the training folder's ``manifest.json`` says: what was rendered, from which inputs, headline numbers."""
    return {
        "kind": "training",
        "framework": framework_id,
        "title": TITLE,
        "period": paper.period,
        "pdf": pdf,
        "synthetic": paper.synthetic,
        "parameters": {"data": str(Path(data)), "period": paper.period},
        "input_sha256": training_inputs(data),
        "headline": paper.headline_figures(),
    }


def training_report_folder(reports_dir: str | Path, framework_id: str, period: str) -> Path:
    """``<reports>/<framework>/training/<period>``: outside the evaluation's period folder, which is rebuilt whole."""
    return (
        Path(reports_dir).resolve()
        / safe_name(framework_id, "framework id")
        / TRAINING_FOLDER
        / safe_name(parse_period(period).name, "period")
    )


def _render_into(work: Path, paper: TrainingPaper, data: Path, framework_id: str, pdf: bool) -> None:
    """Run the notebook into the staging folder ``work`` (ipynb, html, pdf) and write its manifest."""
    parameters = {"data": str(data), "period": paper.period}
    header = f"{framework_id}: {TITLE}, {paper.period}"  # the document title adds the framework to the heading
    job = notebook_job(NOTEBOOK_NAME, work, STEM, parameters, header, pdf, paper.period)
    result = run_notebook(job)
    if not result.ok:
        raise RenderError(f"{paper.period}: training notebook {result.error}")
    write_manifest(work, training_manifest(paper, data, framework_id, pdf) | provenance())


def render_training(
    data: str | Path,
    period: str,
    reports_dir: str | Path = "reports",
    framework_id: str = "compact-2009-10",
    pdf: bool = True,
) -> TrainingReport:
    """Run the training notebook, export HTML (no code) and PDF, and put the folder in place whole.

    Writes ``reports/<framework>/training/<period>/`` holding ``training.{ipynb,html,pdf}`` and
    ``manifest.json``. The folder is built under a hidden temporary name beside it and renamed into
    place only when complete (the old one is removed afterwards), so a failed or killed run leaves the
    previous paper as it was.
    """
    chosen = parse_period(period)
    data = Path(data).resolve()
    paper = prepare_training_paper(str(data), chosen.name)  # refuse bad parameters before a kernel starts
    final = training_report_folder(reports_dir, framework_id, chosen.name)
    work = staging_folder(final)
    try:
        _render_into(work, paper, data, framework_id, pdf)
        swap_into_place(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # An earlier version wrote the paper into the evaluation's period folder; drop that stale copy.
    legacy = final.parent.parent / chosen.name
    for name in LEGACY_FILES:
        (legacy / name).unlink(missing_ok=True)
    return TrainingReport(
        final / f"{STEM}.ipynb",
        final / f"{STEM}.html",
        final / f"{STEM}.pdf" if pdf else None,
        final / MANIFEST_FILE,
    )
