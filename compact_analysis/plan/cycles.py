"""The cycles of a recurring milestone: a deliverable due each cycle by a date (issue #21, "recurring milestones").

A ``recurring-milestone`` target gives the first cycle's ``due`` date, the cycle (``every``) and the last due
date (``until``, default the framework's last day). Cycle *i* runs from the day after due(*i*-1) to due(*i*);
the first from the target's baseline date, else the framework's first day. A pure function of the target and
the framework's periods: nothing reads the clock.

Due dates step by whole months for an annual (12), quarterly (3) or monthly (1) cycle, keeping the day of the
month (the month's last day where it is shorter, and the last day throughout when the first due date is a
month end: 30 June, 30 September, 31 December, 31 March). A termly cycle is due the same number of days before
the end of each later term as the first due date is before the end of its term (terms from the framework).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from compact_analysis.plan.periods import TermDates

if TYPE_CHECKING:  # the framework model does not import this module; the types are only for reading
    from compact_analysis.plan.framework_model import Framework, Target

#: Months per cycle; a termly cycle follows the framework's term dates instead.
CYCLE_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1}
CYCLES = (*CYCLE_MONTHS, "termly")


@dataclass(frozen=True)
class Cycle:
    """One cycle of a recurring milestone: numbered from 1, from ``start`` to its due date, inclusive."""

    number: int
    start: date
    due: date

    def holds(self, day: date) -> bool:
        """True when ``day`` falls in the cycle (a return whose period ends then is the cycle's return)."""
        return self.start <= day <= self.due


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(first: date, months: int) -> date:
    """``first`` moved by whole months; a month end stays a month end, a day past a short month's end clamps."""
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _month_end(year, month)
    if first.day == _month_end(first.year, first.month):
        return date(year, month, last)
    return date(year, month, min(first.day, last))


def _monthly_dues(first_due: date, every: str, until: date) -> list[date]:
    step = CYCLE_MONTHS[every]
    dues, i = [], 0
    while (due := _add_months(first_due, step * i)) <= until:
        dues.append(due)
        i += 1
    return dues


def _termly_dues(first_due: date, until: date, terms: TermDates) -> list[date]:
    """Due dates at the same distance before each term's end as the first; the first must fall in a term."""
    spans = sorted(span for year in terms.values() for span in year.values())
    holding = [span for span in spans if span[0] <= first_due <= span[1]]
    if not holding:
        raise ValueError(f"a termly cycle's first due date must fall in a term; {first_due} falls in none")
    before_end = (holding[0][1] - first_due).days
    later = [max(start, end - timedelta(days=before_end)) for start, end in spans if start > holding[0][1]]
    return [due for due in [first_due, *later] if due <= until]


def due_dates(first_due: date, every: str, until: date, terms: TermDates | None = None) -> list[date]:
    """Every due date of a recurring milestone from ``first_due`` up to ``until`` inclusive, in order."""
    if every == "termly":
        return _termly_dues(first_due, until, terms or {})
    if every not in CYCLE_MONTHS:
        raise ValueError(f"unknown cycle {every!r}: expected one of {', '.join(CYCLES)}")
    return _monthly_dues(first_due, every, until)


def cycles(
    first_due: date,
    every: str,
    first_day: date,
    until: date,
    terms: TermDates | None = None,
) -> tuple[Cycle, ...]:
    """The cycles from ``first_day`` (the first cycle's start) to the last due date on or before ``until``."""
    dues = due_dates(first_due, every, until, terms)
    starts = [first_day, *(due + timedelta(days=1) for due in dues[:-1])]
    return tuple(Cycle(i, start, due) for i, (start, due) in enumerate(zip(starts, dues, strict=True), 1))


def target_cycles(framework: Framework, target: Target) -> tuple[Cycle, ...]:
    """A recurring-milestone target's cycles within the framework (empty for any other kind of target)."""
    if target.kind != "recurring-milestone" or target.due is None or target.every is None:
        return ()
    years = framework.periods("annual")
    first_day = target.baseline_date or years[0].start()
    return cycles(target.due, target.every, first_day, target.until or years[-1].end(), framework.terms)


def measure_cycle_starts(framework: Framework) -> list[tuple[str, date]]:
    """(measure, first day of a cycle after the first) for every recurring milestone: where a new cycle
    begins, its measure may go back to an earlier stage without being a stage going backwards."""
    return sorted(
        {
            (ind.measure, cycle.start)
            for ind in framework.indicators
            if ind.measure is not None
            for target in ind.targets
            for cycle in target_cycles(framework, target)[1:]
        }
    )
