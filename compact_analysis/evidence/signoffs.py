"""Members' sign-off of their returns (who signed, when), and the first return of each measure and period.

Seed 002 asks for "clear accountability and ownership"; issue #26 asks that a member's sign-off of its
return be recorded with the return. It is a table of the evidence store (migration 6), written by
``compact-analysis returns sign-off``, not new columns in the return files, so the ingest keeps its shape.
Sign-offs are append-only: a later one for the same member and period supersedes an earlier one, and
reading "as at" a date sees only those signed on or before it (nothing reads the clock).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from compact_analysis.evidence.migrations import transaction

SIGNOFF_COLUMNS = ["member_id", "period", "signed_by", "signed_on"]
FIRST_COLUMNS = ["member_id", "measure_id", "period", "first_submitted"]


def record_signoff(con: duckdb.DuckDBPyConnection, member_id: str, period: str, signed_by: str, on: date) -> None:
    """Append one sign-off (the caller has checked the member, the period and the name)."""
    with transaction(con):
        con.execute(
            "INSERT INTO return_signoffs (member_id, period, signed_by, signed_on) VALUES (?, ?, ?, ?)",
            [member_id, period, signed_by, on],
        )


def _as_dates(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    return frame


def signoffs_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """The latest sign-off of each member and period signed on or before ``as_at`` (none in a store opened
    read-only from before migration 6, which has no such table yet)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'return_signoffs'").fetchall()[0][0]:
        return pd.DataFrame(columns=SIGNOFF_COLUMNS)
    frame = con.execute(
        """
        SELECT member_id, period, signed_by, signed_on FROM return_signoffs WHERE signed_on <= ?
        QUALIFY row_number() OVER (PARTITION BY member_id, period ORDER BY signed_on DESC, signoff_id DESC) = 1
        ORDER BY member_id, period
        """,
        [as_at],
    ).df()
    return _as_dates(frame, "signed_on")[SIGNOFF_COLUMNS]


def first_returns(con: duckdb.DuckDBPyConnection, period: str, start: date, end: date, as_at: date) -> pd.DataFrame:
    """Each member's first return of each measure for ``period`` submitted on or before ``as_at``.

    A return counts for the period when its own period ends within the period's first and last day (as
    :func:`compact_analysis.evidence.store.first_submissions` counts a member's return for the paper's
    timeliness): a quarter ending 30 June counts for a term ending 22 July. The first, not the latest: a
    correction sent after the due date does not make an on-time return late.
    """
    frame = con.execute(
        """
        SELECT member_id, measure_id, ? AS period, min(submitted) AS first_submitted FROM observations
        WHERE period_end BETWEEN ? AND ? AND submitted <= ? GROUP BY member_id, measure_id
        ORDER BY member_id, measure_id
        """,
        [period, start, end, as_at],
    ).df()
    return _as_dates(frame, "first_submitted")[FIRST_COLUMNS]
