"""Digests of everything a published paper's content depends on, so an unchanged paper is not rendered again.

Issue #27: "each published paper and scorecard records a digest of everything its content depends on (the
notebook, package version, framework, register, the evidence as at its evidence date, commentary and
parameters). ``report`` and ``report-all`` skip a paper whose digest is unchanged". A digest is the SHA-256
of named components, each itself a SHA-256, recorded in the period's ``manifest.json`` beside the hashes of
the files the paper was rendered to (:mod:`~compact_analysis.publishing.incremental` compares them).

The components of every paper (:func:`common_components`):

- ``notebook``: the notebook file; ``package``: the package version and every file of its source, so a code
  change renders again; ``framework``: the framework file; ``register``: the member register file;
- ``files``: the data-folder inputs the paper type names by path pattern (:data:`PERIOD_FILES`: the synthetic
  marker, overrides,
  settings, ``messages/<period>.yaml``, ``commentary/<period>.*``, ``actions/*``; a futures paper adds
  :data:`FUTURES_FILES`), a file appearing or going counting as a change even before any exists;
- ``parameters``: framework, data, period, as-at, rule, member, PDF or not.

Then the period paper's ``evidence`` (:func:`evidence_digest`): the store rows that could be seen on its
evidence date, canonical and order-independent (sorted rows, no row ids, no ingest times), so a correction
submitted after a paper's evidence date leaves its digest, and the paper, as it was.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date
from importlib import metadata
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.evidence.ingest import file_sha256
from compact_analysis.evidence.submitted_by import files_as_at, quarantine_as_at

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Data-folder inputs of a period's papers, by pattern relative to the folder (``{period}``: the period's name).
PERIOD_FILES = (
    "SYNTHETIC.txt",  # evidence.demo.SYNTHETIC_MARKER_FILE: its presence puts the synthetic-data banner on a paper
    "overrides.csv",
    "compact-analysis.toml",
    "messages/{period}.yaml",
    "commentary/{period}.*",
    "actions/*",
)
#: What a futures paper reads besides (the preamble of issue #25's work: cohort, participation, scenarios).
FUTURES_FILES = ("futures/*",)
#: Store tables of the exceptions register and what else analysts record, each with the column dating its rows:
#: only rows dated on or before a paper's evidence date count. A new dated table adds one line here.
DATED_TABLES = {
    "exception_resolutions": ("on_date", "resolution_id"),
    "exceptions": ("opened_on", None),
    "exception_events": ("on_date", "event_id"),
    "return_signoffs": ("signed_on", "signoff_id"),  # members' sign-off (evidence/signoffs.py)
    "action_progress": ("reported_on", None),  # action-progress returns (evidence/action_store.py)
    "action_quarantine": ("reported_on", None),
}
_OBSERVATIONS = """
SELECT member_id, measure_id, period, period_end, value, value_number, comment, submitted, is_correction,
       row_number() OVER (PARTITION BY member_id, measure_id, period
                          ORDER BY submitted DESC, observation_id DESC) = 1 AS visible
FROM observations WHERE submitted <= ?
"""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_of(components: dict) -> str:
    """One SHA-256 over named components (nested dicts allowed), independent of the order they were added."""
    return sha256_text(json.dumps(components, sort_keys=True, default=str))


def frame_digest(frame: pd.DataFrame) -> str:
    """A frame's rows sorted by every column, as CSV: the same rows in any order give the same digest."""
    if frame.empty:
        return sha256_text(",".join(map(str, frame.columns)))
    ordered = frame.astype(str).sort_values(list(frame.columns), kind="stable")
    return sha256_text(ordered.to_csv(index=False))


@functools.cache
def package_digest() -> str:
    """The package's version and the bytes of every source file in it (``__pycache__`` aside), for this process."""
    try:
        version = metadata.version("compact-analysis")
    except metadata.PackageNotFoundError:
        version = "not installed"
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    hashes = {str(p.relative_to(PACKAGE_DIR)): file_sha256(p) for p in files}
    return digest_of({"version": version, "files": hashes})


def pattern_files(data: Path, patterns: tuple[str, ...], period: str) -> dict[str, str]:
    """``{path relative to data: SHA-256}`` of every file matching a pattern (``{period}`` filled in)."""
    found: dict[str, str] = {}
    for pattern in patterns:
        for path in sorted(data.glob(pattern.format(period=period))):
            if path.is_file():
                found[path.relative_to(data).as_posix()] = file_sha256(path)
    return found


def optional_file(path: Path | None) -> str | None:
    """A file's SHA-256, or None when there is no such file."""
    return file_sha256(path) if path is not None and Path(path).is_file() else None


def evidence_digest(con: duckdb.DuckDBPyConnection, as_at: date) -> str:
    """What the store lets a paper with evidence date ``as_at`` see, canonical and order-independent.

    Every observation submitted by then (superseded ones too: a paper cites revisions), each marked
    visible or not; the files and quarantined rows as submitted by then; and the dated tables of
    :data:`DATED_TABLES` up to that date. Row ids, file ids and ingest times are left out, so ingesting
    the same returns in another order gives the same digest.
    """
    parts = {"observations": frame_digest(con.execute(_OBSERVATIONS, [as_at]).df())}
    parts["files"] = frame_digest(files_as_at(con, as_at).drop(columns=["file_id"], errors="ignore"))
    parts["quarantine"] = frame_digest(quarantine_as_at(con, as_at).drop(columns=["file_id"], errors="ignore"))
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table, (column, row_id) in DATED_TABLES.items():
        if table in tables:
            frame = con.execute(f'SELECT * FROM "{table}" WHERE "{column}" <= ?', [as_at]).df()
            parts[table] = frame_digest(frame.drop(columns=[row_id] if row_id else [], errors="ignore"))
    return digest_of(parts)


def common_components(
    notebook: Path,
    framework: Path,
    register: Path | None,
    data: Path,
    patterns: tuple[str, ...],
    period: str,
    parameters: dict,
) -> dict:
    """The components every paper type has (see the module's docstring); a paper type adds its own."""
    return {
        "notebook": file_sha256(notebook),
        "package": package_digest(),
        "framework": file_sha256(framework),
        "register": optional_file(register),
        "files": digest_of(pattern_files(data, patterns, period)),
        "parameters": digest_of(parameters),
    }
