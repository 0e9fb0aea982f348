"""Figures repeated unchanged from the previous period: a return that may not have been updated.

Issue 21: "a figure repeated unchanged from the previous quarter (a return not updated) passes without a word".
A member's figure for a measure is *repeated* when it equals, exactly, the same member's figure for the same
measure in the period before, of the same cadence (July's against June's, Q2's against Q1's). Only numbers:
a yes/no answer or a level reached stays the same by nature; and not a whole number below
:data:`SMALL_COUNT`, which repeats by chance. Each figure is the member's latest submission for
its period as at the evidence date. ``runs`` counts the periods running with the same figure, this one
included: 2 when it repeats the previous period's, 3 when that one also repeated the one before. The paper
notes every repeat; a third period running raises an exception (kind ``figure-not-updated``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from compact_analysis.errors import PeriodError
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import TermDates, parse_period

#: Periods running with the same figure that raise an exception (the figure and the two before it).
EXCEPTION_RUNS = 3
#: Whole numbers below this are not flagged: a small count repeats by chance (a member enrolling 2 people two
#: months running is ordinary; in the synthetic demo year 182 of 185 exact repeats were counts of 1 to 9).
SMALL_COUNT = 10


@dataclass(frozen=True)
class RepeatedFigure:
    """A member's figure for a measure equal to its figure for the period before (``runs`` periods running)."""

    member_id: str
    measure_id: str
    period: str
    value: float
    runs: int


def repeated_figures(
    observations: pd.DataFrame, framework: Framework, period_start: date, period_end: date
) -> list[RepeatedFigure]:
    """Every number returned for a period ending within the dates that repeats the period before's, sorted by
    member, measure and period (see the module docstring)."""
    numbers = {m.id for m in framework.measures if m.type == "number"}
    rows = observations[observations["measure_id"].isin(numbers)]
    if rows.empty:
        return []
    latest = rows.sort_values("submitted", kind="stable").groupby(["member_id", "measure_id", "period"]).tail(1)
    figures = {
        (str(r.member_id), str(r.measure_id), str(r.period)): float(r.value_number)
        for r in latest.itertuples(index=False)
        if pd.notna(r.value_number)
    }
    ends = pd.to_datetime(latest["period_end"]).dt.date
    within = latest[(ends >= period_start) & (ends <= period_end)]
    found, terms = [], _terms_key(framework.terms)
    for member, measure, name in sorted(zip(within["member_id"], within["measure_id"], within["period"], strict=True)):
        key = (str(member), str(measure), str(name))
        if key not in figures or _small_count(figures[key]):
            continue
        runs = _runs(figures, key, terms)
        if runs >= 2:
            found.append(RepeatedFigure(*key, figures[key], runs))
    return found


def _small_count(value: float) -> bool:
    """A whole number below :data:`SMALL_COUNT` (in size): not flagged, as it repeats by chance."""
    return value.is_integer() and abs(value) < SMALL_COUNT


def _runs(figures: dict[tuple[str, str, str], float], key: tuple[str, str, str], terms: tuple) -> int:
    """How many periods running, ending with ``key``'s, the member returned this same figure."""
    member, measure, name = key
    runs, value = 1, figures[key]
    while (before := _previous_name(name, terms)) is not None:
        if figures.get((member, measure, before)) != value:
            break
        runs, name = runs + 1, before
    return runs


def _terms_key(terms: TermDates) -> tuple:
    """The term dates as a hashable key, so the previous period's name can be cached."""
    return tuple(sorted((year, tuple(sorted(dates.items()))) for year, dates in terms.items()))


@cache
def _previous_name(name: str, terms_key: tuple) -> str | None:
    """The name of the period before ``name`` of the same cadence; None when it cannot be read."""
    terms = {year: dict(dates) for year, dates in terms_key}
    try:
        return parse_period(name).previous(terms).name
    except PeriodError:
        return None
