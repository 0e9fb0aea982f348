"""The evidence store: an append-only DuckDB file of what members reported, and when.

A correction is a new row with a later submitted date; nothing is overwritten,
so "what did we know as at date X" can always be answered and a past report
reproduced exactly.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.errors import ErrorCode, StoreError
from compact_analysis.evidence.migrations import (  # MEMORY_LIMIT is re-exported: callers read it here
    MEMORY_LIMIT as MEMORY_LIMIT,
)
from compact_analysis.evidence.migrations import (
    Migrations,
    open_database,
    schema_version,
    transaction,
)
from compact_analysis.plan.periods import Period, period_containing

MIGRATIONS: Migrations = {
    1: (
        "create observations, files and quarantine",
        """
        CREATE TABLE files (
            file_id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
            rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL, quarantined INTEGER NOT NULL,
            duplicates INTEGER NOT NULL, ingested_at TIMESTAMP
        );
        CREATE SEQUENCE observation_ids;
        CREATE TABLE observations (
            observation_id BIGINT NOT NULL DEFAULT nextval('observation_ids'),
            member_id TEXT NOT NULL, measure_id TEXT NOT NULL, period TEXT NOT NULL,
            period_end DATE NOT NULL, value TEXT NOT NULL, value_number DOUBLE,
            comment TEXT, submitted DATE NOT NULL, is_correction BOOLEAN NOT NULL DEFAULT FALSE,
            file_id INTEGER NOT NULL, source_row BIGINT NOT NULL, sheet TEXT
        );
        CREATE TABLE quarantine (
            file_id INTEGER NOT NULL, file TEXT NOT NULL, sheet TEXT, row BIGINT, "column" TEXT,
            value TEXT, code TEXT NOT NULL, message TEXT NOT NULL
        );
        """,
    ),
    2: (
        "create the exceptions register and its append-only history",
        """
        CREATE TABLE exceptions (
            exception_id TEXT PRIMARY KEY, rule_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
            indicator_id TEXT, member_id TEXT, opened_period TEXT NOT NULL, opened_on DATE NOT NULL,
            owner TEXT NOT NULL, detail TEXT NOT NULL
        );
        CREATE SEQUENCE exception_event_ids;
        CREATE TABLE exception_events (
            event_id BIGINT PRIMARY KEY DEFAULT nextval('exception_event_ids'),
            exception_id TEXT NOT NULL, event TEXT NOT NULL, period TEXT, on_date DATE NOT NULL,
            note TEXT, detail TEXT
        );
        """,
    ),
    3: (
        "name the member and period of each quarantined row where they could be read",
        """
        ALTER TABLE quarantine ADD COLUMN member_id TEXT;
        ALTER TABLE quarantine ADD COLUMN period_end DATE;
        """,
    ),
    4: (
        "date each quarantined row and each exact duplicate by its submitted date, so a paper lists them as at a date",
        """
        ALTER TABLE quarantine ADD COLUMN submitted DATE;
        CREATE TABLE duplicate_rows (file_id INTEGER NOT NULL, submitted DATE, duplicates INTEGER NOT NULL);
        """,
    ),
    5: (
        "keep resolutions by rule key (the register is derived from the evidence), keeping earlier resolutions",
        """
        CREATE SEQUENCE exception_resolution_ids;
        CREATE TABLE exception_resolutions (
            resolution_id BIGINT PRIMARY KEY DEFAULT nextval('exception_resolution_ids'),
            rule_key TEXT NOT NULL, exception_id TEXT, on_date DATE NOT NULL, note TEXT NOT NULL
        );
        INSERT INTO exception_resolutions (rule_key, exception_id, on_date, note)
        SELECT x.rule_key, e.exception_id, e.on_date, coalesce(e.note, '')
        FROM exception_events e JOIN exceptions x USING (exception_id)
        WHERE e.event = 'resolved' ORDER BY e.event_id;
        """,
    ),
    6: (
        "record members' sign-off of their returns, who and when (evidence/signoffs.py), beside the returns",
        """
        CREATE SEQUENCE return_signoff_ids;
        CREATE TABLE return_signoffs (
            signoff_id BIGINT PRIMARY KEY DEFAULT nextval('return_signoff_ids'),
            member_id TEXT NOT NULL, period TEXT NOT NULL, signed_by TEXT NOT NULL, signed_on DATE NOT NULL
        );
        """,
    ),
    7: (
        "create action-progress returns, their files and their quarantine (evidence/action_store.py)",
        """
        CREATE TABLE action_files (
            sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL,
            quarantined INTEGER NOT NULL, ingested_at TIMESTAMP
        );
        CREATE TABLE action_progress (
            action_id TEXT NOT NULL, reported_on DATE NOT NULL, status TEXT NOT NULL, done_on DATE,
            note TEXT, reported_by TEXT NOT NULL, file TEXT NOT NULL, source_row BIGINT NOT NULL
        );
        CREATE TABLE action_quarantine (
            file TEXT NOT NULL, row BIGINT, "column" TEXT, value TEXT, code TEXT NOT NULL, message TEXT NOT NULL,
            reported_on DATE
        );
        """,
    ),
    8: (
        "observation ids are given by ingest (the store's largest id plus the row's record id), not a sequence",
        """
        ALTER TABLE observations ALTER COLUMN observation_id DROP DEFAULT;
        DROP SEQUENCE observation_ids;
        """,
    ),
}

SCHEMA_VERSION = max(MIGRATIONS)


def store_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the store ``con`` is connected to, or None for an in-memory store."""
    rows = con.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


