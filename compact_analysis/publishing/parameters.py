"""Checking notebook parameters before a kernel starts (papermill itself only warns)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from compact_analysis.errors import Failure, ParameterError


class ParameterCode(StrEnum):
    """What is wrong with a parameter given to a notebook."""

    UNKNOWN_PARAMETER = "unknown-parameter"


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell."""
    import papermill  # deferred: heavy, and only needed when a notebook is about to run

    return set(papermill.inspect_notebook(str(notebook)))


def parameter_failures(notebook: Path, given: dict, known: set[str] | None = None) -> list[Failure]:
    """A :class:`Failure` for each parameter the notebook does not declare (``column`` is its name)."""
    known = declared_parameters(notebook) if known is None else known
    takes = ", ".join(sorted(known))
    return [
        Failure(
            Path(notebook).name,
            None,
            name,
            str(given[name]),
            ParameterCode.UNKNOWN_PARAMETER,
            f"{Path(notebook).name} takes no parameter {name!r}; it takes {takes}",
        )
        for name in sorted(set(given) - known)
    ]


def check_parameter_names(notebook: Path, given: dict) -> None:
    """Refuse a parameter the notebook does not declare, with a one-line message and the names it takes."""
    known = declared_parameters(notebook)
    failures = parameter_failures(notebook, given, known)
    if failures:
        unknown = [f.column for f in failures]
        raise ParameterError(
            f"{Path(notebook).name} takes no parameter {', '.join(map(repr, unknown))}; "
            f"it takes {', '.join(sorted(known))}",
            code=ParameterCode.UNKNOWN_PARAMETER,
        )
