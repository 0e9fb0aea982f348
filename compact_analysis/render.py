"""Running the evaluation notebook with papermill and exporting it to HTML and PDF.

A report folder is built under a temporary name and renamed into place when
complete, so a killed run never leaves a report that looks finished.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .errors import RenderError
from .framework import find_framework, load_framework
from .ingest import file_sha256
from .paths import safe_name

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
NOTEBOOKS_DIR = PACKAGE_DIR.parent / "notebooks"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


@dataclass(frozen=True)
class ReportPaths:
    folder: Path
    notebook: Path
    html: Path
    pdf: Path | None
    manifest: Path


def export_html(notebook_path: Path, running_header: str = "") -> str:
    """HTML of an executed notebook with no code, no prompts and no CDN scripts."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook_path, as_version=4)
    nb.metadata["compact_running_header"] = re.sub(r"[^\w .,:;()/&'-]", "", running_header)[:120]
    exporter = HTMLExporter(
        template_name="compact",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def find_browser() -> str | None:
    """A Chromium-family browser for printing PDFs: ``COMPACT_BROWSER`` or one on the PATH."""
    chosen = os.environ.get("COMPACT_BROWSER")
    if chosen:
        return chosen if shutil.which(chosen) else None
    return next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 120) -> str:
    """Print an HTML file to an A4 PDF with headless Chromium; return the route used."""
    browser = find_browser()
    if browser is None:
        raise RenderError(
            "no PDF route: install Chromium (Debian/Ubuntu: apt-get install chromium) "
            "or set COMPACT_BROWSER to a Chrome or Chromium executable"
        )
    with tempfile.TemporaryDirectory(prefix="ca-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={pdf_path}",
            html_path.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"{html_path}: Chromium took longer than {timeout:.0f} s to print the PDF") from None
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RenderError(f"{html_path}: Chromium could not print the PDF ({done.stderr.strip()[-300:]})")
    return f"chromium ({Path(browser).name})"


def _versions() -> dict[str, str]:
    names = ("compact-analysis", "pandas", "duckdb", "papermill", "nbconvert", "matplotlib", "pydantic")
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PACKAGE_DIR, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def render_period(
    framework: str,
    data: str | Path,
    period: str,
    reports_dir: str | Path = "reports",
    frameworks_dir: str | Path = "data/frameworks",
    as_at: str | None = None,
    pdf: bool = True,
    notebook: Path | None = None,
) -> ReportPaths:
    """Run ``period_evaluation.ipynb`` for one period and write its report folder atomically."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .paper import prepare_paper

    timings: dict[str, float] = {}
    started = time.perf_counter()
    framework_path = find_framework(framework, Path(frameworks_dir)).resolve()
    fw = load_framework(framework_path)
    chosen = fw.check_period(period)
    data = Path(data).resolve()
    prepare_paper(str(framework_path), str(data), chosen.name, as_at)  # refuse bad parameters before the kernel starts
    parent = Path(reports_dir).resolve() / safe_name(fw.id, "framework id")
    final = parent / safe_name(chosen.name, "period")
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{chosen.name}.partial-", dir=parent))
    parameters = {"framework": str(framework_path), "data": str(data), "period": chosen.name, "as_at": as_at}
    try:
        executed = work / "evaluation.ipynb"
        source = notebook or NOTEBOOKS_DIR / "period_evaluation.ipynb"
        t0 = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(source),
                str(executed),
                parameters=parameters,
                progress_bar=False,
                log_output=False,
                cwd=str(source.parent),
            )
        except PapermillExecutionError as exc:
            failed = parent / "failed"
            failed.mkdir(exist_ok=True)
            shutil.copy(executed, failed / f"{chosen.name}.ipynb")
            raise RenderError(
                f"{chosen.name}: notebook cell {exc.exec_count} failed ({exc.ename}: {exc.evalue}); "
                f"kept at {failed / (chosen.name + '.ipynb')}"
            ) from None
        timings["notebook_seconds"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        html_path = work / "evaluation.html"
        html_path.write_text(export_html(executed, f"{fw.title}: {chosen.name}"), encoding="utf-8")
        timings["html_seconds"] = round(time.perf_counter() - t0, 3)
        pdf_path = None
        route = None
        if pdf:
            t0 = time.perf_counter()
            pdf_path = work / "evaluation.pdf"
            route = html_to_pdf(html_path, pdf_path)
            timings["pdf_seconds"] = round(time.perf_counter() - t0, 3)
        inputs = {
            p.name: file_sha256(p) for p in sorted(data.rglob("*")) if p.is_file() and p.suffix in (".csv", ".xlsx")
        }
        inputs[framework_path.name] = file_sha256(framework_path)
        timings["total_seconds"] = round(time.perf_counter() - started, 3)
        manifest = {
            "framework": fw.id,
            "period": chosen.name,
            "parameters": parameters,
            "input_sha256": inputs,
            "pdf_route": route,
            "versions": _versions(),
            "git_commit": _git_commit(),
            "timings": timings,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _swap_into_place(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ReportPaths(
        final,
        final / "evaluation.ipynb",
        final / "evaluation.html",
        final / "evaluation.pdf" if pdf else None,
        final / "manifest.json",
    )


def _swap_into_place(work: Path, final: Path) -> None:
    """Rename a finished folder over the old one; the old one is removed only afterwards."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(work, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
