"""Checking every cell of a return set-wise, and sending each row to the store or to quarantine.

Every row read ends in exactly one place: the store (accepted), the quarantine
table and file with its reasons, or the count of exact duplicates ignored. All
checks run as one SQL statement in DuckDB over all rows at once, not row by row,
and produce a failure table (file, sheet, row, column, value, code, message) in
frictionless-py's vocabulary plus the domain's codes (see :mod:`.reasons`).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS
from compact_analysis.evidence.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from compact_analysis.evidence.exports import write_csv
from compact_analysis.evidence.ingest_errors import errors_named
from compact_analysis.evidence.missing_cells import missing_flag
from compact_analysis.evidence.number_rules import fault_sql, parsed_sql
from compact_analysis.evidence.prepared import PREPARED, reference_tables
from compact_analysis.evidence.readers import load_return
from compact_analysis.evidence.reasons import Reason
from compact_analysis.evidence.reconciliation import Reconciliation, encoding_note, file_sha256
from compact_analysis.evidence.resources import limit_resources
from compact_analysis.evidence.scratch import scratch_for
from compact_analysis.evidence.store import store_file, transaction
from compact_analysis.evidence.submitted_rules import SUBMITTED_CHECKS, record_as_at
from compact_analysis.paths import safe_name
from compact_analysis.plan.file_kind import require_regular_file
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.yes_no import YES_NO_HELP, YES_NO_WORDS, YES_WORDS

_R = Reason
_MISSING_CELLS = "\nUNION ALL\n".join(
    f"SELECT record_id, sheet, source_row, {'value_column' if c == 'value' else repr(c)}, '{c}', '{Reason.MISSING_CELL}', "
    "'a value is required (blank, n/a and - count as missing)' "
    f"FROM prepared r WHERE {missing_flag(c)} AND NOT is_blank"
    for c in REQUIRED_COLUMNS
)
# Every failure, naming the cell it is about (``cell``: a column of ``raw``, or NULL for a whole row).
_CHECKS = f"""
CREATE OR REPLACE TEMP TABLE failed_cells AS
WITH earlier_levels AS (
    SELECT o.member_id, o.measure_id, o.period_end, o.submitted, lv.rank, -1 AS record_id
    FROM observations o
    JOIN ref_measures m ON m.measure_id = o.measure_id AND m.type = 'level'
    JOIN ref_levels lv ON lv.scale = m.scale AND lv.level = o.value
    WHERE o.member_id IN (SELECT m_id FROM prepared r WHERE rank IS NOT NULL)
    UNION ALL
    SELECT m_id, meas, period_end, submitted_date, rank, record_id FROM prepared r
    WHERE rank IS NOT NULL AND submitted_date IS NOT NULL AND period_end IS NOT NULL AND NOT is_correction
),
latest_before AS (
    SELECT r.record_id, e.rank AS earlier_rank
    FROM prepared r JOIN earlier_levels e ON e.member_id = r.m_id AND e.measure_id = r.meas
    WHERE r.rank IS NOT NULL AND NOT r.is_correction AND r.submitted_date IS NOT NULL AND r.period_end IS NOT NULL
      AND e.record_id <> r.record_id AND e.submitted <= r.submitted_date
      AND (e.period_end < r.period_end OR (e.period_end = r.period_end AND e.submitted < r.submitted_date))
      AND NOT EXISTS (SELECT 1 FROM ref_cycle_starts c  -- a recurring milestone's new cycle starts again
                      WHERE c.measure_id = r.meas AND e.period_end < c.cycle_start AND c.cycle_start <= r.period_end)
    QUALIFY row_number() OVER (PARTITION BY r.record_id ORDER BY e.period_end DESC, e.submitted DESC) = 1
)
SELECT record_id, sheet, source_row AS row, NULL::VARCHAR AS "column", NULL::VARCHAR AS cell,
       read_code AS code, NULL::VARCHAR AS message  -- the read marks' column and message: from raw
FROM prepared r WHERE read_code IS NOT NULL
  AND NOT (read_code = '{_R.MISSING_CELL}' AND required_cell_absent)
UNION ALL
SELECT record_id, sheet, source_row, '{_R.BLANK_ROW}', NULL, '{_R.BLANK_ROW}', 'the row is blank'
FROM prepared r WHERE is_blank
UNION ALL
{_MISSING_CELLS}
UNION ALL
SELECT record_id, sheet, source_row, 'member_id', 'member_id', '{_R.UNKNOWN_MEMBER}', 'not in the member register'
       || coalesce('; did you mean ' || (SELECT min(member_id) FROM ref_members WHERE lower(member_id) = lower(m_id))
                   || '? (ids are matched exactly, case included)', '')