@contextmanager
def open_store(path: str | Path, read_only: bool = False, wait_seconds: float | None = None):
    """Open (creating and migrating if needed) the store; a clear error if another process holds it.

    ``wait_seconds`` is how long to wait for another process to let go first: by default a reader waits up
    to READER_WAIT_SECONDS (a report recording its exceptions holds the store for about a second) and a
    writer not at all (a second ingest is told at once that the store is busy). The migration runner and
    the lock wait are :mod:`~compact_analysis.evidence.migrations`', shared with the training store.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(
            f"{path}: no evidence store here; run `compact-analysis ingest` first", code=ErrorCode.STORE_MISSING
        )
    with open_database(path, MIGRATIONS, read_only, wait_seconds, "an evidence store") as con:
        yield con


def observations_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """The latest value of each member, measure and period submitted on or before ``as_at``.

    A later submission for the same member, measure and period supersedes an
    earlier one; ties on the date go to the row ingested last.
    """
    rows = con.execute(
        """
        SELECT member_id, measure_id, period, period_end, value, value_number, comment, submitted
        FROM observations
        WHERE submitted <= ?
        QUALIFY row_number() OVER (
            PARTITION BY member_id, measure_id, period ORDER BY submitted DESC, observation_id DESC
        ) = 1
        ORDER BY measure_id, member_id, period_end
        """,
        [as_at],
    ).df()
    return _dates_as_date(rows, "period_end", "submitted")


def _dates_as_date(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """DuckDB hands DATE columns to pandas as timestamps; the package compares with ``datetime.date``."""
    for column in columns:
        frame[column] = frame[column].dt.date
    return frame


def quarantine(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every quarantined cell with its reason."""
    return con.execute('SELECT * FROM quarantine ORDER BY file_id, row, "column"').df()


def latest_period_with_data(con: duckdb.DuckDBPyConnection, framework) -> Period:
    """The last period of the framework's default cadence that any observation falls in."""
    last = con.execute("SELECT max(period_end) FROM observations").fetchall()[0][0]
    if last is None:
        raise StoreError(
            "the evidence store holds no observations yet; run `compact-analysis ingest`", code=ErrorCode.STORE_EMPTY
        )
    return period_containing(last, framework.default_cadence, framework.terms)


def observation_period_ends(con: duckdb.DuckDBPyConnection) -> list[date]:
    """Every distinct period end the stored observations speak for, oldest first."""
    return [row[0] for row in con.execute("SELECT DISTINCT period_end FROM observations ORDER BY 1").fetchall()]


