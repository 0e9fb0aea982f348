"""The project's exceptions: one base class and a few kinds, each carrying small values.

A CLI command turns any :class:`CompactError` into a one-line message and a
non-zero exit code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

#: The columns of a failure table, in order: every validator's findings read the same way.
FAILURE_COLUMNS = ("file", "sheet", "row", "column", "value", "code", "message")


@dataclass(frozen=True)
class Failure:
    """One thing wrong with an input, located: the record every validator yields (errors as data).

    ``code`` comes from an enum of the validator's (a :class:`StrEnum`, so tables and JSON read as
    plain strings); tests assert codes, never the wording of ``message``. ``row`` is the physical row
    a spreadsheet shows (the header is row 1, so the first data row is 2; a YAML file gives its line),
    ``sheet`` is ``None`` outside workbooks, and ``row``/``column`` are ``None`` when the failure is
    about the whole file or a whole column.
    """

    file: str
    row: int | None
    column: str | None
    value: str
    code: StrEnum | str
    message: str
    sheet: str | None = None

    def as_row(self) -> dict[str, object]:
        """The failure as a dict in :data:`FAILURE_COLUMNS` order, the code as its plain string."""
        row = asdict(self)
        row["code"] = str(self.code)
        return {column: row[column] for column in FAILURE_COLUMNS}


class CompactError(Exception):
    """Base class: raised for a problem the user can fix (bad input, bad argument)."""

    exit_code = 2


class PeriodError(CompactError, ValueError):
    """Raised when a period name such as ``2009-10-Q5`` cannot be understood."""


class FrameworkError(CompactError):
    """Raised when a framework file cannot be read or fails validation.

    ``problems`` holds every problem found, each ``(location, message)``.
    """

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        self.problems = problems
        first = problems[0] if problems else ("", "invalid")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{path}: {first[0]}: {first[1]}{more}")


class InputError(CompactError):
    """Raised when an input file cannot be read at all (missing, wrong format, unreadable)."""


class StoreError(CompactError):
    """Raised when the evidence store cannot be opened or used (locked, newer schema)."""


class ParameterError(CompactError):
    """Raised when a report parameter is unknown or has a value that cannot be used."""


class RenderError(CompactError):
    """Raised when a report cannot be rendered (notebook failed, no PDF route)."""

    exit_code = 1
