"""Reading an action-progress return (``actions/*.csv``) into accepted rows and located failures.

Seed 002's "monitoring implementation of action plans": an owner reports each action's progress with
``action_id, reported_on, status, done_on, note, reported_by`` (status ``not-started``, ``in-progress``
or ``done``). A file is read the way member returns are (its encoding sniffed and transcoded by
:mod:`~compact_analysis.evidence.csv_reader`); a file that cannot be read as a return at all (no such
columns) is refused with one line; a bad row is quarantined with its reason, never dropped or changed.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ErrorCode, Failure, InputError
from compact_analysis.evidence.csv_reader import sniff_encoding, transcode
from compact_analysis.plan.file_kind import require_regular_file
from compact_analysis.plan.plans_model import PROGRESS_COLUMNS, ProgressStatus

#: Columns a progress return must have; ``note`` and ``done_on`` may be blank.
REQUIRED = ("action_id", "reported_on", "status", "done_on", "note", "reported_by")


class ActionReason(StrEnum):
    """Why an action-progress row was quarantined."""

    UNKNOWN_ACTION = "unknown-action"
    BAD_DATE = "bad-date"
    BAD_STATUS = "bad-status"
    DONE_WITHOUT_DATE = "done-without-date"
    DATE_WITHOUT_DONE = "date-without-done"
    DONE_AFTER_REPORT = "done-after-report"
    MISSING_VALUE = "missing-value"
    WRONG_CELL_COUNT = "wrong-cell-count"


def _text(path: Path) -> str:
    """The file as UTF-8 text with LF line endings, whatever it was written in."""
    encoding, bare_cr = sniff_encoding(path)
    if encoding == "utf-8" and not bare_cr:
        return path.read_text(encoding="utf-8")
    workdir = Path(tempfile.mkdtemp(prefix="compact-actions-"))
    try:
        transcode(path, encoding, workdir / "utf8.csv")
        return (workdir / "utf8.csv").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def row_failures(name: str, row_number: int, row: dict[str, str], action_ids: set[str]) -> list[Failure]:
    """Every problem of one row (row 2 is the first data row), each located by file, row and column."""

    def fail(column: str, code: ActionReason, message: str) -> Failure:
        return Failure(name, row_number, column, row.get(column) or "", code, message)

    found = [fail(c, ActionReason.MISSING_VALUE, f"{c} is empty") for c in ("action_id", "reported_by") if not row[c]]
    if row["action_id"] and row["action_id"] not in action_ids:
        found.append(fail("action_id", ActionReason.UNKNOWN_ACTION, "no action of the framework's plans has this id"))
    for column in ("reported_on", "done_on"):
        if (row[column] or column == "reported_on") and _date(row[column]) is None:
            found.append(fail(column, ActionReason.BAD_DATE, "expected a date written YYYY-MM-DD"))
    if row["status"] not in set(ProgressStatus):
        found.append(fail("status", ActionReason.BAD_STATUS, f"expected one of {', '.join(ProgressStatus)}"))
    done, done_on, reported = row["status"] == ProgressStatus.DONE, _date(row["done_on"]), _date(row["reported_on"])
    if done and not row["done_on"]:
        found.append(fail("done_on", ActionReason.DONE_WITHOUT_DATE, "a done action needs the date it was done"))
    if row["done_on"] and not done and row["status"] in set(ProgressStatus):
        found.append(fail("done_on", ActionReason.DATE_WITHOUT_DONE, "a done date belongs to a done action"))
    if done_on and reported and done_on > reported:
        found.append(fail("done_on", ActionReason.DONE_AFTER_REPORT, "done after the date it was reported"))
    return found


@dataclass(frozen=True)
class ActionRead:
    """A progress return read: accepted rows (:data:`PROGRESS_COLUMNS` and ``source_row``), the failures of the
    rows quarantined, how many rows were read and each quarantined row's reported date where it could be read."""

    accepted: pd.DataFrame
    failures: list[Failure]
    rows_read: int
    reported_on: dict[int, date | None]


def read_action_return(path: Path, action_ids: set[str]) -> ActionRead:
    """Read and check one progress return (module notes); refused whole only when it is not one at all."""
    require_regular_file(path)
    reader = csv.reader(io.StringIO(_text(path)))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{path}: not an action-progress return (missing column(s) {', '.join(missing)})",
            code=ErrorCode.INPUT,
        )
    accepted, failures, read, reported = [], [], 0, {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        read += 1
        if len(cells) != len(header):
            message = f"the row has {len(cells)} cells, the header {len(header)}"
            failures.append(Failure(path.name, number, None, "", ActionReason.WRONG_CELL_COUNT, message))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        problems = row_failures(path.name, number, row, action_ids)
        if problems:
            failures += problems
            reported[number] = _date(row["reported_on"])
            continue
        dates = {c: _date(row[c]) if row[c] else None for c in ("reported_on", "done_on")}
        accepted.append({**{c: row[c] or None for c in PROGRESS_COLUMNS}, **dates, "source_row": number})
    frame = pd.DataFrame(accepted, columns=[*PROGRESS_COLUMNS, "source_row"])
    return ActionRead(frame, failures, read, reported)