FROM prepared r WHERE NOT miss_member_id AND NOT known_member
UNION ALL
SELECT record_id, sheet, source_row, CASE WHEN value_column = 'value' THEN 'measure_id' ELSE value_column END,
       CASE WHEN value_column = 'value' THEN 'measure_id' ELSE 'value' END, '{_R.UNKNOWN_MEASURE}',
       CASE WHEN value_column = 'value' THEN 'not a measure of the framework'
            ELSE 'the column ' || value_column || ' is not a measure of the framework' END
FROM prepared r WHERE NOT miss_measure_id AND type IS NULL
UNION ALL
SELECT record_id, sheet, source_row, 'period', 'period', '{_R.INVALID_PERIOD}',
       'expected a period of the framework''s years, like 2009-10-Q2 or 2009-10-M07'
FROM prepared r WHERE NOT miss_period AND period_end IS NULL
UNION ALL
SELECT record_id, sheet, source_row, 'submitted', 'submitted', '{_R.TYPE_ERROR}',
       'expected a date such as 2009-07-10, 10/07/2009 (day first) or 10-Jul-09'
FROM prepared r WHERE NOT miss_submitted AND submitted_date IS NULL AND NOT two_digit_year
UNION ALL
SELECT record_id, sheet, source_row, 'period', 'period', '{_R.PERIOD_AFTER_SUBMISSION}',
       'the period had not started on the date the return was submitted'
FROM prepared r WHERE submitted_date IS NOT NULL AND period_start IS NOT NULL AND period_start > submitted_date
UNION ALL
SELECT record_id, sheet, source_row, value_column, 'value', fault.code, fault.message
FROM (SELECT r.*, {fault_sql("r.value_text", parsed_sql("r.value_text"), "m.whole", "m.unit", "m.decimals")} AS fault
      FROM prepared r JOIN ref_measures m ON m.measure_id = r.meas WHERE r.number_faulty)
UNION ALL
SELECT record_id, sheet, source_row, value_column, 'value', '{_R.CONSTRAINT_ERROR}',
       'outside the allowed range' || coalesce(' (minimum ' || m.minimum || ')', '') || coalesce(' (maximum ' || m.maximum || ')', '')
FROM prepared r JOIN ref_measures m ON m.measure_id = r.meas WHERE r.out_of_range
UNION ALL
SELECT record_id, sheet, source_row, value_column, 'value', '{_R.TYPE_ERROR}', '{YES_NO_HELP}'
FROM prepared r WHERE type = 'yes-no' AND NOT miss_value AND lower(value_text) NOT IN {YES_NO_WORDS}
UNION ALL
SELECT record_id, sheet, source_row, value_column, 'value', '{_R.LEVEL_NOT_ON_SCALE}', 'not a level of the scale ' || m.scale
FROM prepared r JOIN ref_measures m ON m.measure_id = r.meas WHERE r.type = 'level' AND NOT miss_value AND rank IS NULL
UNION ALL
SELECT record_id, sheet, source_row, 'member_id', 'member_id', '{_R.NOT_A_MEMBER_AT_DATE}',
       'was not a member during ' || per
FROM prepared r WHERE outside_membership
UNION ALL
SELECT r.record_id, r.sheet, r.source_row, r.value_column, 'value', '{_R.STAGE_BACKWARDS}',
       'lower than the level already reported for an earlier period; mark the row as a correction if it is one'
FROM prepared r JOIN latest_before b ON b.record_id = r.record_id WHERE b.earlier_rank > r.rank
UNION ALL
SELECT record_id, sheet, source_row, value_column, 'value', '{_R.DUPLICATE_KEY}',
       'the same member, measure, period and submitted date appear with different values in this file'
FROM prepared r WHERE key_hash IN (SELECT key FROM repeated_keys WHERE values_differ)
UNION ALL
{SUBMITTED_CHECKS}"""

# The failure table: each failure with its cell as the member typed it, read back from ``raw`` (only the
# failing rows' cells are looked up; ``prepared`` holds the trimmed text, never shown as the value).
_FAILURES = f"""
CREATE OR REPLACE TEMP TABLE failures AS
SELECT f.record_id, f.sheet, f.row, coalesce(f."column", r.read_column) AS "column",
       CASE f.cell {" ".join(f"WHEN '{c}' THEN r.{c}" for c in (*REQUIRED_COLUMNS, "correction"))} END AS value,
       f.code, coalesce(f.message, r.read_message) AS message
