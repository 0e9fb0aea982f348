"""Training records and budgets: read, check set-wise in DuckDB, store or quarantine.

Seed 001: "All training will be recorded on a centralised system enabling greater
transparency and improved monitoring and reporting of training activity and spend."
Every row read ends in the training store or in its quarantine with a reason.
Learner keys are pseudonymous; each is mapped to an integer surrogate at ingest
(``learner_keys``), which is what the aggregations count, and no report prints either.
The training tables live in their own file (``<data>/training/store.duckdb``, see
:mod:`~compact_analysis.training.store`). The checks' codes are :class:`TrainingReason`'s,
put into the SQL by name (``$TYPE_ERROR``), and quarantined cells read as :data:`FAILURE_COLUMNS`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from string import Template

import duckdb
import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS, InputError
from compact_analysis.evidence.ingest import Reconciliation, file_sha256
from compact_analysis.evidence.migrations import transaction
from compact_analysis.training.config import TrainingConfig
from compact_analysis.training.number_cells import hours_sql, money_sql, refuse_duplicate_columns
from compact_analysis.training.store import migrate_training_store

RECORD_COLUMNS = (
    "member_id", "directorate", "learner_key", "course", "category", "start_date", "end_date",
    "hours", "cost", "funding_source", "status",
)  # fmt: skip
REQUIRED_RECORD_COLUMNS = tuple(c for c in RECORD_COLUMNS if c not in ("course", "end_date"))
BUDGET_COLUMNS = ("member_id", "directorate", "priority", "year", "budget")
STATUSES = ("enrolled", "completed", "withdrawn")


class TrainingReason(StrEnum):
    """Stable codes for why a training or budget cell was quarantined."""

    MISSING_CELL = "missing-cell"
    TYPE_ERROR = "type-error"
    CONSTRAINT_ERROR = "constraint-error"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_MEMBER = "unknown-member"
    UNKNOWN_CATEGORY = "unknown-category"
    UNKNOWN_FUNDING_SOURCE = "unknown-funding-source"
    UNKNOWN_PRIORITY = "unknown-priority"


def _read_table(
    con: duckdb.DuckDBPyConnection, path: Path, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    """Load a CSV or XLSX as all-text table ``raw`` with ``source_row`` as a person counts (header = 1)."""
    refuse_duplicate_columns(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xls"):
            frame = pd.read_excel(path, dtype=str, engine="calamine").where(lambda f: f.notna(), None)
            con.register("raw_df", frame)
            con.execute("CREATE OR REPLACE TEMP TABLE raw_text AS SELECT * FROM raw_df")
            con.unregister("raw_df")
        else:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE raw_text AS SELECT * FROM read_csv(?, all_varchar=true, header=true)",
                [str(path)],
            )
    except (duckdb.Error, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot be read ({str(exc).splitlines()[0]})") from None
    columns = [row[0] for row in con.execute("DESCRIBE raw_text").fetchall()]
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(required)}")
    select = ", ".join(
        [f'trim("{c}") AS {c}' if c in columns else f"NULL::VARCHAR AS {c}" for c in (*required, *optional)]
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE raw AS SELECT row_number() OVER () + 1 AS source_row, {select} FROM raw_text"
    )


def _reference(con: duckdb.DuckDBPyConnection, config: TrainingConfig, members: pd.Series | None) -> None:
    con.register("cat_df", config.categories_frame())
    con.register("fund_df", config.funding_frame())
    con.execute("CREATE OR REPLACE TEMP TABLE ref_categories AS SELECT * FROM cat_df")
    con.execute("CREATE OR REPLACE TEMP TABLE ref_funding AS SELECT DISTINCT funding_source FROM fund_df")
    ids = pd.DataFrame({"member_id": [] if members is None else members.astype(str).tolist()})
    con.register("mem_df", ids)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ref_members AS SELECT CAST(member_id AS VARCHAR) AS member_id FROM mem_df"
    )
    for name in ("cat_df", "fund_df", "mem_df"):
        con.unregister(name)
    con.execute("CREATE OR REPLACE TEMP TABLE ref_check_members AS SELECT ? AS check_members", [members is not None])


_RECORD_CHECKS = Template(
    """
