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

import numpy as np
import pandas as pd

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: object) -> object:
    """``value`` made safe for a spreadsheet cell: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _safe_rows(table: pd.DataFrame | Iterable[Sequence[object]], header: Sequence[str] | None):
    """The header, then each row with missing cells as None and every cell through :func:`safe_cell`."""
    if isinstance(table, pd.DataFrame):
        yield [safe_cell(str(c)) for c in table.columns]
        yield from zip(*(_safe_column(table.iloc[:, i]) for i in range(table.shape[1])), strict=True)
        return
    if header is not None:
        yield [safe_cell(c) for c in header]
    for row in table:
        yield [safe_cell(v) for v in row]


def _safe_column(column: pd.Series) -> list[object]:
    """A column's cells as Python objects, missing ones (None, NaN, NaT, NA) as None, text made safe.

    A column at a time, not cell by cell: only text that starts like a formula reaches :func:`safe_cell`.
    """
    cells = column.to_numpy(dtype=object, copy=True)  # a copy: never write into the caller's frame
    cells[column.isna().to_numpy()] = None
    if pd.api.types.is_string_dtype(column.dtype) or column.dtype == object:  # numbers and dates cannot start one
        risky = np.fromiter((isinstance(v, str) and v.startswith(DANGEROUS_FIRST) for v in cells), bool, len(cells))
        for at in np.flatnonzero(risky):
            cells[at] = safe_cell(cells[at])
    return cells.tolist()


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
            csv.writer(handle).writerows(_safe_rows(table, header))  # None is written as an empty cell
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
        for row in _safe_rows(table, header):
            sheet.append(list(row))
    fd, temporary = _atomic_target(path)
    os.close(fd)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
