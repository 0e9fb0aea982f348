"""The direction of travel by cadence: a monthly figure's direction agrees with its XmR chart.

Period on period, a figure moves up or down almost every time; for a monthly figure with an XmR chart
(:mod:`.spc`) the chart says whether the latest change is more than noise. So the direction shown follows
the chart's verdict on the latest month: within common-cause variation is "no significant change"; a
special cause is "improved" or "worse" by the figure's polarity (a neutral figure keeps the plain
direction). A figure without a chart (other cadences, or fewer than 2 months) keeps the plain direction.
"""

from __future__ import annotations

from compact_analysis.evaluation.spc import COMMON_CAUSE, CONCERN, IMPROVEMENT, XmR
from compact_analysis.evaluation.status import Direction

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
