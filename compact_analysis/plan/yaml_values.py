"""Reading the plain data of a framework document for its checks: dates, numbers, lists of mappings, located failures.

The framework checks (:mod:`.checks`, :mod:`.target_checks`, :mod:`.figure_checks`, :mod:`.cycle_checks`,
:mod:`.meaning_checks`) run on the data read from YAML, before the pydantic model, so they must read
values that may be of any type: each helper returns ``None`` or an empty list for a value of the wrong
shape (that shape is reported by the model) rather than raising.
"""

from __future__ import annotations

from datetime import date

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode


def as_date(value: object) -> date | None:
    """A date given as a YAML date or an ISO ``YYYY-MM-DD`` string; None for anything else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def as_number(value: object) -> float | None:
    """A YAML int or float as a float (a bool is not a number); None for anything else."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def dicts(value: object) -> list[tuple[int, dict]]:
    """The mappings of a YAML list with their positions (items that are not mappings skipped); [] if not a list."""
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def indicators(data: dict) -> list[tuple[str, dict]]:
    """Every indicator mapping of the document with its YAML path (``priorities[0].indicators[1]``)."""
    return [
        (f"priorities[{p}].indicators[{i}]", ind)
        for p, priority in dicts(data.get("priorities"))
        for i, ind in dicts(priority.get("indicators"))
    ]


def failure(location: str, code: FrameworkCode, message: str, value: object = None) -> Failure:
    """A failure at the YAML path ``location``; the file is filled in by the caller."""
    return Failure("", None, location, "" if value is None else str(value), code, message)


__all__ = ["as_date", "as_number", "dicts", "failure", "indicators"]
