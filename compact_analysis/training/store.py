"""The training store (``<data>/training/store.duckdb``): its migrations, opened like the evidence store.

The training tables live in their own file so the evidence store's migrations stay with their owners;
both files open through :func:`compact_analysis.evidence.migrations.open_database` (numbered
migrations, a bounded lock wait, bounded memory, a newer release's file refused).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb

from compact_analysis.errors import InputError
from compact_analysis.evidence.migrations import Migrations, migrate, open_database

MIGRATIONS: Migrations = {
    1: (
        "create the training tables (a store made before migrations already has them, and keeps its rows)",
        # IF NOT EXISTS only here: it adopts a store written before the training store had migrations.
        """
        CREATE TABLE IF NOT EXISTS training_files (
            file_id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
            rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL, quarantined INTEGER NOT NULL,
            ingested_at TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS learner_keys (learner_key TEXT PRIMARY KEY, learner_id INTEGER NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS training_records (
            member_id TEXT NOT NULL, directorate TEXT NOT NULL, learner_id INTEGER NOT NULL, course TEXT,
            category TEXT NOT NULL, priority TEXT NOT NULL, start_date DATE NOT NULL, end_date DATE,
            minutes INTEGER NOT NULL, cost_pence BIGINT NOT NULL, funding_source TEXT NOT NULL,
            status TEXT NOT NULL, file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS training_budgets (
            member_id TEXT NOT NULL, directorate TEXT NOT NULL, priority TEXT NOT NULL, year TEXT NOT NULL,
            budget_pence BIGINT NOT NULL, file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS training_quarantine (
            file_id INTEGER NOT NULL, file TEXT NOT NULL, sheet TEXT, row BIGINT, "column" TEXT,
            value TEXT, code TEXT NOT NULL, message TEXT NOT NULL
        );
        """,
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)


def migrate_training_store(con: duckdb.DuckDBPyConnection) -> int:
    """Bring a connection's training tables up to date (an in-memory database too); return the version."""
    return migrate(con, MIGRATIONS, "training store")


@contextmanager
def open_training_store(path: Path, read_only: bool = False, wait_seconds: float | None = None):
    """Open the training store, migrating it when writing; a reader waits for a writer to finish."""
    if read_only and not path.exists():
        raise InputError(f"{path}: no training store; run `compact-analysis training ingest` first")
    with open_database(path, MIGRATIONS, read_only, wait_seconds, "a training store") as con:
        yield con