FROM failed_cells f LEFT JOIN raw r ON r.record_id = f.record_id
"""


def _drop_read_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Free the reader's tables once the failures hold the cells they show (memory stays bounded)."""
    kinds = dict(
        con.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_name IN ('raw', 'cells', 'cells_read', 'sheet_cells') AND table_schema = 'main' AND table_catalog = 'temp'"
        ).fetchall()
    )
    for name, kind in kinds.items():
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} {name}")


def quarantine_path(con: duckdb.DuckDBPyConnection, file_name: str) -> Path | None:
    """``<store folder>/quarantine/<file>.csv`` for a store on disk; None for an in-memory store."""
    store = store_file(con)
    if store is None:
        return None
    stem = file_name[:-4] if file_name.lower().endswith(".csv") else file_name
    return store.parent / "quarantine" / f"{safe_name(stem, 'return file name')}.csv"


# Exact duplicates: every copy after the first of an identical row that passed the checks.
# Keys (member, measure, period, submitted) seen more than once: one grouping of every row, shared by the
# duplicate-key check and the exact duplicates (rows repeated exactly repeat their key too).
# Grouped first on the hash alone (cheap); values are compared only for the keys that repeat (few).
_REPEATED_KEYS = """
CREATE OR REPLACE TEMP TABLE repeated_keys AS
WITH repeated AS (SELECT key_hash FROM prepared GROUP BY key_hash HAVING count(*) > 1)
SELECT key_hash AS key, min(value_text) <> max(value_text) AS values_differ
FROM prepared WHERE key_hash IN (SELECT key_hash FROM repeated) GROUP BY key_hash
"""

_EXACT_DUPLICATES = """
CREATE OR REPLACE TEMP TABLE exact_duplicates AS
WITH candidates AS (
    SELECT * FROM prepared WHERE key_hash IN (SELECT key FROM repeated_keys)
),
keyed AS (
    SELECT record_id, m_id, meas, per, value_text, submitted FROM candidates
    WHERE hash(m_id, meas, per, value_text, submitted) IN (
        SELECT hash(m_id, meas, per, value_text, submitted) AS key FROM candidates
        GROUP BY key HAVING count(*) > 1
    ) AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.record_id = candidates.record_id)
),
repeated AS (
    SELECT m_id, meas, per, value_text, submitted, min(record_id) AS first_id FROM keyed
    GROUP BY ALL HAVING count(*) > 1
)
SELECT k.record_id FROM keyed k JOIN repeated USING (m_id, meas, per, value_text, submitted)
WHERE k.record_id <> repeated.first_id
"""

# Rows that passed every check and are not exact duplicates, stored with their values normalised.
# Each row's id is the store's largest id so far plus its record id (unique in the file, in file order), so
# ids grow with ingest and file order as a sequence's would; nextval() for each row would insert on one thread
# (the store's migration 8 dropped the sequence, so no other insert can take an id without saying which).
_INSERT_ACCEPTED = f"""
INSERT INTO observations (observation_id, member_id, measure_id, period, period_end, value, value_number,
                          comment, submitted, is_correction, file_id, source_row, sheet)
SELECT (SELECT coalesce(max(observation_id), 0) FROM observations) + record_id, m_id, meas, per, period_end,
       CASE WHEN type = 'yes-no' THEN CASE WHEN lower(value_text) IN {YES_WORDS} THEN 'yes' ELSE 'no' END
            WHEN type = 'number' AND value_number = floor(value_number)
                 THEN CAST(CAST(value_number AS HUGEINT) AS VARCHAR)
            WHEN type = 'number' THEN CAST(value_number AS VARCHAR)
            ELSE value_text END,
       CASE WHEN type = 'number' THEN value_number END,
       comment_text, submitted_date, is_correction, ?, source_row, sheet
FROM prepared p
WHERE NOT EXISTS (SELECT 1 FROM failures f WHERE f.record_id = p.record_id)
  AND NOT EXISTS (SELECT 1 FROM exact_duplicates d WHERE d.record_id = p.record_id)
"""

_INSERT_QUARANTINE = """
INSERT INTO quarantine (file_id, file, sheet, row, "column", value, code, message, member_id, period_end, submitted)
SELECT ?, ?, f.sheet, f.row, f."column", f.value, f.code, f.message || ?,
       CASE WHEN p.known_member THEN p.m_id END, p.period_end, p.submitted_date
FROM failures f LEFT JOIN prepared p ON p.record_id = f.record_id
"""

