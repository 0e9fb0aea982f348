"""The project's exceptions: one base class and a few kinds, each carrying small values.

A CLI command turns any :class:`CompactError` into a one-line message and a
non-zero exit code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


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
