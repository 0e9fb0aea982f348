"""An indicator's series over time, wired to the models that read it: the forecast and the XmR chart.

The forecast (:mod:`compact_analysis.evaluation.forecast`) reads a member count at each step since its
baseline; the XmR chart (:mod:`compact_analysis.evaluation.spc`) reads a monthly figure month by month.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.baseline import BaselineResult
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.forecast import AdoptionSeries, Forecast, counts_from_values, forecast_count
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.spc import XmR, xmr
from compact_analysis.evaluation.target_status import NUMERIC_KINDS, TargetStatus, baseline_date_of
from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.periods import months_between

#: Months in one step of a forecast's series, by the indicator's cadence (cadences not listed get no forecast).
STEP_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}


def forecast_of(
    ctx: EvaluationContext,
    indicator: Indicator,
    target: Target | None,
    value: IndicatorValue,
    gap: BaselineResult | None,
    judged: TargetStatus,
    end: date,
) -> Forecast | None:
    """The run-rate and probability of reaching a member-count target, from the counts at each step since its baseline.

    Only for members counted toward a numeric target not yet due, with "higher is better" and a return in hand.
    """
    if (
        target is None
        or target.kind not in NUMERIC_KINDS
        or judged.target_value is None
        or indicator.polarity != "higher"
        or indicator.cadence not in STEP_MONTHS
        or not value.members_returned
        or target.due is None
        or end >= target.due
    ):
        return None
    base_date = baseline_date_of(ctx.framework, target)
    steps = [p for p in ctx.framework.periods(indicator.cadence) if base_date < p.end(ctx.framework.terms) <= end]
    values = [judged.baseline_value or 0.0]
    for step in steps:
        step_value, _ = ctx.value(indicator, target, *step.bounds(ctx.framework.terms))
        values.append(step_value.shown)
    population = len(gap.can_count(end)) if gap is not None else value.denominator
    step_months = STEP_MONTHS[indicator.cadence]
    steps_left = Fraction(months_between(end, target.due), step_months)
    series = AdoptionSeries(counts_from_values(values), population, step_months)
    return forecast_count(series, int(judged.target_value), steps_left, ctx.framework.forecast_prior)


def variation_of(ctx: EvaluationContext, indicator: Indicator, target: Target | None, end: date) -> XmR | None:
    """An XmR chart of a monthly figure's months up to ``end`` (months with no return left out), or None.

    Only for monthly sums, where month-to-month wobble is most easily mistaken for a trend.
    """
    if indicator.cadence != "monthly" or indicator.aggregate != "sum":
        return None
    labels, values = [], []
    for month in ctx.framework.periods("monthly"):
        month_start, month_end = month.bounds(ctx.framework.terms)
        if month_end > end:
            break
        value, _ = ctx.value(indicator, target, month_start, month_end)
        if value.members_returned:
            labels.append(month.name)
            values.append(float(value.value))
    return xmr(values, labels, "neutral" if indicator.polarity == "none" else indicator.polarity)
