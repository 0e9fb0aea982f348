"""Checking notebook parameters before a kernel starts (papermill itself only warns)."""

from __future__ import annotations

from pathlib import Path

from compact_analysis.errors import ParameterError


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell."""
    import papermill

    return set(papermill.inspect_notebook(str(notebook)))


def check_parameter_names(notebook: Path, given: dict) -> None:
    """Refuse a parameter the notebook does not declare, with a one-line message and the names it takes."""
    known = declared_parameters(notebook)
    unknown = sorted(set(given) - known)
    if unknown:
        raise ParameterError(
            f"{Path(notebook).name} takes no parameter {', '.join(map(repr, unknown))}; "
            f"it takes {', '.join(sorted(known))}"
        )
