"""Action-progress returns in the evidence store: ingest (once per file content) and reading as at a date.

A progress row is known from its ``reported_on`` date, so the store answers "what had owners reported by
date X" and a paper as at a date is reproducible; a row is never overwritten (a later return is a new
row). Quarantined rows keep their reasons (file, row, column, value, code, message) in
``action_quarantine``; a file whose content was ingested before is not read again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS
from compact_analysis.evidence.action_returns import read_action_return
from compact_analysis.evidence.exports import write_csv
from compact_analysis.evidence.ingest import quarantine_path
from compact_analysis.evidence.migrations import transaction
from compact_analysis.plan.plans_model import PROGRESS_COLUMNS

#: Where a data folder keeps its action-progress returns.
ACTIONS_FOLDER = "actions"


@dataclass(frozen=True)
class ActionIngest:
    """What one progress file gave: rows read, accepted and quarantined (``skipped``: ingested before)."""

    file: str
    rows_read: int
    accepted: int
    quarantined: int
    skipped: bool = False

    def line(self) -> str:
        """One line for the command line, as member returns' reconciliation reads."""
        if self.skipped:
            return f"{ACTIONS_FOLDER}/{self.file}: already ingested (same content), skipped"
        return (
            f"{ACTIONS_FOLDER}/{self.file}: {self.rows_read} progress rows read, {self.accepted} accepted, "
            f"{self.quarantined} quarantined"
        )


def action_files(data: Path) -> list[Path]:
    """The data folder's ``actions/*.csv`` files in name order ([] when there is no such folder)."""
    folder = Path(data) / ACTIONS_FOLDER
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv") if folder.is_dir() else []


def ingest_action_file(con: duckdb.DuckDBPyConnection, path: Path, framework, when: datetime) -> ActionIngest:
    """Check one progress return against the framework's actions into the store in one transaction (accepted rows
    and quarantined reasons)."""
    action_ids = {a.id for plan in framework.plans for a in plan.actions}
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if con.execute("SELECT count(*) FROM action_files WHERE sha256 = ?", [digest]).fetchone()[0]:
        return ActionIngest(path.name, 0, 0, 0, skipped=True)
    read = read_action_return(path, action_ids)
    quarantined = {f.row for f in read.failures}
    with transaction(con):
        con.execute(
            "INSERT INTO action_files VALUES (?, ?, ?, ?, ?, ?)",
            [digest, path.name, read.rows_read, len(read.accepted), len(quarantined), when],
        )
        rows = read.accepted.assign(file=path.name)
        con.register("incoming_progress", rows)
        columns = ", ".join([*PROGRESS_COLUMNS, "file", "source_row"])
        con.execute(f"INSERT INTO action_progress ({columns}) SELECT {columns} FROM incoming_progress")
        con.unregister("incoming_progress")
        for f in read.failures:
            con.execute(
                'INSERT INTO action_quarantine (file, row, "column", value, code, message, reported_on) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [f.file, f.row, f.column, f.value, str(f.code), f.message, read.reported_on.get(f.row)],
            )
    target = quarantine_path(con, f"actions-{path.name}")  # quarantine/actions-<file>.csv, as returns' own
    if read.failures and target is not None:
        write_csv(target, pd.DataFrame([f.as_row() for f in read.failures], columns=list(FAILURE_COLUMNS)))
    return ActionIngest(path.name, read.rows_read, len(read.accepted), len(quarantined))


def progress_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """Every progress row reported on or before ``as_at``, oldest first (dates as :class:`date`); none from a
    store written before progress returns were kept (opened read-only, it is not migrated)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'action_progress'").fetchone()[0]:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    frame = con.execute(
        f"SELECT {', '.join(PROGRESS_COLUMNS)} FROM action_progress WHERE reported_on <= ? "
        "ORDER BY reported_on, file, source_row",
        [as_at],
    ).df()
    for column in ("reported_on", "done_on"):
        frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    return frame


def action_quarantine_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """Quarantined progress rows reported on or before ``as_at`` (and those whose date could not be read)."""
    return con.execute(
        'SELECT file, row, "column", value, code, message FROM action_quarantine '
        "WHERE reported_on IS NULL OR reported_on <= ? ORDER BY file, row",
        [as_at],
    ).df()


def ingest_actions(con: duckdb.DuckDBPyConnection, data: Path, framework, when: datetime) -> list[ActionIngest]:
    """Check every ``actions/*.csv`` of a data folder into the store, one transaction a file, in name order."""
    return [ingest_action_file(con, path, framework, when) for path in action_files(data)]
