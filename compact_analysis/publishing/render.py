"""Running notebooks with papermill and exporting them to HTML and PDF.

A :class:`NotebookWorker` keeps one Jupyter kernel alive and resets it between
notebooks, so a batch pays the kernel start and the package imports once per
worker; :func:`run_notebook` runs a one-off paper (the training paper) the same way.
Report folders are assembled by :mod:`compact_analysis.publishing.batch` under a
temporary name and renamed into place when complete.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from compact_analysis.errors import RenderError
from compact_analysis.paths import folder_settings, packaged
from compact_analysis.presentation.glossary import link_glossary
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.kernel_client import PromptKernelClient, ipc_kernel_manager
from compact_analysis.publishing.page_title import document_title, with_title
from compact_analysis.publishing.parameters import check_parameter_names
from compact_analysis.publishing.regions import unique_region_names

TEMPLATES_DIR = Path(str(resources.files("compact_analysis") / "templates"))
#: The notebooks shipped with the package; a data folder may name its own (its compact-analysis.toml).
NOTEBOOKS_DIR = packaged("notebooks")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


@functools.cache
def _html_exporter():
    """One exporter a process: its first conversion compiles the templates (0.07 s), later ones reuse them."""
    from nbconvert import HTMLExporter  # heavy optional dependency: imported when a paper is exported

    return HTMLExporter(
        template_name="compact",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def export_html(notebook_path: Path, running_header: str = "") -> str:
    """HTML of an executed notebook with no code, no prompts and no CDN scripts."""
    import nbformat  # heavy optional dependency: imported when a paper is exported

    nb = nbformat.read(notebook_path, as_version=4)
    nb.metadata["compact_running_header"] = re.sub(r"[^\w .,:;()/&'-]", "", running_header)[:120]
    body, _ = _html_exporter().from_notebook_node(nb)
    return unique_region_names(link_glossary(with_title(body, document_title(body, running_header))))


def number_cells(notebook_path: Path) -> None:
    """Give each cell of an executed notebook the id ``cell-<index>``, rewriting the file.

    nbformat gives a cell it creates (papermill's injected parameters) or normalises a random id, and the
    HTML carries the ids, so without this the same paper rendered twice differs; with it two runs differ
    only by papermill's timestamps and paths in the notebook's metadata.
    """
    import nbformat  # heavy optional dependency: imported when a paper is exported

    nb = nbformat.read(notebook_path, as_version=4)
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    nbformat.write(nb, notebook_path)


def find_browser() -> str | None:
    """A Chromium-family browser for printing PDFs: ``COMPACT_BROWSER`` or one on the PATH."""
    chosen = os.environ.get("COMPACT_BROWSER")
    if chosen:
        return shutil.which(chosen)
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
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            f"--user-data-dir={profile}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
            "--generate-pdf-document-outline",  # tagged, with an outline from the headings
            f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"{html_path}: Chromium took longer than {timeout:.0f} s to print the PDF") from None
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RenderError(f"{html_path}: Chromium could not print the PDF ({done.stderr.strip()[-300:]})")
    return f"chromium ({Path(browser).name})"


def _has_playwright() -> bool:
    return importlib.util.find_spec("playwright") is not None


@dataclass(frozen=True)
class NotebookJob:
    """One notebook to run and export: where from, where to, with which parameters."""

    notebook: Path
    out_dir: Path  # the staging folder of the report this belongs to
    stem: str  # file name without suffix, e.g. "evaluation" or "members/M007"
    parameters: dict
    running_header: str
    pdf: bool = True
    label: str = ""


@dataclass(frozen=True)
class JobResult:
    label: str
    ok: bool
    seconds: float
    error: str = ""
    failed_notebook: str = ""


RESET_CODE = "%reset -f\nimport gc\ngc.freeze()\ndel gc"


class NotebookWorker:
    """Runs notebooks one after another in one kept-alive kernel."""

    def __init__(self, cwd: Path = NOTEBOOKS_DIR):
        self.cwd = cwd
        self.km = None
        self.kc = None  # the worker's own connection, for resets between notebooks
        self.browser = None  # a kept-open Chromium, started on the first PDF

    def _print(self, html_path: Path, pdf_path: Path) -> None:
        if self.browser is None:
            executable = find_browser()
            if executable is None or not _has_playwright():
                html_to_pdf(html_path, pdf_path)  # one Chromium per PDF, or the "no PDF route" error
                return
            self.browser = Browser(executable)
        self.browser.print_pdf(html_path, pdf_path)

    def _kernel(self):
        if self.km is None or not self.km.is_alive():
            self._sockets = tempfile.mkdtemp(prefix="ca-kernel-")
            self.km = ipc_kernel_manager(self._sockets)
            self.km.start_kernel(cwd=str(self.cwd))
            self._connect()
        return self.km

    def _connect(self) -> None:
        """Open the worker's own connection, with a session of its own.

        Clients from ``km.client()`` share the manager's session id, which is also
        their socket identity, so the kernel would send this client's replies to
        whichever client papermill connected last.
        """
        if self.kc is not None:
            self.kc.stop_channels()
        self.kc = PromptKernelClient(context=self.km.context)
        self.kc.load_connection_info(self.km.get_connection_info())
        self.kc.process_alive = self.km.is_alive
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def _reset(self) -> None:
        """Clear the previous notebook's variables; imported modules stay loaded (that is the saving).

        ``%reset -f`` ends with a full garbage collection, which scans every loaded
        module's objects (0.1-0.25 s a notebook). Freezing what survives the reset
        (modules, caches) leaves later collections only the last notebook's objects.
        """
        self.kc.execute_interactive(RESET_CODE, timeout=60, store_history=False)

    def run(self, job: NotebookJob) -> JobResult:
        import papermill  # heavy optional dependency: imported when a notebook is run
        from papermill.exceptions import PapermillExecutionError

        started = time.perf_counter()
        executed = job.out_dir / f"{job.stem}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        km = self._kernel()
        try:
            self._reset()
            papermill.execute_notebook(
                str(job.notebook), str(executed), parameters=job.parameters, progress_bar=False, km=km
            )
        except PapermillExecutionError as exc:
            km.restart_kernel(now=True)
            self._connect()
            return JobResult(
                job.label,
                False,
                time.perf_counter() - started,
                f"cell {exc.exec_count} raised {exc.ename}: {str(exc.evalue)[:200]}",
                str(executed),
            )
        except Exception as exc:  # a dead or hung kernel: start afresh for the next job
            self.close()
            return JobResult(job.label, False, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
        finally:
            if self.km is not None:
                self.km.close_clients()
        number_cells(executed)
        html_path = job.out_dir / f"{job.stem}.html"
        html_path.write_text(export_html(executed, job.running_header), encoding="utf-8")
        if job.pdf:
            try:
                self._print(html_path, job.out_dir / f"{job.stem}.pdf")
            except RenderError as exc:
                return JobResult(job.label, False, time.perf_counter() - started, str(exc))
        return JobResult(job.label, True, time.perf_counter() - started)

    def close(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            finally:
                self.km = None
                shutil.rmtree(self._sockets, ignore_errors=True)


def notebook_for(name: str, data: str | Path | None) -> Path:
    """The notebook ``name`` a data folder's papers are rendered from: the one in the notebooks folder its
    settings file names when that folder has it, else the package's own (:data:`NOTEBOOKS_DIR`)."""
    own = folder_settings(data).get("notebooks") if data else None
    if own is not None and (own / f"{name}.ipynb").is_file():
        return own / f"{name}.ipynb"
    return NOTEBOOKS_DIR / f"{name}.ipynb"


def notebook_job(
    name: str, out_dir: Path, stem: str, parameters: dict, running_header: str, pdf: bool, label: str
) -> NotebookJob:
    """A job for one of the project's notebooks, its parameter names checked before any kernel starts.

    The notebook comes from the data folder's own notebooks folder when ``parameters["data"]`` names
    one in its settings file, else from the package's (:func:`notebook_for`).
    """
    notebook = notebook_for(name, parameters.get("data"))
    check_parameter_names(notebook, parameters)
    return NotebookJob(notebook, out_dir, stem, parameters, running_header, pdf, label)


def run_notebook(job: NotebookJob) -> JobResult:
    """Run one job in a worker of its own, its kernel shut down afterwards: a paper rendered on its own."""
    worker = NotebookWorker()
    try:
        return worker.run(job)
    finally:
        worker.close()
