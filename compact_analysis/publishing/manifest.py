"""The ``manifest.json`` each rendered folder carries: what was rendered, from what, by which software.

The evaluation batches and the training paper write theirs here, so both record the same
provenance (package versions, git commit) in the same format.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path

from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.periods import Period
from compact_analysis.plan.timetable import audience_of

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MANIFEST_FILE = "manifest.json"
#: The packages whose versions can change what a paper shows.
VERSIONED_PACKAGES = (
    "compact-analysis", "pandas", "numpy", "scipy", "duckdb", "papermill", "nbconvert", "nbclient",
    "ipykernel", "matplotlib", "pydantic", "playwright",
)  # fmt: skip


def package_versions() -> dict[str, str]:
    """The installed version of each of :data:`VERSIONED_PACKAGES` ("not installed" when absent)."""
    out = {}
    for name in VERSIONED_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str | None:
    """The commit of the package's checkout, or None when it is not one (an installed wheel)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PACKAGE_DIR, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def provenance() -> dict:
    """The software a folder was rendered with: ``versions`` and ``git_commit``, for a manifest."""
    return {"versions": package_versions(), "git_commit": git_commit()}


def audience_fields(framework: Framework, period: Period) -> dict:
    """``audience`` and ``consulted``: the bodies (id and name) the framework's timetable sends the period's paper
    to (issue #26; :func:`compact_analysis.plan.timetable.audience_of`), both empty when it names none."""
    names = {b.id: b.name for b in framework.bodies}
    receives, consulted = audience_of(framework, period)
    return {
        "audience": [{"id": b, "name": names[b]} for b in receives],
        "consulted": [{"id": b, "name": names[b]} for b in consulted],
    }


def write_manifest(folder: Path, manifest: dict) -> Path:
    """Write ``folder/manifest.json``: indented JSON ending in a newline; return its path."""
    path = folder / MANIFEST_FILE
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path
