"""Reading a return file (CSV or XLSX, tidy or wide) into one DuckDB table of text cells.

The reader decides nothing about validity beyond what it alone can see (a row
with too few or too many cells, a NUL byte, a formula without a value); those
it marks on the row with a reason code, and ingest's single SQL statement turns
the marks into failures with every other check. Everything else arrives as text.
"""

from __future__ import annotations

import codecs
import csv
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from compact_analysis.errors import InputError
from compact_analysis.evidence.reasons import Reason

REQUIRED_COLUMNS = ("member_id", "measure_id", "period", "value", "submitted")
WIDE_REQUIRED = ("member_id", "period", "submitted")
OPTIONAL_COLUMNS = ("comment", "correction")
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
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a workbook that unpacks to more than this is refused
_CHUNK = 1 << 20
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
    named = [h for h in header if h]
    duplicated = sorted({h for h in named if named.count(h) > 1})
    if duplicated:
        raise InputError(f"{where}: column {', '.join(duplicated)} appears more than once in the header")
    if "measure_id" in named or "value" in named or not measure_ids.intersection(named):
        missing = [c for c in REQUIRED_COLUMNS if c not in named]
        if missing:
            raise InputError(
                f"{where}: missing column(s) {', '.join(missing)}; a return needs {', '.join(REQUIRED_COLUMNS)}"
            )
        return "tidy"
    missing = [c for c in WIDE_REQUIRED if c not in named]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(missing)}; a wide return needs {', '.join(WIDE_REQUIRED)}"
        )
    return "wide"


# ---------------------------------------------------------------- CSV


def sniff_encoding(path: Path) -> tuple[str, bool]:
    """The file's encoding and whether its line endings need normalising (a bare CR somewhere).

    Rule: a byte-order mark decides (UTF-8, UTF-16); else the whole file must decode as
    strict UTF-8; else it is read as Windows-1252, the encoding Excel on Windows writes.
    """
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", True
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", True
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8, bare_cr, last = True, False, b""
        for block in iter(lambda: handle.read(_CHUNK), b""):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            if not bare_cr and b"\r" in block:
                joined = last + block
                bare_cr = joined.count(b"\r") != joined.count(b"\r\n") + joined.endswith(b"\r")
            last = block[-1:]
        if last == b"\r":
            bare_cr = True
    return ("utf-8" if utf8 else "cp1252"), bare_cr


def transcode(path: Path, encoding: str, target: Path) -> None:
    """Stream ``path`` into UTF-8 at ``target`` with LF line endings, in bounded memory."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with open(path, "rb") as source, open(target, "w", encoding="utf-8", newline="") as out:
        pending_cr = False
        for block in iter(lambda: source.read(_CHUNK), b""):
            text = decoder.decode(block)
            if pending_cr:
                text = "\r" + text
            pending_cr = text.endswith("\r")
            if pending_cr:
                text = text[:-1]
            out.write(text.replace("\r\n", "\n").replace("\r", "\n"))
        tail = decoder.decode(b"", final=True)
        out.write(("\r" if pending_cr else "") + tail)


def _csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        first = next(csv.reader(handle), None)
    return [normalise_header(h) for h in first] if first else []


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str]) -> ReadSummary:
    """Read a CSV return into the temp table ``raw`` (see RAW_COLUMNS), every cell as text."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty (no header, no rows)")
    encoding, bare_cr = sniff_encoding(path)
    workdir = None
    source = path
    if encoding != "utf-8" or bare_cr:
        workdir = Path(tempfile.mkdtemp(prefix="compact-ingest-"))
        source = workdir / "utf8.csv"
        transcode(path, encoding, source)
    try:
        header = _csv_header(source)
        if not any(header):
            raise InputError(f"{path}: the file is empty (no header, no rows)")
        layout = check_header(path, header, measure_ids)
        width = len(header)
        columns = {f"c{i}": "VARCHAR" for i in range(width + 1)}  # one more, to see surplus cells
        options = (
            f"header=false, skip=1, columns={columns}, delim=',', quote='\"', escape='\"', "
            "nullstr='\\x01', null_padding=true, strict_mode=false, auto_detect=false, max_line_size=33554432"
        )
        sql = f"CREATE OR REPLACE TEMP TABLE cells AS SELECT row_number() OVER () + 1 AS source_row, * FROM read_csv(?, {options}, parallel=PARALLEL)"
        try:
            try:
                con.execute(sql.replace("PARALLEL", "true"), [str(source)])
            except duckdb.Error as exc:
                if "parallel" not in str(exc):
                    raise
                con.execute(sql.replace("PARALLEL", "false"), [str(source)])  # quoted newlines need the serial reader
        except duckdb.Error as exc:
            raise InputError(f"{path}: cannot be read as CSV ({str(exc).splitlines()[0]})") from None
        named = {h: f"c{i}" for i, h in enumerate(header) if h}
        marks = _csv_read_marks(header, width, nul=_has_nul(source))
        _build_raw(con, "cells", named, layout, measure_ids, sheet=None, sheet_index=0, marks=marks, replace=True)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return ReadSummary(layout=layout, encoding=encoding)


