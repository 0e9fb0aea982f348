"""The direction of travel in words: what it compares, and a running total's step against the step before.

A running total (aggregate ``cumulative-sum``) always rises, so its direction compares like with like: this
period's increase against the previous period's (issue 21); the words say so, and give both steps.
"""

from __future__ import annotations

from compact_analysis.evaluation.direction import CUMULATIVE
from compact_analysis.evaluation.evaluate import IndicatorResult


def _number(value: float) -> str:
    """A figure as the narrative prints it (whole, or one decimal place), thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def compared_with(result: IndicatorResult) -> tuple[str, str]:
    """What the two directions compare, in words, as 'Direction of travel: up{first}; {second}: up' reads.

    For an annual figure the previous period is the same period a year earlier: one comparison, named
    ("against the previous year, 2010-11"), and ``second`` is "" (the paper says it once).
    """
    if result.indicator.cadence == "annual" and result.recent:
        return _against_last_year(result)
    if result.indicator.aggregate == CUMULATIVE:
        return (
            ", comparing this period's increase with the previous period's",
            "this period's increase against the same period's a year earlier",
        )
    return " against the previous period", "against the same period a year earlier"


def _against_last_year(result: IndicatorResult) -> tuple[str, str]:
    """An annual figure's one comparison: last year is both the previous period and the same period a year
    earlier, so it is named once ("against the previous year, 2010-11"); a running total compares increases."""
    last_year = result.recent[-1][0]
    if result.value.shown is None:
        return " (no figure for this year)", ""
    if result.previous_value is None:
        return f" (no figure for the previous year, {last_year})", ""
    if result.indicator.aggregate == CUMULATIVE:
        return f", comparing this year's increase with the previous year's ({last_year})", ""
    return f" against the previous year, {last_year}", ""


def step_change(result: IndicatorResult) -> str:
    """'rose by 12 this period, against a rise of 9 in 2009-10-Q1', or '' without the three figures needed."""
    if result.indicator.aggregate != CUMULATIVE or len(result.recent) < 2 or not result.value.members_returned:
        return ""
    before, (previous_period, previous) = result.recent[-2][1], result.recent[-1][:2]
    now = result.value.value
    if now is None or previous is None or before is None:
        return ""
    step, step_before = now - previous, previous - before
    return f"{_rose(step)} this period, against {_rise(step_before)} in {previous_period}"


def _rose(step: float) -> str:
    if step == 0:
        return "unchanged"
    return f"rose by {_number(step)}" if step > 0 else f"fell by {_number(-step)}"


def _rise(step: float) -> str:
    if step == 0:
        return "no change"
    return f"a rise of {_number(step)}" if step > 0 else f"a fall of {_number(-step)}"
