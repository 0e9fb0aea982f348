"""The project's exceptions and its one failure record, each with a stable code.

A CLI command turns any :class:`CompactError` into a one-line message and a
non-zero exit code; anything else is a bug and keeps its traceback. Tests and
callers tell errors apart by ``code`` (a :class:`StrEnum` value), never by the
wording of the message, which is written for people and may be improved.
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
    plain strings); tests assert codes, never the wording of ``message``. ``row`` is the row or line
    a person sees in a spreadsheet or text editor (a header is row 1, the first data row is row 2; in
    a YAML file, the line), ``sheet`` is ``None`` outside workbooks, and ``row``/``column`` are
    ``None`` when the failure is about the whole file or a whole column. ``column`` names the field:
    a column header, or in a YAML file the path to the value such as ``priorities[2].indicators[0]``.
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


class ErrorCode(StrEnum):
    """Stable codes of the exceptions: each class has one, and a raise site may give a more specific one."""

    ERROR = "error"
    PERIOD = "period-invalid"
    FRAMEWORK = "framework-invalid"
    INPUT = "input-unreadable"
    FILE_NOT_FOUND = "file-not-found"
    NOT_A_REGULAR_FILE = "not-a-regular-file"
    BROKEN_LINK = "broken-link"
    EMPTY_FILE = "empty-file"
    NO_ROWS = "no-rows"
    LINE_TOO_LONG = "line-too-long"
    TOO_MANY_COLUMNS = "too-many-columns"
    OUT_OF_MEMORY = "out-of-memory"
    DISK_FULL = "disk-full"
    MISSING_COLUMN = "missing-column"
    DUPLICATE_COLUMN = "duplicate-column"
    NOT_A_WORKBOOK = "not-a-workbook"
    ENCRYPTED_WORKBOOK = "encrypted-workbook"
    CORRUPT_WORKBOOK = "corrupt-workbook"
    TOO_LARGE = "too-large"
    ENCODING_ERROR = "encoding-error"
    REGISTER = "register-invalid"
    STORE = "store-unusable"
    STORE_MISSING = "store-missing"
    STORE_LOCKED = "store-locked"
    STORE_NEWER_SCHEMA = "store-newer-schema"
    STORE_DAMAGED = "store-damaged"
    NOT_A_STORE = "not-a-store"
    STORE_EMPTY = "store-empty"
    STORE_EXISTS = "store-exists"
    NO_FINISHED_PERIOD = "no-finished-period"
    REPORTS_LOCKED = "reports-locked"
    PARAMETER = "parameter-invalid"
    RENDER = "render-failed"


def _rebuild(cls: type, args: tuple, state: dict) -> CompactError:
    """Unpickle any :class:`CompactError` (its own ``__init__`` may take other arguments)."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class CompactError(Exception):
    """Base class: raised for a problem the user can fix (bad input, bad argument).

    ``code`` is the class's stable code; ``CompactError(message, code=...)`` gives one raise
    site a more specific code (a :class:`StoreError` that is ``store-locked``).
    """

    exit_code = 2
    code: StrEnum | str = ErrorCode.ERROR

    def __init__(self, message: str = "", *, code: StrEnum | str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for this error in a notebook: the one line the CLI prints, no traceback."""
        return [f"error: {self}"]

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickle with its code and fields, so an error survives a worker process."""
        return _rebuild, (type(self), self.args, dict(self.__dict__))


class PeriodError(CompactError, ValueError):
    """Raised when a period name such as ``2009-10-Q5`` cannot be understood."""

    code = ErrorCode.PERIOD


def framework_location(failure: Failure) -> str:
    """Where a framework failure is, as the CLI prints it: the field path, else ``file``."""
    return failure.column or "file"


class FrameworkError(CompactError):
    """Raised when a framework file cannot be read or fails validation.

    ``failures`` holds every problem found as a :class:`Failure`; ``problems`` gives them as the
    ``(location, message)`` pairs ``validate-framework`` prints.
    """

    code = ErrorCode.FRAMEWORK

    def __init__(self, path: str, failures: list[Failure]):
        self.path = path
        self.failures = failures
        first = failures[0] if failures else Failure(path, None, None, "", self.code, "invalid")
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(f"{path}: {framework_location(first)}: {first.message}{more}")

    @property
    def problems(self) -> list[tuple[str, str]]:
        """Every failure as ``(location, message)``."""
        return [(framework_location(f), f.message) for f in self.failures]


class InputError(CompactError):
    """Raised when an input file cannot be read at all (missing, wrong format, unreadable)."""

    code = ErrorCode.INPUT


class StoreError(CompactError):
    """Raised when the evidence store cannot be opened or used (locked, newer schema)."""

    code = ErrorCode.STORE


class ParameterError(CompactError):
    """Raised when a report parameter is unknown or has a value that cannot be used."""

    code = ErrorCode.PARAMETER


class RenderError(CompactError):
    """Raised when a report cannot be rendered (notebook failed, no PDF route)."""

    exit_code = 1
    code = ErrorCode.RENDER
