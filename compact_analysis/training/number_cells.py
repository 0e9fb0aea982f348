"""What an amount of money or a number of hours in a training file may look like: never rounded, never overflowed.

The rules of returns (:mod:`compact_analysis.evidence.number_rules`) applied to training records and
budgets, so a value is stored exactly as written or quarantined with a reason:

- money (``cost``, ``budget``): an optional ``-`` and ``£``, digits with commas only as thousands
  separators in groups of three (``1,500`` is 1500; ``1,5`` is refused, not read as 15), at most two
  decimal places (``12.345`` is refused, not rounded to 12.35), at most 15 digits before the point
  (more would overflow the store's pence);
- hours: digits with at most two decimal places and at most 7 digits before the point;
- a header naming a column twice is refused (neither copy is guessed at).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ErrorCode, InputError

#: Pounds and pence as a training file may write them (the sign is checked by a rule of its own).
MONEY = r"-?£?(\d{1,3}(,\d{3}){1,4}|\d{1,15})(\.\d{1,2})?"
#: Hours as a training file may write them.
HOURS = r"-?\d{1,7}(\.\d{1,2})?"


def money_sql(column: str) -> str:
    """SQL: the amount in ``column`` as DECIMAL(18, 2) when written as :data:`MONEY` allows, else NULL."""
    return (
        f"CASE WHEN regexp_full_match({column}, '{MONEY}') "
        f"THEN CAST(replace(replace({column}, ',', ''), '£', '') AS DECIMAL(18, 2)) END"
    )


def hours_sql(column: str) -> str:
    """SQL: the hours in ``column`` as DECIMAL(9, 2) when written as :data:`HOURS` allows, else NULL."""
    return f"CASE WHEN regexp_full_match({column}, '{HOURS}') THEN CAST({column} AS DECIMAL(9, 2)) END"


def _header(path: Path) -> list[str]:
    if path.suffix.lower() in (".xlsx", ".xls"):
        first = pd.read_excel(path, dtype=str, engine="calamine", header=None, nrows=1)
        return [str(v).strip() for v in first.iloc[0].tolist()] if len(first) else []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        return [h.strip() for h in next(csv.reader(handle), [])]


def refuse_duplicate_columns(path: Path) -> None:
    """A header naming a column twice: an error naming the file and the column."""
    header = [h for h in _header(path) if h]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise InputError(
            f"{path}: column {', '.join(repeated)} appears more than once in the header",
            code=ErrorCode.DUPLICATE_COLUMN,
        )


__all__ = ["HOURS", "MONEY", "hours_sql", "money_sql", "refuse_duplicate_columns"]
