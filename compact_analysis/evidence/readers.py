"""Reading a return file (CSV or XLSX, tidy or wide) into one DuckDB table of text cells.

The reader decides nothing about validity beyond what it alone can see (a row
with too few or too many cells, a NUL byte, a formula without a value); those
it marks on the row with a reason code, and ingest's single SQL statement turns
the marks into failures with every other check. Everything else arrives as text.
:mod:`.csv_reader` and :mod:`.xlsx_reader` read the two formats into the shape
:mod:`.raw_table` describes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from compact_analysis.evidence.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from compact_analysis.evidence.csv_reader import load_csv, sniff_encoding, transcode
from compact_analysis.evidence.raw_table import RAW_COLUMNS, ReadSummary
from compact_analysis.evidence.xlsx_reader import excel_serial_to_date, load_xlsx
from compact_analysis.plan.file_kind import require_regular_file


def load_return(
    con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str], scratch: str | None = None
) -> ReadSummary:
    """Read a CSV or XLSX return into the temp table or view ``raw``, whichever the file really is.

    ``scratch``: an attached database for a CSV's cells (see :mod:`.scratch`); a workbook's are few.
    """
    require_regular_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return load_xlsx(con, path, measure_ids)
    return load_csv(con, path, measure_ids, scratch)


__all__ = [
    "OPTIONAL_COLUMNS",
    "RAW_COLUMNS",
    "REQUIRED_COLUMNS",
    "ReadSummary",
    "excel_serial_to_date",
    "load_return",
    "sniff_encoding",
    "transcode",
]
