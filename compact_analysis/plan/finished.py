"""Which periods are finished: what ``report --period latest`` and ``report-all`` render (issue #23).

A period is **finished** when its last day is on or before the *evidence date*, the newest period end
among the stored observations (the latest day any return speaks for). A store whose newest row is for
month 4 (ending 31 July) has finished month 4 and quarter 1, but not quarter 2 (ending 30 September):
a scheduled ``report --period latest`` then renders quarter 1, never a quarter still under way.
Nothing here reads the clock: the evidence date comes from the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from compact_analysis.plan.periods import CADENCE_CODES, Period, TermDates, periods_of_year

#: The cadences a schedule can ask for, in the order the command line lists them.
CADENCES = tuple(CADENCE_CODES)


def finished_periods(
    ends: Iterable[date], years: Iterable[str], cadence: str, terms: TermDates | None = None
) -> list[Period]:
    """The periods of ``cadence`` in ``years`` that hold an observation and end on or before the newest one.

    ``ends`` are the observations' period ends; a period holds one when an end falls within its days.
    """
    days = sorted(set(ends))
    if not days:
        return []
    evidence_date = days[-1]
    found = []
    for year in years:
        for period in periods_of_year(year, cadence, terms):
            start, end = period.bounds(terms)
            if end <= evidence_date and any(start <= day <= end for day in days):
                found.append(period)
    return found
