"""The one table every reader fills: a return's cells as text, in the ``raw`` shape, with read marks.

CSV and workbook readers differ in how they get cells; both check the header the
same way here and hand positional cells to :func:`build_raw`, which names them and
unpivots the wide layout into one row per member, measure and period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.columns import REQUIRED_COLUMNS, WIDE_FIXED, WIDE_REQUIRED
from compact_analysis.evidence.read_limits import check_column_count

#: The columns of ``raw``: where a cell came from, the return's columns, and what the reader saw.
RAW_COLUMNS = (
    "record_id",
    "sheet",
    "source_row",
    "value_column",
    "member_id",
    "measure_id",
    "period",
    "value",
    "comment",
    "submitted",
    "correction",
    "read_code",
    "read_column",
    "read_message",
)
_ROWS_PER_SHEET = 1 << 32  # record ids: sheet index * this + row (and * 1000 + measure in the wide layout)


@dataclass
class ReadSummary:
    """How a file was read: its layout, the sheets read and the hidden sheets skipped."""

    layout: str = "tidy"
    encoding: str = "utf-8"
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)


def normalise_header(name: object) -> str:
    """``" Member ID "`` → ``member_id``: headers are matched by name, case and spacing aside."""
    return str(name if name is not None else "").strip().lower().replace(" ", "_").lstrip("\ufeff")


def check_header(path: Path, header: list[str], measure_ids: set[str], sheet: str | None = None) -> str:
    """Return the layout (``tidy`` or ``wide``); refuse duplicated or missing columns, naming them."""
    where = f"{path}" + (f" (sheet {sheet!r})" if sheet else "")
    check_column_count(where, len(header))
    named = [h for h in header if h]
    duplicated = sorted({h for h in named if named.count(h) > 1})
    if duplicated:
        message = f"{where}: column {', '.join(duplicated)} appears more than once in the header"
        raise InputError(message, code=ErrorCode.DUPLICATE_COLUMN)
    tidy = "measure_id" in named or "value" in named or not measure_ids.intersection(named)
    required, layout = (REQUIRED_COLUMNS, "tidy") if tidy else (WIDE_REQUIRED, "wide")
    missing = [c for c in required if c not in named]
    if missing:
        kind = "a return" if tidy else "a wide return"
        message = f"{where}: missing column(s) {', '.join(missing)}; {kind} needs {', '.join(required)}"
        raise InputError(message, code=ErrorCode.MISSING_COLUMN)
    return layout


def sql_literal(text: str) -> str:
    """A SQL string literal; header and sheet names are typed by members."""
    return "'" + text.replace("'", "''") + "'"


def _last_row(con: duckdb.DuckDBPyConnection, table: str, cells: list[str]) -> int:
    """The last row with a non-blank cell: blank rows after it are not rows (spreadsheets leave them behind)."""
    blank = " AND ".join(f"coalesce(trim({c}), '') = ''" for c in cells)
    last_row = con.execute(
        f"SELECT max(source_row) FROM (SELECT * FROM {table} ORDER BY source_row DESC LIMIT 1000) WHERE NOT ({blank})"
    ).fetchall()[0][0]
    if last_row is None:  # a thousand blank rows or more at the end: look at them all
        last_row = con.execute(f"SELECT coalesce(max(source_row), 0) FROM {table} WHERE NOT ({blank})").fetchall()[0][0]
    return last_row


def _selects(
    table: str,
    named: dict[str, str],
    layout: str,
    measure_ids: set[str],
    sheet_sql: str,
    base: int,
    marks: tuple[str, str, str],
    last_row: int,
) -> list[str]:
    """One SELECT in the RAW_COLUMNS shape for the tidy layout, or one per measure column for the wide layout."""
    code, column, message = marks

    def col(name: str) -> str:
        return named.get(name, "NULL::VARCHAR")

    rest = f"{col('comment')}, {col('submitted')}, {col('correction')}, {code}, {column}, {message} FROM {table}"
    if layout == "tidy":
        return [
            f"SELECT {base} + source_row, {sheet_sql}, source_row, 'value', {col('member_id')}, {col('measure_id')}, "
            f"{col('period')}, {col('value')}, {rest} WHERE source_row <= {last_row}"
        ]
    # A column that is neither fixed nor a measure (a misspelt measure) is read too: each filled cell is
    # quarantined by ingest as unknown-measure, never dropped. k < 1000: a header has at most MAX_COLUMNS.
    measures = sorted(m for m in measure_ids if m in named)
    unknown = sorted(h for h in named if h not in measure_ids and h not in WIDE_FIXED)
    selects = []
    for k, measure in enumerate([*measures, *unknown]):
        cell = named[measure]
        keep = f"({cell} IS NULL OR trim({cell}) <> '')" if measure in measure_ids else f"trim({cell}) <> ''"
        selects.append(
            f"SELECT {base} + source_row * 1000 + {k}, {sheet_sql}, source_row, {sql_literal(measure)}, "
            f"{col('member_id')}, {sql_literal(measure)}, {col('period')}, {cell}, {rest} "
            f"WHERE source_row <= {last_row} AND {keep}"
        )
    return selects


def build_raw(
    con: duckdb.DuckDBPyConnection,
    table: str,
    named: dict[str, str],
    layout: str,
    measure_ids: set[str],
    sheet: str | None,
    sheet_index: int,
    marks: tuple[str, str, str],
    replace: bool,
) -> None:
    """Map a table of positional cells to the RAW_COLUMNS shape, unpivoting the wide layout.

    ``marks`` are the SQL for the read code, column and message of each row; ``replace`` makes
    ``raw`` a view of this table (CSV), else the rows are appended to the ``raw`` table (a sheet).
    """
    sheet_sql = "NULL::VARCHAR" if sheet is None else sql_literal(sheet)
    last_row = _last_row(con, table, list(named.values()))
    selects = _selects(table, named, layout, measure_ids, sheet_sql, _ROWS_PER_SHEET * sheet_index, marks, last_row)
    body = (
        " UNION ALL ".join(selects) if selects else "SELECT " + ", ".join(["NULL"] * len(RAW_COLUMNS)) + " WHERE false"
    )
    names = ", ".join(RAW_COLUMNS)
    if replace:  # a view: the cells are copied once, into ingest's prepared table, not twice
        con.execute("DROP VIEW IF EXISTS raw")
        con.execute("DROP TABLE IF EXISTS raw")
        con.execute(f"CREATE TEMP VIEW raw AS SELECT * FROM ({body}) t({names})")
    else:
        con.execute(f"INSERT INTO raw SELECT * FROM ({body}) t({names})")
