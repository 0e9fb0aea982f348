"""An indicator's recent history: the two periods before, and the same period a year earlier.

Together with the value now they give the direction of travel and show slippage (a shortfall against
the trajectory that grows period on period).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.target_status import Planned, has_trajectory, planned
from compact_analysis.plan.framework import Framework, Indicator
from compact_analysis.plan.periods import Period

#: One earlier period as the slippage rule reads it: (period name, value shown, expected value on the trajectory).
RecentPoint = tuple[str, float | None, Fraction | None]


def recent_periods(period: Period, framework: Framework) -> tuple[Period, Period]:
    """The two periods before ``period``, oldest first."""
    previous = period.previous(framework.terms)
    return previous.previous(framework.terms), previous


def recent_point(ctx: EvaluationContext, indicator: Indicator, period: Period) -> RecentPoint:
    """An earlier period's value and expected value (None without a numeric target), for slippage."""
    start, end = period.bounds(ctx.framework.terms)
    target = indicator.target_in_force(end)
    value, gap = ctx.value(indicator, target, start, end)
    expected = None
    if has_trajectory(target):
        plan = planned(ctx, indicator, target, gap, end)
        expected = plan.expected if isinstance(plan, Planned) else None
    return period.name, value.shown, expected


def year_earlier_bounds(period: Period, framework: Framework) -> tuple[date, date] | None:
    """First and last day of the same period a year earlier; None when the framework has no such period."""
    try:
        return period.year_earlier().bounds(framework.terms)
    except PeriodError:
        return None


def year_earlier_value(ctx: EvaluationContext, indicator: Indicator, bounds: tuple[date, date] | None) -> float | None:
    """The value shown for the same period a year earlier (with the target then in force); None without one."""
    if bounds is None:
        return None
    earlier, _ = ctx.value(indicator, indicator.target_in_force(bounds[1]), *bounds)
    return earlier.shown
