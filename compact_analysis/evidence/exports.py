"""Writing tables people open in Excel, safe from formula injection, atomically.

Rule (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is written with a leading apostrophe, so a
spreadsheet shows it as text instead of running it. Plain numbers such as
``-3`` or ``+4.5`` are left alone: they cannot call anything.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: object) -> object:
    """``value`` made safe for a spreadsheet cell: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _rows(table: pd.DataFrame | Iterable[Sequence[object]], header: Sequence[str] | None):
    if isinstance(table, pd.DataFrame):
        yield [str(c) for c in table.columns]
        for row in table.itertuples(index=False, name=None):
            yield [None if _is_missing(v) else v for v in row]
        return
    if header is not None:
        yield list(header)
    yield from table


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _atomic_target(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)


def write_csv(
    path: str | Path, table: pd.DataFrame | Iterable[Sequence[object]], header: Sequence[str] | None = None
) -> Path:
    """Write a DataFrame (or rows, with ``header``) as UTF-8 CSV with safe cells; replace ``path`` atomically."""
    path = Path(path)
    fd, temporary = _atomic_target(path)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for row in _rows(table, header):
                writer.writerow(["" if v is None else safe_cell(v) for v in row])
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_xlsx(
    path: str | Path,
    sheets: dict[str, pd.DataFrame | Iterable[Sequence[object]]] | pd.DataFrame,
    header: Sequence[str] | None = None,
) -> Path:
    """Write one sheet per entry (or one DataFrame as ``Sheet1``) with safe cells; replace ``path`` atomically.

    openpyxl treats any string starting with ``=`` as a formula, so every text cell goes through :func:`safe_cell`.
    """
    from openpyxl import Workbook  # deferred: heavy, and only needed when a workbook is written

    path = Path(path)
    if not isinstance(sheets, dict):
        sheets = {"Sheet1": sheets}
    book = Workbook()
    book.remove(book.active)
    for name, table in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        for row in _rows(table, header):
            sheet.append([safe_cell(v) for v in row])
    fd, temporary = _atomic_target(path)
    os.close(fd)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