CREATE OR REPLACE TEMP TABLE failures AS
WITH r AS (
    SELECT raw.*, try_strptime(start_date, '%Y-%m-%d')::DATE AS start_d,
           try_strptime(end_date, '%Y-%m-%d')::DATE AS end_d,
           $HOURS_N AS hours_n, $COST_N AS cost_n
    FROM raw
)
SELECT source_row, col AS "column", val AS value, $MISSING_CELL AS code, 'a value is required' AS message FROM (
    SELECT source_row, unnest(['member_id','directorate','learner_key','category','start_date','hours','cost',
                               'funding_source','status']) AS col,
           unnest([member_id, directorate, learner_key, category, start_date, hours, cost, funding_source, status]) AS val
    FROM r
) WHERE val IS NULL OR val = ''
UNION ALL
SELECT source_row, 'member_id', member_id, $UNKNOWN_MEMBER, 'not in the member register' FROM r
WHERE (SELECT check_members FROM ref_check_members) AND member_id <> '' AND member_id NOT IN (SELECT member_id FROM ref_members)
UNION ALL
SELECT source_row, 'category', category, $UNKNOWN_CATEGORY, 'not a course category of the training config' FROM r
WHERE category <> '' AND category NOT IN (SELECT category FROM ref_categories)
UNION ALL
SELECT source_row, 'funding_source', funding_source, $UNKNOWN_FUNDING_SOURCE, 'not a funding source of the training config'
FROM r WHERE funding_source <> '' AND funding_source NOT IN (SELECT funding_source FROM ref_funding)
UNION ALL
SELECT source_row, 'start_date', start_date, $TYPE_ERROR, 'expected a date YYYY-MM-DD' FROM r
WHERE start_date <> '' AND start_d IS NULL
UNION ALL
SELECT source_row, 'end_date', end_date, $TYPE_ERROR, 'expected a date YYYY-MM-DD' FROM r
WHERE coalesce(end_date, '') <> '' AND end_d IS NULL
UNION ALL
SELECT source_row, 'end_date', end_date, $CONSTRAINT_ERROR, 'ends before it starts' FROM r WHERE end_d < start_d
UNION ALL
SELECT source_row, 'hours', hours, $TYPE_ERROR, 'expected a number of hours with at most 2 decimal places (never rounded)' FROM r WHERE hours <> '' AND hours_n IS NULL
UNION ALL
SELECT source_row, 'hours', hours, $CONSTRAINT_ERROR, 'hours must be from 0 to 2000' FROM r
WHERE hours_n < 0 OR hours_n > 2000
UNION ALL
SELECT source_row, 'cost', cost, $TYPE_ERROR, 'expected pounds and pence like 125.50 or 1,250 (commas in threes; at most 2 decimal places; never rounded)' FROM r WHERE cost <> '' AND cost_n IS NULL
UNION ALL
SELECT source_row, 'cost', cost, $CONSTRAINT_ERROR, 'a cost cannot be negative' FROM r WHERE cost_n < 0
UNION ALL
SELECT source_row, 'status', status, $CONSTRAINT_ERROR, 'expected enrolled, completed or withdrawn' FROM r
WHERE status <> '' AND lower(status) NOT IN ('enrolled', 'completed', 'withdrawn')
"""
)

_BUDGET_CHECKS = Template(
    """
CREATE OR REPLACE TEMP TABLE failures AS
WITH r AS (
    SELECT raw.*,
           $BUDGET_N AS budget_n
    FROM raw
)
SELECT source_row, col AS "column", val AS value, $MISSING_CELL AS code, 'a value is required' AS message FROM (
    SELECT source_row, unnest(['member_id','directorate','priority','year','budget']) AS col,
           unnest([member_id, directorate, priority, year, budget]) AS val FROM r
) WHERE val IS NULL OR val = ''
UNION ALL
SELECT source_row, 'member_id', member_id, $UNKNOWN_MEMBER, 'not in the member register' FROM r
WHERE (SELECT check_members FROM ref_check_members) AND member_id <> '' AND member_id NOT IN (SELECT member_id FROM ref_members)
UNION ALL
SELECT source_row, 'priority', priority, $UNKNOWN_PRIORITY, 'no course category of the training config serves this priority'
FROM r WHERE priority <> '' AND priority NOT IN (SELECT priority FROM ref_categories)
UNION ALL
SELECT source_row, 'year', year, $TYPE_ERROR, 'expected a financial year like 2009-10' FROM r
WHERE year <> '' AND NOT (regexp_full_match(year, '[0-9]{4}-[0-9]{2}')
      AND (CAST(left(year, 4) AS INTEGER) + 1) % 100 = CAST(right(year, 2) AS INTEGER))
UNION ALL
SELECT source_row, 'budget', budget, $TYPE_ERROR, 'expected a non-negative amount in pounds like 12000.00 or 12,000 (at most 2 decimal places; never rounded)' FROM r
WHERE budget <> '' AND (budget_n IS NULL OR budget_n < 0)
UNION ALL
SELECT source_row, 'budget', budget, $DUPLICATE_KEY, 'the same member, directorate, priority and year appear twice'
FROM (SELECT *, count(*) OVER (PARTITION BY member_id, directorate, priority, year) AS n FROM r) WHERE n > 1
"""
)


def _checks(template: Template) -> str:
    """A check query with each ``$NAME`` replaced by :class:`TrainingReason` ``NAME``'s code as an SQL string."""
    codes = {reason.name: f"'{reason.value}'" for reason in TrainingReason}
    return template.substitute(
        codes, HOURS_N=hours_sql("hours"), COST_N=money_sql("cost"), BUDGET_N=money_sql("budget")
    )


def _start_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, bool]:
    if not path.exists():
        raise InputError(f"{path}: file not found")
    sha = file_sha256(path)
    seen = con.execute("SELECT count(*) FROM training_files WHERE sha256 = ?", [sha]).fetchall()[0][0]
    return sha, bool(seen)


