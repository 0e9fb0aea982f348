"""Reading a futures CSV file as text and checking its cells, each problem a located :class:`Failure`.

Every cell is read as text (no type guessing), so a bad cell is reported as the person typed it;
row numbers are those a spreadsheet shows (the header is row 1, the first data row is row 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from compact_analysis.errors import Failure
from compact_analysis.futures.codes import FuturesCode

_WHOLE = re.compile(r"^\s*[+-]?\d+\s*$")
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")


def read_text_table(path: Path, name: str, failures: list[Failure]) -> pd.DataFrame | None:
    """The CSV file as a frame of stripped strings; None (and a failure) when it is missing or unreadable."""
    if not path.is_file():
        failures.append(Failure(name, None, None, "", FuturesCode.MISSING_FILE, f"{name} is missing"))
        return None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = f"cannot read it as CSV ({str(exc).splitlines()[0][:120]})"
        failures.append(Failure(name, None, None, "", FuturesCode.UNREADABLE, message))
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def has_columns(frame: pd.DataFrame, name: str, columns: Iterable[str], failures: list[Failure]) -> bool:
    """True when every column is there; a failure for each one that is not."""
    missing = [c for c in columns if c not in frame.columns]
    for column in missing:
        failures.append(Failure(name, 1, column, "", FuturesCode.MISSING_COLUMN, f"the column {column!r} is missing"))
    return not missing


def _row(index: int) -> int:
    return int(index) + 2  # the header is row 1


def whole_numbers(frame: pd.DataFrame, name: str, column: str, failures: list[Failure]) -> pd.Series:
    """The column as whole numbers (nullable); a failure for each blank, non-whole or negative cell."""
    text = frame[column]
    ok = text.str.match(_WHOLE)
    for index, value in text[~ok].items():
        code = FuturesCode.BLANK if value == "" else FuturesCode.NOT_A_NUMBER
        failures.append(Failure(name, _row(index), column, value, code, f"{column} must be a whole number"))
    numbers = pd.to_numeric(text.where(ok), errors="coerce").astype("Int64")
    for index, value in numbers[numbers < 0].items():
        failures.append(
            Failure(name, _row(index), column, str(value), FuturesCode.NEGATIVE, f"{column} cannot be negative")
        )
    return numbers


def known(
    frame: pd.DataFrame, name: str, column: str, allowed: Iterable[str], code: FuturesCode, failures: list[Failure]
) -> None:
    """A failure for each cell of ``column`` that is not one of ``allowed`` (named in the message)."""
    allowed = list(allowed)
    for index, value in frame[column][~frame[column].isin(allowed)].items():
        failures.append(
            Failure(name, _row(index), column, value, code, f"{value!r} is not one of: {', '.join(allowed)}")
        )


def not_blank(frame: pd.DataFrame, name: str, column: str, failures: list[Failure]) -> None:
    """A failure for each blank cell of ``column``."""
    for index in frame.index[frame[column] == ""]:
        failures.append(Failure(name, _row(index), column, "", FuturesCode.BLANK, f"{column} must not be blank"))


def duplicates(frame: pd.DataFrame, name: str, key: list[str], failures: list[Failure]) -> None:
    """A failure for each row repeating an earlier row's ``key`` (so no figure is counted twice)."""
    for index in frame.index[frame.duplicated(key)]:
        value = ", ".join(str(frame.at[index, k]) for k in key)
        failures.append(
            Failure(name, _row(index), None, value, FuturesCode.DUPLICATE, f"repeats an earlier row's {', '.join(key)}")
        )


def is_number(text: str) -> bool:
    """Whether ``text`` is a plain decimal number such as 0.85 or 1."""
    return bool(_NUMBER.match(str(text)))
