"""Reading members' returns, checking every cell set-wise, and quarantining what fails.

Every row read ends in exactly one place: the store (accepted), the quarantine
table with its reasons, or the count of exact duplicates ignored. Checks run as
one SQL statement in DuckDB over all rows at once, not row by row, and produce
a failure table in frictionless-py's vocabulary (``missing-cell``,
``type-error``, ``constraint-error``, ``duplicate-row``) plus the domain's own
codes (``unknown-member``, ``not-a-member-at-date``, ...).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import duckdb
import pandas as pd

from .errors import InputError
from .framework import Framework
from .periods import CADENCE_CODES, periods_of_year

REQUIRED_COLUMNS = ("member_id", "measure_id", "period", "value", "submitted")
OPTIONAL_COLUMNS = ("comment", "correction")


class Reason(StrEnum):
    """Stable codes for why a cell was quarantined; tests assert these, not the wording."""

    MISSING_CELL = "missing-cell"
    TYPE_ERROR = "type-error"
    CONSTRAINT_ERROR = "constraint-error"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_MEMBER = "unknown-member"
    UNKNOWN_MEASURE = "unknown-measure"
    INVALID_PERIOD = "invalid-period"
    NOT_A_MEMBER_AT_DATE = "not-a-member-at-date"
    LEVEL_NOT_ON_SCALE = "level-not-on-scale"
    PERIOD_AFTER_SUBMISSION = "period-after-submission"


@dataclass(frozen=True)
class Reconciliation:
    """What happened to one file: rows read = accepted + quarantined + duplicates ignored."""

    file: str
    sha256: str
    rows_read: int
    accepted: int
    quarantined: int
    duplicates: int
    already_ingested: bool = False

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.accepted + self.quarantined + self.duplicates

    def line(self) -> str:
        if self.already_ingested:
            return f"{self.file}: already ingested (same content), nothing changed"
        return (
            f"{self.file}: {self.rows_read} rows read = {self.accepted} accepted + "
            f"{self.quarantined} quarantined + {self.duplicates} duplicates ignored"
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reference_tables(con: duckdb.DuckDBPyConnection, framework: Framework, register: pd.DataFrame) -> None:
    """Load the framework's periods, measures and levels and the register as small tables."""
    periods = [
        (p.name, p.start(framework.terms), p.end(framework.terms))
        for year in framework.years
        for cadence in ("annual", "quarterly", "monthly", *(("termly",) if framework.terms else ()))
        for p in periods_of_year(year, cadence, framework.terms)
    ]
    con.register("ref_periods_df", pd.DataFrame(periods, columns=["period", "period_start", "period_end"]))
    measures = pd.DataFrame(
        [(m.id, m.type, m.scale, m.minimum, m.maximum) for m in framework.measures],
        columns=["measure_id", "type", "scale", "minimum", "maximum"],
    )
    con.register("ref_measures_df", measures)
    levels = pd.DataFrame(
        [(s.id, level, rank) for s in framework.scales for rank, level in enumerate(s.levels, 1)],
        columns=["scale", "level", "rank"],
    )
    con.register("ref_levels_df", levels if len(levels) else pd.DataFrame({"scale": [], "level": [], "rank": []}))
    con.register("ref_members_df", register[["member_id", "joined", "left"]])
    for name in ("ref_periods", "ref_measures", "ref_levels", "ref_members"):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_df")
        con.unregister(f"{name}_df")


_CHECKS = """
CREATE OR REPLACE TEMP TABLE failures AS
WITH r AS (
    SELECT raw.*, p.period_start, p.period_end, m.type, m.scale, m.minimum, m.maximum,
           try_strptime(trim(raw.submitted), '%Y-%m-%d')::DATE AS submitted_date,
           try_cast(replace(trim(raw.value), ',', '') AS DOUBLE) AS value_number
    FROM raw
    LEFT JOIN ref_periods p ON p.period = trim(raw.period)
    LEFT JOIN ref_measures m ON m.measure_id = trim(raw.measure_id)
)
SELECT source_row, col AS "column", val AS value, code, message FROM (
    SELECT source_row, unnest(['member_id','measure_id','period','value','submitted']) AS col,
           unnest([member_id, measure_id, period, value, submitted]) AS val,
           'missing-cell' AS code, 'a value is required' AS message FROM r
) WHERE val IS NULL OR trim(val) = ''
UNION ALL
SELECT source_row, 'member_id', member_id, 'unknown-member', 'not in the member register'
FROM r WHERE trim(member_id) <> '' AND trim(member_id) NOT IN (SELECT member_id FROM ref_members)
UNION ALL
SELECT source_row, 'measure_id', measure_id, 'unknown-measure', 'not a measure of the framework'
FROM r WHERE trim(measure_id) <> '' AND type IS NULL
UNION ALL
SELECT source_row, 'period', period, 'invalid-period',
       'expected a period of the framework''s years, like 2009-10-Q2 or 2009-10-M07'
FROM r WHERE trim(period) <> '' AND period_end IS NULL
UNION ALL
SELECT source_row, 'submitted', submitted, 'type-error', 'expected a date YYYY-MM-DD'
FROM r WHERE trim(submitted) <> '' AND submitted_date IS NULL
UNION ALL
SELECT source_row, 'period', period, 'period-after-submission',
       'the period had not started on the date the return was submitted'
FROM r WHERE submitted_date IS NOT NULL AND period_start IS NOT NULL AND period_start > submitted_date
UNION ALL
SELECT source_row, 'value', value, 'type-error', 'expected a number'
FROM r WHERE type = 'number' AND trim(value) <> '' AND value_number IS NULL
UNION ALL
SELECT source_row, 'value', value, 'constraint-error',
       'outside the allowed range' || coalesce(' (minimum ' || minimum || ')', '') || coalesce(' (maximum ' || maximum || ')', '')
FROM r WHERE type = 'number' AND value_number IS NOT NULL
      AND ((minimum IS NOT NULL AND value_number < minimum) OR (maximum IS NOT NULL AND value_number > maximum))
UNION ALL
SELECT source_row, 'value', value, 'type-error', 'expected yes or no'
FROM r WHERE type = 'yes-no' AND trim(value) <> '' AND lower(trim(value)) NOT IN ('yes', 'no', 'y', 'n')
UNION ALL
SELECT source_row, 'value', value, 'level-not-on-scale', 'not a level of the scale ' || scale
FROM r WHERE type = 'level' AND trim(value) <> ''
      AND trim(value) NOT IN (SELECT level FROM ref_levels l WHERE l.scale = r.scale)
UNION ALL
SELECT r.source_row, 'member_id', r.member_id, 'not-a-member-at-date',
       'was not a member during ' || trim(r.period)
FROM r JOIN ref_members mm ON mm.member_id = trim(r.member_id)
WHERE r.period_end IS NOT NULL
  AND ((mm.joined IS NOT NULL AND mm.joined > r.period_end) OR (mm.left IS NOT NULL AND mm.left < r.period_start))
UNION ALL
SELECT source_row, 'value', value, 'duplicate-key',
       'the same member, measure, period and submitted date appear with different values in this file'
FROM (
    SELECT *, count(DISTINCT trim(value)) OVER (PARTITION BY trim(member_id), trim(measure_id), trim(period), trim(submitted)) AS n
    FROM r
) WHERE n > 1
"""


