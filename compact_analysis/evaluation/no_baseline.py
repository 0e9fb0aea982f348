"""A target the plan sets without a baseline (``baseline: none``): judged against the target only.

No trajectory is drawn ("the plan sets no baseline, so progress is judged against the target only"). At
each interim step the plan gives, once its date has passed, the figure at the step date is met or not met
(:mod:`.floors`' words); before the first step there is no interim target yet; once the due date has passed
the target is achieved or missed at its due date (:mod:`.year_end`).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.floors import met_or_not
from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.evaluation.year_end import is_due, year_end_status
from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.periods import period_containing
from compact_analysis.plan.trajectory import exact

NO_BASELINE_RULE = (
    "the plan sets no baseline, so progress is judged against the target only: met or not met at each interim "
    "step once its date has passed; achieved or missed at the due date"
)


def _value_at(ctx: EvaluationContext, indicator: Indicator, target: Target, day: date) -> float | None:
    """The figure at ``day``: for the period of the indicator's cadence ending that day (a sum over the year for
    an annual figure), else only what ends that day; a count of members is its state as at ``day``."""
    start = day
    with suppress(PeriodError):
        period = period_containing(day, indicator.cadence, ctx.framework.terms)
        if period.end(ctx.framework.terms) == day:
            start = period.start(ctx.framework.terms)
    value, _ = ctx.value(indicator, target, start, day)
    return value.shown


def no_baseline_status(ctx: EvaluationContext, indicator: Indicator, target: Target, end: date) -> Status:
    """The status at ``end`` of a target with no baseline: at the due date, the last step passed, or none yet."""
    lower = indicator.polarity == "lower"
    if is_due(target.due, end):
        value = _value_at(ctx, indicator, target, target.due)
        if value is None:
            reason = f"nothing was returned for the due date, {target.due:%-d %B %Y}"
            return Status(StatusCode.NO_DATA, "No data", reason, NO_BASELINE_RULE)
        return year_end_status(value, target.value, target.due, indicator.polarity)
    passed = [s for s in target.steps or () if s.date <= end]
    if not passed:
        reason = f"the plan sets no baseline, so progress is judged against the target only, at {target.due:%-d %B %Y}"
        return Status(StatusCode.NOT_AVAILABLE, "No interim target yet", reason, NO_BASELINE_RULE)
    step = passed[-1]
    value = _value_at(ctx, indicator, target, step.date)
    if value is None:
        reason = f"nothing was returned for the interim target's date, {step.date:%-d %B %Y}"
        return Status(StatusCode.NO_DATA, "No data", reason, NO_BASELINE_RULE)
    when = f" for {step.date:%-d %B %Y}"
    met, words = met_or_not(indicator, value, exact(step.value), "interim target", lower, when)
    code, word = (StatusCode.MET, "Met") if met else (StatusCode.NOT_MET, "Not met")
    inputs = {"value at the step date": value, "interim target": step.value, "step date": step.date}
    reason = "the plan sets no baseline, so progress is judged against the target only"
    return Status(code, f"{word}: {words}", reason, NO_BASELINE_RULE, inputs)
