"""Owners' commentary and remedial actions for a period: ``commentary/<period>.csv`` or ``.xlsx``.

Issue 24: "UK council quarterly reports put a 'corrective action' box beside each red". Each row is
about one indicator (its framework id) or one exception (its register id, ``EX-0004``): who owns it,
what they say, the action they are taking and when it is due. The file is read as text cells with the
member register's reader, checked with the failure vocabulary (every bad cell a located
:class:`~compact_analysis.errors.Failure`), and nothing is changed or dropped on the way: a row whose
commentary and action are both blank is a template row not yet written (the paper then says whose
commentary is awaited); any other problem refuses the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS, Failure, InputError
from compact_analysis.plan.members import read_register_table

#: The commentary file's folder inside a data folder, and its columns in order.
COMMENTARY_FOLDER = "commentary"
COMMENTARY_COLUMNS = ("id", "owner", "commentary", "action", "action_due")


class BoardInputCode(StrEnum):
    """What is wrong with a board input, commentary or messages (frictionless's names where they mean the same)."""

    AMBIGUOUS_FILE = "ambiguous-file"
    MISSING_COLUMN = "missing-column"
    MISSING_CELL = "missing-cell"
    TYPE_ERROR = "type-error"
    UNKNOWN_ID = "unknown-id"
    DUPLICATE_VALUE = "duplicate-value"
    UNKNOWN_FIELD = "unknown-field"
    NOT_A_MAPPING = "not-a-mapping"


class BoardInputError(InputError):
    """A board input (commentary, key messages) with problems; ``failures`` holds every one, located."""

    def __init__(self, path: str, failures: list[Failure]):
        self.path = path
        self.failures = failures
        first = failures[0]
        where = ", ".join(p for p in (f"row {first.row}" if first.row else "", first.column or "") if p)
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(f"{path}: {where + ': ' if where else ''}{first.message}{more}", code=first.code)

    def table(self) -> pd.DataFrame:
        """The failures as a table in :data:`FAILURE_COLUMNS` order."""
        return pd.DataFrame([f.as_row() for f in self.failures], columns=list(FAILURE_COLUMNS))


@dataclass(frozen=True)
class Comment:
    """One owner's commentary on an indicator or an exception, with the remedial action and its due date."""

    id: str
    owner: str
    commentary: str
    action: str
    action_due: date | None
    row: int  # the row a person sees in the file (the header is row 1)


def board_files(folder: str | Path, period: str) -> tuple[Path, Path]:
    """Where a period's commentary may be (CSV, XLSX): a cached paper is made again when one changes."""
    return tuple(Path(folder) / COMMENTARY_FOLDER / f"{period}{s}" for s in (".csv", ".xlsx"))


def commentary_file(folder: str | Path, period: str) -> Path | None:
    """The period's commentary file in a data folder (None when there is none); both a CSV and an XLSX
    for one period is refused rather than one silently preferred."""
    found = [p for p in (Path(folder) / COMMENTARY_FOLDER / f"{period}{s}" for s in (".csv", ".xlsx")) if p.exists()]
    if len(found) > 1:
        message = f"both {found[0].name} and {found[1].name} exist: keep one commentary file for {period}"
        raise BoardInputError(
            str(found[0]), [Failure(str(found[0]), None, None, "", BoardInputCode.AMBIGUOUS_FILE, message)]
        )
    return found[0] if found else None


def read_commentary(
    folder: str | Path, period: str, indicator_ids: Iterable[str], register: Callable[[], pd.DataFrame]
) -> dict[str, Comment]:
    """The period's commentary by id ({} when the folder has no file for it). A row names one of
    ``indicator_ids`` or an ``exception_id`` of ``register()`` (the exceptions register as at the paper's
    evidence date, read only when there is a file). Raises :class:`BoardInputError` naming every bad cell."""
    path = commentary_file(folder, period)
    if path is None:
        return {}
    raw = read_register_table(path, "commentary file")
    text = raw.fillna("").astype(str).apply(lambda col: col.str.strip()) if len(raw.columns) else raw
    known = set(indicator_ids) | set(register()["exception_id"].dropna())
    failures = commentary_failures(text, str(path), known)
    if failures:
        raise BoardInputError(str(path), failures)
    return {
        row["id"]: Comment(row["id"], row["owner"], row["commentary"], row["action"], _day(row["action_due"]), i + 2)
        for i, row in text.iterrows()
        if row["commentary"] or row["action"]
    }


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def commentary_failures(text: pd.DataFrame, file: str, known: set[str]) -> list[Failure]:
    """Every problem with a commentary table read as text cells (index: 0-based data row), row by row."""
    missing = [c for c in COMMENTARY_COLUMNS if c not in text.columns]
    if missing:
        message = "missing column {}; expected " + ", ".join(COMMENTARY_COLUMNS)
        return [Failure(file, 1, c, "", BoardInputCode.MISSING_COLUMN, message.format(c)) for c in missing]
    failures: list[Failure] = []
    seen: dict[str, int] = {}
    for i, row in text.iterrows():
        failures += _row_failures(row, file, int(i) + 2, known, seen)
    return failures


def _row_failures(row: pd.Series, file: str, line: int, known: set[str], seen: dict[str, int]) -> list[Failure]:
    """One row's problems: its id (blank, unknown, repeated), owner, action and due date."""

    def fail(column: str, code: BoardInputCode, message: str) -> Failure:
        return Failure(file, line, column, row[column], code, message)

    found, ident = [], row["id"]
    written = bool(row["commentary"] or row["action"])
    if not ident:
        found.append(fail("id", BoardInputCode.MISSING_CELL, "id is blank: name an indicator or exception"))
    elif ident not in known:
        found.append(fail("id", BoardInputCode.UNKNOWN_ID, f"{ident!r} is neither an indicator nor an exception"))
    elif ident in seen:
        found.append(fail("id", BoardInputCode.DUPLICATE_VALUE, f"{ident} already has commentary in row {seen[ident]}"))
    else:
        seen[ident] = line
    if written and not row["owner"]:
        found.append(fail("owner", BoardInputCode.MISSING_CELL, "owner is blank: say whose commentary this is"))
    if row["action"] and not row["action_due"]:
        found.append(fail("action_due", BoardInputCode.MISSING_CELL, "an action needs a due date (YYYY-MM-DD)"))
    if row["action_due"] and not row["action"]:
        found.append(fail("action", BoardInputCode.MISSING_CELL, "a due date needs the action it is for"))
    if row["action_due"] and not _is_day(row["action_due"]):
        found.append(fail("action_due", BoardInputCode.TYPE_ERROR, "expected a date YYYY-MM-DD"))
    return found


def _is_day(text: str) -> bool:
    """Whether a cell is a real date written YYYY-MM-DD (2010-02-30 is not)."""
    try:
        return len(text) == 10 and date.fromisoformat(text) is not None
    except ValueError:
        return False