def _finish_file(
    con: duckdb.DuckDBPyConnection, path: Path, kind: str, sha: str, insert_sql: str, ingested_at: datetime | None
) -> Reconciliation:
    rows_read = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    with transaction(con):
        file_id = con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM training_files").fetchall()[0][0]
        con.execute(insert_sql, [file_id])
        con.execute(
            'INSERT INTO training_quarantine SELECT ?, ?, NULL, source_row, "column", value, code, message FROM failures',
            [file_id, path.name],
        )
        quarantined = con.execute("SELECT count(DISTINCT source_row) FROM failures").fetchall()[0][0]
        accepted = rows_read - quarantined
        con.execute(
            "INSERT INTO training_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [file_id, path.name, kind, sha, rows_read, accepted, quarantined, ingested_at],
        )
    return Reconciliation(path.name, sha, rows_read, accepted, quarantined, 0)


def ingest_training_records(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    config: TrainingConfig,
    members: pd.Series | None = None,
    ingested_at: datetime | None = None,
) -> Reconciliation:
    """Check one training-records file and append its good rows; new learner keys get the next surrogates.

    ``members`` (member ids of the register) enables the unknown-member check.
    Re-ingesting a file with the same content changes nothing.
    """
    path = Path(path)
    migrate_training_store(con)
    sha, seen = _start_file(con, path)
    if seen:
        return Reconciliation(path.name, sha, 0, 0, 0, 0, already_ingested=True)
    _read_table(con, path, REQUIRED_RECORD_COLUMNS, ("course", "end_date"))
    _reference(con, config, members)
    con.execute(_checks(_RECORD_CHECKS))
    insert = """
        INSERT INTO learner_keys
        SELECT learner_key, (SELECT coalesce(max(learner_id), 0) FROM learner_keys)
                            + row_number() OVER (ORDER BY min(source_row))
        FROM raw WHERE source_row NOT IN (SELECT source_row FROM failures)
          AND learner_key NOT IN (SELECT learner_key FROM learner_keys)
        GROUP BY learner_key;
        INSERT INTO training_records
        SELECT r.member_id, r.directorate, k.learner_id, nullif(r.course, ''), r.category, c.priority,
               strptime(r.start_date, '%Y-%m-%d')::DATE, try_strptime(r.end_date, '%Y-%m-%d')::DATE,
               CAST(round(CAST(r.hours AS DECIMAL(9, 2)) * 60) AS INTEGER),
               CAST(CAST(replace(replace(r.cost, ',', ''), '£', '') AS DECIMAL(18, 2)) * 100 AS BIGINT),
               r.funding_source, lower(r.status), $1, r.source_row
        FROM raw r JOIN learner_keys k USING (learner_key) JOIN ref_categories c USING (category)
        WHERE r.source_row NOT IN (SELECT source_row FROM failures)
        ORDER BY r.source_row
    """
    return _finish_file(con, path, "records", sha, insert.replace("$1", "?", 1), ingested_at)


def ingest_training_budgets(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    config: TrainingConfig,
    members: pd.Series | None = None,
    ingested_at: datetime | None = None,
) -> Reconciliation:
    """Check one budgets file (member, directorate, priority, year, budget in pounds) and store it.

    A later file's budget for the same member, directorate, priority and year supersedes an earlier one.
    """
    path = Path(path)
    migrate_training_store(con)
    sha, seen = _start_file(con, path)
    if seen:
        return Reconciliation(path.name, sha, 0, 0, 0, 0, already_ingested=True)
    _read_table(con, path, BUDGET_COLUMNS, ())
    _reference(con, config, members)
    con.execute(_checks(_BUDGET_CHECKS))
    insert = """
        INSERT INTO training_budgets
        SELECT member_id, directorate, priority, year,
               CAST(CAST(replace(replace(budget, ',', ''), '£', '') AS DECIMAL(18, 2)) * 100 AS BIGINT), ?, source_row
        FROM raw WHERE source_row NOT IN (SELECT source_row FROM failures) ORDER BY source_row
    """
    return _finish_file(con, path, "budgets", sha, insert, ingested_at)


def current_budgets(con: duckdb.DuckDBPyConnection, year: str) -> pd.DataFrame:
    """The budget in force for each member, directorate and priority of a year (latest file wins)."""
    return con.execute(
        """
        SELECT member_id, directorate, priority, budget_pence FROM training_budgets WHERE year = ?
        QUALIFY row_number() OVER (PARTITION BY member_id, directorate, priority ORDER BY file_id DESC) = 1
        ORDER BY member_id, directorate, priority
        """,
        [year],
    ).df()


def training_quarantine(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every quarantined training or budget cell, in the shared failure columns (:data:`FAILURE_COLUMNS`).

    ``row`` counts as a person does in a spreadsheet, the header being row 1.
    """
    columns = ", ".join(f'"{column}"' for column in FAILURE_COLUMNS)
    return con.execute(f'SELECT {columns} FROM training_quarantine ORDER BY file_id, row, "column"').df()
