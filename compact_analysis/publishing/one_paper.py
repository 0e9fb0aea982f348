"""Publishing one paper that is not a period pack (the futures paper, a report by exception): its notebook run
into a staging folder with its manifest, swapped into place whole under the reports folder's run lock, then the
index rewritten, so a failed or killed run leaves the published paper as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from compact_analysis.errors import RenderError
from compact_analysis.publishing.batch import staging_folder, swap_into_place
from compact_analysis.publishing.manifest import provenance, write_manifest
from compact_analysis.publishing.render import notebook_job, run_notebook
from compact_analysis.publishing.run_lock import run_lock
from compact_analysis.publishing.site_index import write_index


def publish_paper(
    notebook: str, stem: str, parameters: dict, header: str, pdf: bool, label: str, final: Path, manifest: dict,
    reports_dir: str | Path, failed: str,
) -> Path:  # fmt: skip
    """Render ``notebook`` into ``final`` (as ``<stem>.html``/``.pdf``) with ``manifest``; the index's path.

    ``label`` names the job; a failed notebook raises :class:`RenderError` prefixed with ``failed``; nothing published changes then."""
    with run_lock(reports_dir):  # one run at a time per reports folder, as report and report-all
        work = staging_folder(final)
        try:
            result = run_notebook(notebook_job(notebook, work, stem, parameters, header, pdf, label))
            if not result.ok:
                raise RenderError(f"{failed} {result.error}")
            write_manifest(work, manifest | provenance())
            swap_into_place(work, final)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return write_index(Path(reports_dir)).resolve()
