"""Reading a CSV return into ``raw``: any encoding Excel writes, any line endings, bounded memory.

DuckDB reads the cells positionally (one column more than the header, to see
surplus cells); rows with too few or too many cells, or a NUL byte, are marked
with their reason code for ingest to turn into failures.
"""

from __future__ import annotations

import codecs
import csv
import shutil
import tempfile
from pathlib import Path

import duckdb

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.raw_table import ReadSummary, build_raw, check_header, normalise_header, sql_literal
from compact_analysis.evidence.read_limits import MAX_LINE_BYTES, check_line_lengths, refuse_no_rows
from compact_analysis.evidence.reasons import Reason

_CHUNK = 1 << 20


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
            # An ASCII block is valid UTF-8 unless a character started in the block before is still open.
            if utf8 and not (block.isascii() and not decoder.getstate()[0]):
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
        if decoder.getstate()[0]:  # the file ends inside a character: not UTF-8
            utf8 = False
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


def load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, measure_ids: set[str], scratch: str | None = None
) -> ReadSummary:
    """Read a CSV return into the temp view ``raw`` (see RAW_COLUMNS), every cell as text.

    The cells are stored in the attached database ``scratch`` when one is given (compressed; see
    :mod:`.scratch`), else in a temp table.
    """
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty (no header, no rows)", code=ErrorCode.EMPTY_FILE)
    encoding, bare_cr = sniff_encoding(path)
    workdir = None
    source = path
    if encoding != "utf-8" or bare_cr:
        workdir = Path(tempfile.mkdtemp(prefix="compact-ingest-"))
        source = workdir / "utf8.csv"
        transcode(path, encoding, source)
    try:
        longest_line = check_line_lengths(source, shown=path)
        header = _csv_header(source)
        if not any(header):
            raise InputError(f"{path}: the file is empty (no header, no rows)", code=ErrorCode.EMPTY_FILE)
        layout = check_header(path, header, measure_ids)
        width = len(header)
        cells_read = _read_cells(con, path, source, width, longest_line, scratch)
        con.execute("DROP VIEW IF EXISTS cells")
        con.execute("DROP TABLE IF EXISTS cells")
        con.execute(f"CREATE TEMP VIEW cells AS SELECT rowid + 2 AS source_row, * FROM {cells_read}")
        named = {h: f"c{i}" for i, h in enumerate(header) if h}
        marks = _csv_read_marks(header, width, nul=_has_nul(source))
        build_raw(con, "cells", named, layout, measure_ids, sheet=None, sheet_index=0, marks=marks, replace=True)
        if not con.execute("SELECT count(*) FROM (SELECT 1 FROM raw LIMIT 1)").fetchall()[0][0]:
            refuse_no_rows(str(path))  # a header, and blank lines at most
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return ReadSummary(layout=layout, encoding=encoding)


#: DuckDB's own default line limit; a file whose lines are all shorter is read with it (and in parallel).
_READER_LINE_BYTES = 2 * 1024 * 1024


def _read_cells(
    con: duckdb.DuckDBPyConnection, path: Path, source: Path, width: int, longest_line: int, scratch: str | None
) -> str:
    """Read every row's cells as text into the table ``cells_read`` of ``scratch`` (else a temp table), in file order;
    return the table's qualified name.

    First in parallel with a line limit fitted to the file's longest line; then serially if the reader
    asks (quoted newlines need the serial reader), and with the full 32 MB limit if a record is longer
    (a quoted cell with newlines makes one record of several lines, longer than any one line).
    """
    columns = {f"c{i}": "VARCHAR" for i in range(width + 1)}  # one more, to see surplus cells
    table = f"{scratch}.cells_read" if scratch else "temp.cells_read"
    create = f"CREATE OR REPLACE TABLE {table}" if scratch else "CREATE OR REPLACE TEMP TABLE cells_read"
    line_bytes, parallel = max(_READER_LINE_BYTES, longest_line + 1024), True
    while True:
        options = (
            f"header=false, skip=1, columns={columns}, delim=',', quote='\"', escape='\"', nullstr='\\x01', "
            f"null_padding=true, strict_mode=false, auto_detect=false, max_line_size={line_bytes}, parallel={parallel}"
        )
        # Rows are kept in file order, so a row's number is its rowid (no serial row_number() window over them all).
        try:
            con.execute(f"{create} AS SELECT * FROM read_csv(?, {options})", [str(source)])
            return table
        except duckdb.Error as exc:
            if parallel and "parallel" in str(exc):
                parallel = False
            elif line_bytes < MAX_LINE_BYTES and "Maximum line size" in str(exc):
                line_bytes = MAX_LINE_BYTES
            else:
                raise InputError(f"{path}: cannot be read as CSV ({str(exc).splitlines()[0]})") from None


def _has_nul(path: Path) -> bool:
    with open(path, "rb") as handle:
        return any(b"\x00" in block for block in iter(lambda: handle.read(_CHUNK), b""))


def _first_column(cells: list[str], header: list[str], condition: str) -> str:
    """SQL naming the first column whose cell meets ``condition`` (``{}`` stands for the cell), else NULL."""
    cases = (
        f"CASE WHEN {condition.format(c)} THEN {sql_literal(h or f'column {i + 1}')} END"
        for i, (c, h) in enumerate(zip(cells, header, strict=True))
    )
    return "coalesce(" + ", ".join(cases) + ")"


def _csv_read_marks(header: list[str], width: int, nul: bool = True) -> tuple[str, str, str]:
    """SQL for (code, column, message) of what the reader alone can see on a CSV row.

    The NUL-byte test on every cell is only written when the file holds a NUL byte at all.
    """
    cells = [f"c{i}" for i in range(width)]
    nul = " OR ".join(f"contains({c}, chr(0))" for c in cells) if nul else "false"
    first_missing = _first_column(cells, header, "{} IS NULL")
    code = (
        f"CASE WHEN c{width} IS NOT NULL THEN '{Reason.EXTRA_CELL}' "
        f"WHEN c{width - 1} IS NULL THEN '{Reason.MISSING_CELL}' "
        f"WHEN {nul} THEN '{Reason.ENCODING_ERROR}' END"
    )
    first_nul = _first_column(cells, header, "contains({}, chr(0))")
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