# Exact duplicates counted by their submitted date, so a paper counts only those sent by its evidence date.
_INSERT_DUPLICATES = """
INSERT INTO duplicate_rows (file_id, submitted, duplicates)
SELECT ?, p.submitted_date, count(*) FROM exact_duplicates d JOIN prepared p ON p.record_id = d.record_id
GROUP BY p.submitted_date
"""


def _check_rows(
    con: duckdb.DuckDBPyConnection, path: Path, framework: Framework, register: pd.DataFrame, as_at: date | None
):
    """Read the file and run every check: ``prepared``, ``failures`` and ``exact_duplicates`` hold the result."""
    reference_tables(con, framework, register)
    record_as_at(con, as_at)
    size = path.stat().st_size
    limit_resources(con, size)
    with scratch_for(con, size) as scratch:
        summary = load_return(con, path, {m.id for m in framework.measures}, scratch)
        con.execute(PREPARED)
        con.execute(_REPEATED_KEYS)
        con.execute(_CHECKS)
        con.execute(_FAILURES)
        _drop_read_tables(con)
    con.execute(_EXACT_DUPLICATES)
    return summary


def _store_file(
    con: duckdb.DuckDBPyConnection, name: str, sha: str, ingested_at: datetime | None, note: str = ""
) -> tuple[int, int, int, Path | None]:
    """In one transaction: accepted rows, quarantined failures, the file's counts and its quarantine CSV.

    ``note`` (how the file was read, if guessed) ends every quarantined row's message.

    The CSV is written before COMMIT (atomically), so a full disk leaves the store as it was.
    Returns the file's id, rows read, rows quarantined and the CSV's path.
    """
    rows_read = con.execute("SELECT count(*) FROM prepared").fetchall()[0][0]
    with transaction(con):
        file_id = con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM files").fetchall()[0][0]
        con.execute(_INSERT_ACCEPTED, [file_id])
        con.execute(_INSERT_QUARANTINE, [file_id, name, f" ({note})" if note else ""])
        con.execute(_INSERT_DUPLICATES, [file_id])
        quarantined = con.execute("SELECT count(DISTINCT record_id) FROM failures").fetchall()[0][0]
        duplicates = con.execute("SELECT count(*) FROM exact_duplicates").fetchall()[0][0]
        accepted = rows_read - quarantined - duplicates
        con.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [file_id, name, sha, rows_read, accepted, quarantined, duplicates, ingested_at],
        )
        target = quarantine_path(con, name) if quarantined else None
        if target is not None:
            write_csv(target, failures_for(con, name, file_id))
    return rows_read, quarantined, duplicates, target


def ingest_returns(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    framework: Framework,
    register: pd.DataFrame,
    ingested_at: datetime | None = None,
) -> Reconciliation:
    """Check one CSV or XLSX return file and append it to the store in one transaction.

    Re-ingesting a file with the same content changes nothing. Quarantined rows
    are also written, with their reasons, to ``quarantine/<file>.csv`` beside the store.
    Submitted dates after ``ingested_at``'s day are quarantined (none checked without it).
    """
    path = require_regular_file(path)  # a folder, FIFO or device: said what it is, never opened
    sha = file_sha256(path)
    if con.execute("SELECT count(*) FROM files WHERE sha256 = ?", [sha]).fetchall()[0][0]:
        return Reconciliation(path.name, sha, 0, 0, 0, 0, already_ingested=True)
    as_at = ingested_at.date() if ingested_at else None
    with errors_named(path):
        summary = _check_rows(con, path, framework, register, as_at)
        note = encoding_note(summary.encoding)
        rows_read, quarantined, duplicates, target = _store_file(con, path.name, sha, ingested_at, note)
    return Reconciliation(
        path.name,
        sha,
        rows_read,
        rows_read - quarantined - duplicates,
        quarantined,
        duplicates,
        layout=summary.layout,
        sheets=tuple(summary.sheets),
        skipped_sheets=tuple(summary.skipped_sheets),
        quarantine_file=target,
        as_at=as_at,
        encoding=summary.encoding,
    )


def failures_for(con: duckdb.DuckDBPyConnection, file_name: str, file_id: int | None = None) -> pd.DataFrame:
    """The failure table for one ingested file, in :data:`FAILURE_COLUMNS` (the quarantine CSV holds the same)."""
    columns = ", ".join(f'"{c}"' for c in FAILURE_COLUMNS)
    return con.execute(
        f"SELECT {columns} FROM quarantine "
        "WHERE file = ? AND (? IS NULL OR file_id = ?) "
        'ORDER BY sheet NULLS FIRST, row, "column", code',
        [file_name, file_id, file_id],
    ).df()


__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "Reason",
    "Reconciliation",
    "failures_for",
    "ingest_returns",
]
