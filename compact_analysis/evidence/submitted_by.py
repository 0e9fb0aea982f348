"""The store's files and quarantine as at an evidence date: only what had been submitted by then.

A paper for 2009-10-Q2 (evidence up to 14 November 2009) must not list the Q3 and Q4 returns sent
later, whenever they were ingested. "Submitted by then" is read from the rows, never from the
ingest time:

- an accepted row or an exact duplicate counts from its ``submitted`` date;
- a quarantined row counts from its own ``submitted`` date when that could be read, else from its
  file's earliest readable submitted date (the file was sent no earlier than that);
- a file is listed when at least one of its rows counts, with only those rows counted
  (rows read = accepted + quarantined + duplicates ignored, each on or before the date);
- a file in which no row has a readable submitted date cannot be placed in time and is listed in
  no paper (``ingest`` and ``quarantine/<file>.csv`` report it).

Stores written before migration 4 did not keep a quarantined row's or a duplicate's date: those
rows count from their file's earliest readable submitted date.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from compact_analysis.evidence.migrations import schema_version

# Each file's earliest readable submitted date over every row it sent.
_EARLIEST = """
earliest AS (
    SELECT file_id, min(submitted) AS first_submitted FROM (
        SELECT file_id, submitted FROM observations
        UNION ALL SELECT file_id, submitted FROM {quarantine}
        UNION ALL SELECT file_id, submitted FROM {duplicates}
    ) WHERE submitted IS NOT NULL GROUP BY file_id
),
dated_quarantine AS (
    SELECT q.*, coalesce(q.submitted, e.first_submitted) AS counts_from
    FROM {quarantine} q JOIN earliest e USING (file_id)
)
"""
# A store opened read-only is not migrated: before migration 4 no quarantined row or duplicate kept its date.
_TABLES = {"quarantine": "quarantine", "duplicates": "duplicate_rows"}
_TABLES_BEFORE_4 = {
    "quarantine": "(SELECT *, CAST(NULL AS DATE) AS submitted FROM quarantine)",
    "duplicates": "(SELECT 0 AS file_id, CAST(NULL AS DATE) AS submitted, 0 AS duplicates WHERE false)",
}

_FILES = f"""
WITH {_EARLIEST},
accepted AS (SELECT file_id, count(*) AS n FROM observations WHERE submitted <= $as_at GROUP BY file_id),
quarantined AS (
    SELECT file_id, count(DISTINCT (coalesce(sheet, ''), row)) AS n FROM dated_quarantine
    WHERE counts_from <= $as_at GROUP BY file_id
),
dated_duplicates AS (SELECT file_id, sum(duplicates) AS n_all,
                            sum(duplicates) FILTER (WHERE submitted <= $as_at) AS n FROM {{duplicates}} GROUP BY file_id),
counted AS (
    SELECT f.file_id, f.name, f.sha256, e.first_submitted,
           coalesce(a.n, 0) AS accepted, coalesce(q.n, 0) AS quarantined,
           coalesce(d.n, 0)
             + CASE WHEN e.first_submitted <= $as_at THEN f.duplicates - coalesce(d.n_all, 0) ELSE 0 END AS duplicates
    FROM files f JOIN earliest e USING (file_id)
    LEFT JOIN accepted a USING (file_id) LEFT JOIN quarantined q USING (file_id)
    LEFT JOIN dated_duplicates d USING (file_id)
)
SELECT file_id, name, sha256, first_submitted, CAST(accepted + quarantined + duplicates AS BIGINT) AS rows_read,
       CAST(accepted AS BIGINT) AS accepted, CAST(quarantined AS BIGINT) AS quarantined,
       CAST(duplicates AS BIGINT) AS duplicates
FROM counted WHERE accepted + quarantined + duplicates > 0 ORDER BY file_id
"""

_QUARANTINE = f"""
WITH {_EARLIEST}
SELECT * EXCLUDE (counts_from) FROM dated_quarantine WHERE counts_from <= $as_at ORDER BY file_id, row, "column"
"""


def files_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """The files with a row submitted on or before ``as_at``, each counting only those rows.

    Columns: file_id, name, sha256, first_submitted, rows_read, accepted, quarantined, duplicates.
    """
    frame = con.execute(_FILES.format(**_tables(con)), {"as_at": as_at}).df()
    frame["first_submitted"] = frame["first_submitted"].dt.date
    return frame


def quarantine_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """The quarantined cells of rows submitted on or before ``as_at`` (the ``quarantine`` table's columns; a row's
    ``submitted`` is empty where it could not be read, or in a store written before migration 4)."""
    return con.execute(_QUARANTINE.format(**_tables(con)), {"as_at": as_at}).df()


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return _TABLES if schema_version(con) >= 4 else _TABLES_BEFORE_4