def _literal(text: str) -> str:
    """A SQL string literal; header and sheet names are typed by members."""
    return "'" + text.replace("'", "''") + "'"


def _has_nul(path: Path) -> bool:
    with open(path, "rb") as handle:
        return any(b"\x00" in block for block in iter(lambda: handle.read(_CHUNK), b""))


def _csv_read_marks(header: list[str], width: int, nul: bool = True) -> tuple[str, str, str]:
    """SQL for (code, column, message) of what the reader alone can see on a CSV row.

    The NUL-byte test on every cell is only written when the file holds a NUL byte at all.
    """
    cells = [f"c{i}" for i in range(width)]
    nul = " OR ".join(f"contains({c}, chr(0))" for c in cells) if nul else "false"
    first_missing = (
        "coalesce("
        + ", ".join(
            f"CASE WHEN {c} IS NULL THEN {_literal(h or f'column {i + 1}')} END"
            for i, (c, h) in enumerate(zip(cells, header, strict=True))
        )
        + ")"
    )
    code = (
        f"CASE WHEN c{width} IS NOT NULL THEN '{Reason.EXTRA_CELL}' "
        f"WHEN c{width - 1} IS NULL THEN '{Reason.MISSING_CELL}' "
        f"WHEN {nul} THEN '{Reason.ENCODING_ERROR}' END"
    )
    first_nul = (
        "coalesce("
        + ", ".join(
            f"CASE WHEN contains({c}, chr(0)) THEN {_literal(h or f'column {i + 1}')} END"
            for i, (c, h) in enumerate(zip(cells, header, strict=True))
        )
        + ")"
    )
    column = (
        f"CASE WHEN c{width} IS NOT NULL THEN 'column {width + 1}' WHEN c{width - 1} IS NULL THEN {first_missing} "
        f"ELSE {first_nul} END"
    )
    message = (
        f"CASE WHEN c{width} IS NOT NULL THEN 'the row has more cells than the header' "
        f"WHEN c{width - 1} IS NULL THEN 'the row has fewer cells than the header' "
        f"WHEN {nul} THEN 'a cell holds a NUL byte (binary data, not text)' END"
    )
    return code, column, message


