"""Reading an XLSX return into ``raw``: every visible sheet, Excel dates as dates, hostile files refused.

A workbook is checked before anything is unpacked (encrypted, old .xls, not a
zip, a zip bomb). Cells become the text a CSV would hold; a formula cell saved
without its value is marked ``formula-without-value`` for ingest.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.raw_table import RAW_COLUMNS, ReadSummary, build_raw, check_header, normalise_header
from compact_analysis.evidence.read_limits import refuse_no_rows
from compact_analysis.evidence.reasons import Reason

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a workbook that unpacks to more than this is refused
_CHUNK = 1 << 20
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_EXCEL_EPOCH = date(1899, 12, 30)
_MARK_COLUMNS = ["read_code", "read_column", "read_message"]
_NO_VALUE = "the cell holds a formula with no saved value; open and save the workbook in Excel"


def excel_serial_to_date(serial: float) -> date:
    """Excel's day number to a date. 40004 → 10 July 2009.

    Excel counts 1900 as a leap year (serial 60 is the non-existent 29 Feb 1900), so
    serials from 61 on count from 30 Dec 1899 and those below from 31 Dec 1899.
    """
    days = int(serial)
    return (_EXCEL_EPOCH if days >= 61 else _EXCEL_EPOCH + timedelta(days=1)) + timedelta(days=days)


def check_workbook(path: Path) -> list[str]:
    """Refuse what is not a readable .xlsx before unpacking anything; return its sheet XML names."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE):
        raise InputError(
            f"{path}: an encrypted (password-protected) workbook or an old .xls file; "
            "remove the password or save it as .xlsx",
            code=ErrorCode.ENCRYPTED_WORKBOOK,
        )
    if not head.startswith(b"PK"):
        message = f"{path}: not an Excel workbook (it looks like text or HTML); save it as .xlsx or .csv"
        raise InputError(message, code=ErrorCode.NOT_A_WORKBOOK)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: the workbook is corrupt ({exc})", code=ErrorCode.CORRUPT_WORKBOOK) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise InputError(
            f"{path}: too large when unpacked ({unpacked // 2**20} MB, the limit is {MAX_UNZIPPED_BYTES // 2**20} MB)",
            code=ErrorCode.TOO_LARGE,
        )
    return [i.filename for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]


def _has_formulas(path: Path, sheet_parts: list[str]) -> bool:
    with zipfile.ZipFile(path) as archive:
        for part in sheet_parts:
            with archive.open(part) as handle:
                tail = b""
                for block in iter(lambda handle=handle: handle.read(_CHUNK), b""):
                    if b"<f>" in tail + block or b"<f " in tail + block:
                        return True
                    tail = block[-3:]
    return False


def _formula_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row, column) of every formula cell of a sheet, 1-based; openpyxl only when formulas exist."""
    from openpyxl import load_workbook  # deferred: heavy, and only needed for a workbook with formulas

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        found = set()
        for row in book[sheet].iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    found.add((cell.row, cell.column))
        return found
    finally:
        book.close()


def _cell_text(value: object, serial_as_date: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | int):
        if serial_as_date and 1 <= value < 2958466:
            return excel_serial_to_date(value).isoformat()
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


def _sheet_frame(rows: list[list], header: list[str], blank_formulas: set[tuple[int, int]]) -> pd.DataFrame:
    """A sheet's data rows as text cells ``c0..`` with their row number and read marks."""
    width = len(header)
    submitted_at = header.index("submitted")
    text_rows = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell_text(v, serial_as_date=(i == submitted_at)) for i, v in enumerate(row[:width])]
        cells += [""] * (width - len(cells))
        unfilled = [i for i in range(width) if (number, i + 1) in blank_formulas and cells[i] == ""]
        marks = [str(Reason.FORMULA_WITHOUT_VALUE), header[unfilled[0]], _NO_VALUE] if unfilled else [None] * 3
        text_rows.append([number, *cells, *marks])
    cell_columns = [f"c{i}" for i in range(width)]
    frame = pd.DataFrame(text_rows, columns=["source_row", *cell_columns, *_MARK_COLUMNS])
    return frame.astype(dict.fromkeys([*cell_columns, *_MARK_COLUMNS], "object"))


def _empty_raw(con: duckdb.DuckDBPyConnection) -> None:
    """An empty ``raw`` table that each sheet's rows are appended to."""
    con.execute("DROP VIEW IF EXISTS raw")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM (SELECT "
        + ", ".join(["NULL::BIGINT", "NULL::VARCHAR", "NULL::BIGINT"] + ["NULL::VARCHAR"] * (len(RAW_COLUMNS) - 3))
        + f") t({', '.join(RAW_COLUMNS)}) WHERE false"
    )


def _append_sheet(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    header: list[str],
    layout: str,
    measure_ids: set[str],
    sheet: str,
    index: int,
) -> None:
    """Append one sheet's text cells to ``raw``."""
    con.register("sheet_cells_df", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE sheet_cells AS SELECT * FROM sheet_cells_df")
    con.unregister("sheet_cells_df")
    named = {h: f"c{i}" for i, h in enumerate(header) if h}
    marks = ("read_code", "read_column", "read_message")
    build_raw(
        con, "sheet_cells", named, layout, measure_ids, sheet=sheet, sheet_index=index, marks=marks, replace=False
    )


def refuse_empty_workbook(path: Path) -> None:
    """A workbook whose visible sheets are all empty is refused like an empty CSV."""
    raise InputError(f"{path}: the workbook is empty (no sheet has a header or rows)", code=ErrorCode.EMPTY_FILE)


def load_xlsx(con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str]) -> ReadSummary:
    """Read every visible sheet of a workbook into ``raw``; hidden sheets are skipped and named."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum  # deferred: only needed for workbooks

    parts = check_workbook(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise InputError(f"{path}: the workbook is corrupt ({exc})", code=ErrorCode.CORRUPT_WORKBOOK) from None
    formulas = _has_formulas(path, parts)
    summary = ReadSummary(encoding="xlsx")
    _empty_raw(con)
    layouts = set()
    for index, meta in enumerate(book.sheets_metadata):
        if meta.visible != SheetVisibleEnum.Visible:
            summary.skipped_sheets.append(meta.name)
            continue
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        if not rows or not any(str(v).strip() for v in rows[0]):
            continue  # an empty visible sheet holds no return
        header = [normalise_header(h) for h in rows[0]]
        layout = check_header(path, header, measure_ids, sheet=meta.name)
        layouts.add(layout)
        blank_formulas = {(r, c) for (r, c) in _formula_cells(path, meta.name) if r > 1} if formulas else set()
        frame = _sheet_frame(rows, header, blank_formulas)
        _append_sheet(con, frame, header, layout, measure_ids, meta.name, index)
        summary.sheets.append(meta.name)
    if not summary.sheets:
        refuse_empty_workbook(path)
    if not con.execute("SELECT count(*) FROM (SELECT 1 FROM raw LIMIT 1)").fetchall()[0][0]:
        refuse_no_rows(str(path))
    summary.layout = "wide" if layouts == {"wide"} else "tidy"
    return summary
