"""Checks of the figure aggregates (issue #21): a rate's denominator, a partnership's value, a running total's start.

Like :mod:`.checks` they run on the plain data read from YAML and return located failures (``column`` is
the YAML path, the file is filled in by the caller), so a file gives every problem at once.

- ``rate`` needs ``denominator``, a ``number`` measure defined under measures;
- ``value`` reads only a ``reported_by: partnership`` measure (the partnership's own single figure);
- ``since`` (a ``cumulative-sum``'s or a cumulative ``rate``'s first day) lies on or before the framework's last day;
- ``denominator``, ``per`` and ``since`` are refused on an aggregate that does not read them (never ignored).
"""

from __future__ import annotations

from datetime import date

from compact_analysis.errors import Failure, PeriodError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.yaml_values import as_date as _as_date
from compact_analysis.plan.yaml_values import dicts as _dicts
from compact_analysis.plan.yaml_values import failure as _failure
from compact_analysis.plan.yaml_values import indicators

Code = FrameworkCode

#: The fields only one aggregate reads.
_USED_BY = {"denominator": ("rate",), "per": ("rate",), "since": ("cumulative-sum", "rate")}


def _last_day(data: dict) -> date | None:
    """The last day of the framework's last financial year (None when no year can be read)."""
    ends = []
    for year in data.get("years") if isinstance(data.get("years"), list) else []:
        try:
            found = parse_period(str(year))
        except PeriodError:
            continue
        if found.cadence == "Y":
            ends.append(found.end())
    return max(ends) if ends else None


def _indicator_figure_problems(loc: str, ind: dict, measures: dict, last_day: date | None) -> list[Failure]:
    """One indicator's figure fields against its aggregate and the measures."""
    aggregate = ind.get("aggregate")
    problems = [
        _failure(
            f"{loc}.{field}",
            Code.UNUSED_FIELD,
            f"{field} is read only by a {' or '.join(used_by)} indicator",
            ind[field],
        )
        for field, used_by in _USED_BY.items()
        if ind.get(field) is not None and aggregate not in used_by
    ]
    if aggregate == "rate":
        denominator = ind.get("denominator")
        if denominator is None:
            message = "a rate needs a denominator: the id of a number measure"
            problems.append(_failure(f"{loc}.denominator", Code.MISSING_DENOMINATOR, message))
        elif denominator not in measures:
            message = f"measure {denominator!r} is not defined under measures"
            problems.append(_failure(f"{loc}.denominator", Code.UNDEFINED_REFERENCE, message, denominator))
        elif measures[denominator].get("type") != "number":
            message = f"a rate's denominator must be a number measure; {denominator!r} is {measures[denominator].get('type')!r}"
            problems.append(_failure(f"{loc}.denominator", Code.WRONG_MEASURE_TYPE, message, denominator))
    measure = measures.get(ind.get("measure"))
    if aggregate == "value" and measure is not None and measure.get("reported_by", "members") != "partnership":
        message = (
            f"value reads the partnership's own figure; measure {ind.get('measure')!r} is reported by members "
            "(use sum, mean or rate)"
        )
        problems.append(_failure(f"{loc}.aggregate", Code.NOT_A_PARTNERSHIP_MEASURE, message, aggregate))
    reads_since = aggregate in _USED_BY["since"] and ind.get("since") is not None
    since = _as_date(ind.get("since")) if reads_since else None
    if since is not None and last_day is not None and since > last_day:
        message = f"a running total must start on or before the framework's last day ({last_day}), got {since}"
        problems.append(_failure(f"{loc}.since", Code.SINCE_AFTER_YEARS, message, since))
    return problems


def figure_failures(data: dict) -> list[Failure]:
    """Every figure-aggregate problem of a framework document, located (file left blank)."""
    measures = {m.get("id"): m for _, m in _dicts(data.get("measures"))}
    last_day = _last_day(data)
    return [
        problem for loc, ind in indicators(data) for problem in _indicator_figure_problems(loc, ind, measures, last_day)
    ]