def _build_raw(
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
    """Map a table of positional cells to the RAW_COLUMNS shape, unpivoting the wide layout."""
    code, column, message = marks

    def col(name: str) -> str:
        return named.get(name, "NULL::VARCHAR")

    sheet_sql = "NULL::VARCHAR" if sheet is None else _literal(sheet)
    base = _ROWS_PER_SHEET * sheet_index
    # Blank rows after the last non-blank row are not rows (spreadsheets leave them behind).
    blank = " AND ".join(f"coalesce(trim({c}), '') = ''" for c in named.values())
    last_row = con.execute(
        f"SELECT max(source_row) FROM (SELECT * FROM {table} ORDER BY source_row DESC LIMIT 1000) WHERE NOT ({blank})"
    ).fetchall()[0][0]
    if last_row is None:  # a thousand blank rows or more at the end: look at them all
        last_row = con.execute(f"SELECT coalesce(max(source_row), 0) FROM {table} WHERE NOT ({blank})").fetchall()[0][0]
    selects = []
    if layout == "tidy":
        selects.append(
            f"SELECT {base} + source_row, {sheet_sql}, source_row, 'value', {col('member_id')}, {col('measure_id')}, "
            f"{col('period')}, {col('value')}, {col('comment')}, {col('submitted')}, {col('correction')}, "
            f"{code}, {column}, {message} FROM {table} WHERE source_row <= {last_row}"
        )
    else:
        for k, measure in enumerate(sorted(m for m in measure_ids if m in named)):
            cell = named[measure]
            selects.append(
                f"SELECT {base} + source_row * 1000 + {k}, {sheet_sql}, source_row, {_literal(measure)}, {col('member_id')}, "
                f"{_literal(measure)}, {col('period')}, {cell}, {col('comment')}, {col('submitted')}, {col('correction')}, "
                f"{code}, {column}, {message} FROM {table} "
                f"WHERE source_row <= {last_row} AND ({cell} IS NULL OR trim({cell}) <> '')"
            )
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


# ---------------------------------------------------------------- XLSX

_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_EXCEL_EPOCH = date(1899, 12, 30)


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
            "remove the password or save it as .xlsx"
        )
    if not head.startswith(b"PK"):
        raise InputError(f"{path}: not an Excel workbook (it looks like text or HTML); save it as .xlsx or .csv")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: the workbook is corrupt ({exc})") from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise InputError(
            f"{path}: too large when unpacked ({unpacked // 2**20} MB, the limit is {MAX_UNZIPPED_BYTES // 2**20} MB)"
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
    from openpyxl import load_workbook

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


def load_xlsx(con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str]) -> ReadSummary:
    """Read every visible sheet of a workbook into ``raw``; hidden sheets are skipped and named."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    parts = check_workbook(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise InputError(f"{path}: the workbook is corrupt ({exc})") from None
    formulas = _has_formulas(path, parts)
    summary = ReadSummary(encoding="xlsx")
    con.execute("DROP VIEW IF EXISTS raw")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM (SELECT "
        + ", ".join(["NULL::BIGINT", "NULL::VARCHAR", "NULL::BIGINT"] + ["NULL::VARCHAR"] * (len(RAW_COLUMNS) - 3))
        + f") t({', '.join(RAW_COLUMNS)}) WHERE false"
    )
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
        width = len(header)
        submitted_at = header.index("submitted")
        blank_formulas = {(r, c) for (r, c) in _formula_cells(path, meta.name) if r > 1} if formulas else set()
        text_rows = []
        for number, row in enumerate(rows[1:], start=2):
            cells = [_cell_text(v, serial_as_date=(i == submitted_at)) for i, v in enumerate(row[:width])]
            cells += [""] * (width - len(cells))
            unfilled = [i for i in range(width) if (number, i + 1) in blank_formulas and cells[i] == ""]
            code = column = message = None
            if unfilled:
                code, column = str(Reason.FORMULA_WITHOUT_VALUE), header[unfilled[0]]
                message = "the cell holds a formula with no saved value; open and save the workbook in Excel"
            text_rows.append([number, *cells, code, column, message])
        frame = pd.DataFrame(
            text_rows,
            columns=["source_row", *[f"c{i}" for i in range(width)], "read_code", "read_column", "read_message"],
        ).astype(
            {f"c{i}": "object" for i in range(width)}
            | {"read_code": "object", "read_column": "object", "read_message": "object"}
        )
        con.register("sheet_cells_df", frame)
        con.execute("CREATE OR REPLACE TEMP TABLE sheet_cells AS SELECT * FROM sheet_cells_df")
        con.unregister("sheet_cells_df")
        named = {h: f"c{i}" for i, h in enumerate(header) if h}
        _build_raw(
            con,
            "sheet_cells",
            named,
            layout,
            measure_ids,
            sheet=meta.name,
            sheet_index=index,
            marks=("read_code", "read_column", "read_message"),
            replace=False,
        )
        summary.sheets.append(meta.name)
    summary.layout = "wide" if layouts == {"wide"} else "tidy"
    return summary


def load_return(con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str]) -> ReadSummary:
    """Read a CSV or XLSX return into the temp table ``raw``, whichever the file really is."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return load_xlsx(con, path, measure_ids)
    return load_csv(con, path, measure_ids)


__all__ = ["OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "ReadSummary", "excel_serial_to_date", "load_return"]
