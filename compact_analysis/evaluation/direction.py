"""The direction of travel by cadence: a monthly figure's direction agrees with its XmR chart.

Period on period, a figure moves up or down almost every time; for a monthly figure with an XmR chart
(:mod:`.spc`) the chart says whether the latest change is more than noise. So the direction shown follows
the chart's verdict on the latest month: within common-cause variation is "no significant change"; a
special cause is "improved" or "worse" by the figure's polarity (a neutral figure keeps the plain
direction). A figure without a chart (other cadences, or fewer than 2 months) keeps the plain direction.

Issue 21 ("direction of travel calls a running total 'worse' because it rose, and says 'worse' for an
information-only count with no polarity"): an information-only figure says "up", "down" or "no change", never
better or worse; a running total (aggregate ``cumulative-sum``) always rises, so its direction compares like
with like: this period's step (its increase) against the previous period's step.
"""

from __future__ import annotations

from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.history import RecentPoint, year_earlier_bounds, year_earlier_value
from compact_analysis.evaluation.spc import COMMON_CAUSE, CONCERN, IMPROVEMENT, XmR
from compact_analysis.evaluation.status import Direction
from compact_analysis.evaluation.targets import direction_of_travel
from compact_analysis.plan.framework import Indicator
from compact_analysis.plan.periods import Period

#: The aggregate of a running total, whose direction compares steps.
CUMULATIVE = "cumulative-sum"

_BY_VARIATION = {
    COMMON_CAUSE: Direction.NO_SIGNIFICANT_CHANGE,
    IMPROVEMENT: Direction.IMPROVED,
    CONCERN: Direction.WORSE,
}


def has_chart(spc: XmR | None) -> bool:
    """True for an XmR chart with limits (at least 2 points)."""
    return spc is not None and spc.mean is not None and len(spc.points) > 0


def direction_by_cadence(direction: Direction, spc: XmR | None) -> Direction:
    """``direction`` (against the previous period) as the XmR chart's verdict on the latest month has it.

    Unchanged without a chart, when there is nothing to compare or the value did not change at all.
    """
    if not has_chart(spc) or direction in (Direction.NOT_COMPARABLE, Direction.NO_CHANGE):
        return direction
    return _BY_VARIATION.get(spc.points["variation"].iloc[-1], direction)


def direction_polarity(indicator: Indicator) -> str:
    """The polarity a direction of travel reads: ``none`` for an information-only figure, which is one with
    ``polarity: none``, or one with no target whose polarity the framework does not give (the default "higher"
    is then an assumption nobody made); otherwise the indicator's polarity."""
    if indicator.polarity == "none" or ("polarity" not in indicator.model_fields_set and not indicator.targets):
        return "none"
    return indicator.polarity


def travel(
    current: float | None, previous: float | None, before: float | None, polarity: str, cumulative: bool
) -> Direction:
    """The direction from ``previous`` to ``current``; for a running total (``cumulative``), this period's step
    ``current - previous`` against the previous period's step ``previous - before`` (not comparable without
    all three)."""
    if not cumulative:
        return direction_of_travel(current, previous, polarity)
    if current is None or previous is None or before is None:
        return Direction.NOT_COMPARABLE
    return direction_of_travel(current - previous, previous - before, polarity)


def directions(
    ctx: EvaluationContext,
    indicator: Indicator,
    period: Period,
    current: float | None,
    recent: tuple[RecentPoint, ...],
    year_earlier: float | None,
    spc: XmR | None,
) -> tuple[Direction, Direction]:
    """The direction against the previous period (as the XmR chart has it, for a monthly figure) and against
    the same period a year earlier. For a running total both compare steps: this period's against the previous
    period's, and against the step to the same period a year earlier from the period before it."""
    polarity, cumulative = direction_polarity(indicator), indicator.aggregate == CUMULATIVE
    before, previous = recent[-2][1], recent[-1][1]  # the two periods before, oldest first (history.py)
    direction = direction_by_cadence(travel(current, previous, before, polarity, cumulative), spc)
    if not cumulative:
        return direction, direction_of_travel(current, year_earlier, polarity)
    terms = ctx.framework.terms
    earlier_before = year_earlier_value(ctx, indicator, year_earlier_bounds(period.previous(terms), ctx.framework))
    step_now = None if current is None or previous is None else current - previous
    step_then = None if year_earlier is None or earlier_before is None else year_earlier - earlier_before
    return direction, direction_of_travel(step_now, step_then, polarity)