def _read_raw(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE raw_text AS SELECT * FROM read_csv(?, all_varchar=true, header=true)",
            [str(path)],
        )
    except duckdb.Error as exc:
        raise InputError(f"{path}: cannot be read as CSV ({str(exc).splitlines()[0]})") from None
    columns = [row[0] for row in con.execute("DESCRIBE raw_text").fetchall()]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}; a return needs {', '.join(REQUIRED_COLUMNS)}"
        )
    extras = [f"NULL::VARCHAR AS {c}" for c in OPTIONAL_COLUMNS if c not in columns]
    select = ", ".join([*REQUIRED_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in columns), *extras])
    # Row numbers as a person counts them in the file: the header is row 1.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE raw AS SELECT row_number() OVER () + 1 AS source_row, {select} FROM raw_text"
    )


def ingest_returns(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    framework: Framework,
    register: pd.DataFrame,
    ingested_at: datetime | None = None,
) -> Reconciliation:
    """Check one CSV return file and append it to the store in one transaction.

    Re-ingesting a file with the same content changes nothing.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    sha = file_sha256(path)
    if con.execute("SELECT count(*) FROM files WHERE sha256 = ?", [sha]).fetchall()[0][0]:
        return Reconciliation(path.name, sha, 0, 0, 0, 0, already_ingested=True)
    _reference_tables(con, framework, register)
    _read_raw(con, path)
    con.execute(_CHECKS)
    rows_read = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE exact_duplicates AS
        SELECT source_row FROM (
            SELECT source_row, row_number() OVER (
                PARTITION BY trim(member_id), trim(measure_id), trim(period), trim(value), trim(submitted)
                ORDER BY source_row) AS k
            FROM raw WHERE source_row NOT IN (SELECT source_row FROM failures)
        ) WHERE k > 1
        """
    )
    con.execute("BEGIN")
    try:
        file_id = con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM files").fetchall()[0][0]
        con.execute(
            """
            INSERT INTO observations (member_id, measure_id, period, period_end, value, value_number,
                                      comment, submitted, is_correction, file_id, source_row)
            SELECT trim(r.member_id), trim(r.measure_id), trim(r.period), p.period_end,
                   CASE WHEN m.type = 'yes-no' THEN CASE WHEN lower(trim(r.value)) IN ('yes','y') THEN 'yes' ELSE 'no' END
                        ELSE trim(r.value) END,
                   try_cast(replace(trim(r.value), ',', '') AS DOUBLE),
                   nullif(trim(r.comment), ''), strptime(trim(r.submitted), '%Y-%m-%d')::DATE,
                   coalesce(lower(trim(r.correction)) IN ('yes', 'y', 'true', '1'), FALSE), ?, r.source_row
            FROM raw r
            JOIN ref_periods p ON p.period = trim(r.period)
            JOIN ref_measures m ON m.measure_id = trim(r.measure_id)
            WHERE r.source_row NOT IN (SELECT source_row FROM failures)
              AND r.source_row NOT IN (SELECT source_row FROM exact_duplicates)
            ORDER BY r.source_row
            """,
            [file_id],
        )
        con.execute(
            'INSERT INTO quarantine SELECT ?, ?, NULL, source_row, "column", value, code, message FROM failures',
            [file_id, path.name],
        )
        quarantined = con.execute("SELECT count(DISTINCT source_row) FROM failures").fetchall()[0][0]
        duplicates = con.execute("SELECT count(*) FROM exact_duplicates").fetchall()[0][0]
        accepted = rows_read - quarantined - duplicates
        con.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [file_id, path.name, sha, rows_read, accepted, quarantined, duplicates, ingested_at],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return Reconciliation(path.name, sha, rows_read, accepted, quarantined, duplicates)


def failures_for(con: duckdb.DuckDBPyConnection, file_name: str) -> pd.DataFrame:
    """The failure table for one ingested file: file, sheet, row, column, value, code, message."""
    return con.execute(
        'SELECT file, sheet, row, "column", value, code, message FROM quarantine WHERE file = ? ORDER BY row, "column"',
        [file_name],
    ).df()


__all__ = ["CADENCE_CODES", "Reason", "Reconciliation", "failures_for", "ingest_returns"]