def periods_with_data(con: duckdb.DuckDBPyConnection, framework) -> list[Period]:
    """Every period of the framework's default cadence that at least one observation falls in."""
    ends = [row[0] for row in con.execute("SELECT DISTINCT period_end FROM observations ORDER BY 1").fetchall()]
    found = {period_containing(end, framework.default_cadence, framework.terms) for end in ends}
    return sorted(p for p in found if p.year_name in framework.years)


# -- the exceptions register (migration 2): rows are only ever added ------------------------------

EXCEPTION_COLUMNS = (
    "exception_id",
    "rule_key",
    "kind",
    "indicator_id",
    "member_id",
    "opened_period",
    "opened_on",
    "owner",
    "detail",
)
EVENT_COLUMNS = ("event_id", "exception_id", "event", "period", "on_date", "note", "detail")


def _has_exceptions(con: duckdb.DuckDBPyConnection) -> bool:
    return schema_version(con) >= 2


def exception_register(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every exception ever opened (one row each; empty for a store not yet migrated)."""
    if not _has_exceptions(con):
        return pd.DataFrame(columns=list(EXCEPTION_COLUMNS))
    frame = con.execute(f"SELECT {', '.join(EXCEPTION_COLUMNS)} FROM exceptions ORDER BY exception_id").df()
    return _dates_as_date(frame, "opened_on")


def exception_events(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The history of every exception (opened, seen, resolved, reopened), in the order recorded."""
    if not _has_exceptions(con):
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    frame = con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM exception_events ORDER BY event_id").df()
    return _dates_as_date(frame, "on_date")


def append_exceptions(con: duckdb.DuckDBPyConnection, opened: pd.DataFrame, events: pd.DataFrame) -> None:
    """Add new exceptions and history events in one transaction; nothing is updated or deleted."""
    with transaction(con):
        for row in opened.itertuples(index=False):
            con.execute(
                f"INSERT INTO exceptions ({', '.join(EXCEPTION_COLUMNS)}) VALUES ({', '.join('?' * len(EXCEPTION_COLUMNS))})",
                [_null(getattr(row, c)) for c in EXCEPTION_COLUMNS],
            )
        for row in events.itertuples(index=False):
            con.execute(
                "INSERT INTO exception_events (exception_id, event, period, on_date, note, detail) VALUES (?, ?, ?, ?, ?, ?)",
                [_null(v) for v in (row.exception_id, row.event, row.period, row.on_date, row.note, row.detail)],
            )


RESOLUTION_COLUMNS = ("rule_key", "exception_id", "on_date", "note")


def exception_resolutions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every resolution (rule key, the id shown then, date, note) in the order made; empty before migration 4."""
    if schema_version(con) < 4:
        return pd.DataFrame(columns=list(RESOLUTION_COLUMNS))
    frame = con.execute(
        f"SELECT {', '.join(RESOLUTION_COLUMNS)} FROM exception_resolutions ORDER BY resolution_id"
    ).df()
    return _dates_as_date(frame, "on_date")


def append_resolution(con: duckdb.DuckDBPyConnection, rule_key: str, exception_id: str, on: date, note: str) -> None:
    """Add one resolution; nothing is updated or deleted (a later resolution follows a reopening)."""
    con.execute(
        "INSERT INTO exception_resolutions (rule_key, exception_id, on_date, note) VALUES (?, ?, ?, ?)",
        [rule_key, exception_id, on, note],
    )


def _null(value: object) -> object:
    """pandas' missing values (NaN, NaT, None) become SQL NULL, never the text 'nan'."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def first_submissions(con: duckdb.DuckDBPyConnection, period_start: date, period_end: date) -> pd.DataFrame:
    """Each member's first submission date for data of periods ending between the two dates (inclusive).

    The first, not the latest: a correction sent after the due date does not make an on-time return late.
    """
    frame = con.execute(
        """
        SELECT member_id, min(submitted) AS first_submitted FROM observations
        WHERE period_end BETWEEN ? AND ? GROUP BY member_id ORDER BY member_id
        """,
        [period_start, period_end],
    ).df()
    return _dates_as_date(frame, "first_submitted")
