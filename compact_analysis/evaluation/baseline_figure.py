"""Where a trajectory starts: the baseline figure of a target, found one of the ways the plan says, never 0 by default.

- ``baseline_value`` (with ``baseline_date``): the plan's published figure;
- ``baseline_period``: the indicator's figure for exactly that period (a year or a period of its cadence),
  named as the plan names it ("in 2018-19");
- ``baseline_date`` alone: the figure as at that date.

A figure the evidence cannot give (a sum, mean or score nobody returned by then) is missing, with the reason in
words: the target's status is then "No data: baseline missing" (:mod:`.target_status`), never a line from an
invented 0. A count of members is a count (:func:`.indicators.indicator_value`): before anyone has returned,
none is counted at the level, as before (docs/aqa/assumptions.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.indicators import indicator_value
from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.periods import parse_period

#: Aggregates that count members: before anyone returned, none is counted (0), as the count itself says.
MEMBER_COUNTS = ("count-at-level", "count-yes")


@dataclass(frozen=True)
class BaselineFigure:
    """A target's baseline: the ``value`` (None when missing) on ``day``, and where it came from in words."""

    value: float | None
    day: date
    words: str  # "in 2018-19", "on 1 April 2009", "on 1 April 2009 (the plan's published baseline)"


def baseline_figure(ctx: EvaluationContext, indicator: Indicator, target: Target) -> BaselineFigure:
    """The baseline of a trajectory target as the plan defines it (plan/target_checks.py checked it exists)."""
    framework = ctx.framework
    if target.baseline_period is not None:
        period = parse_period(target.baseline_period)
        start, end = period.bounds(framework.terms)
        words = f"in {period.name}"
    else:
        start = end = target.baseline_date or framework.periods()[0].start(framework.terms)
        words = f"on {end:%-d %B %Y}"
    if target.baseline_value is not None:
        return BaselineFigure(target.baseline_value, end, f"{words} (the plan's published baseline)")
    found = indicator_value(framework, indicator, ctx.observations, ctx.members(end), start, end, ctx.evidence_at(end))
    return BaselineFigure(found.value if indicator.aggregate in MEMBER_COUNTS else found.shown, end, words)


def baseline_missing(figure: BaselineFigure) -> Status:
    """'No data: baseline missing', with the reason: the trajectory cannot start from a figure nobody returned."""
    reason = f"no figure was returned for the baseline {figure.words}, so no trajectory can be drawn"
    rule = "a trajectory runs from the baseline figure; a missing baseline is never taken as 0"
    return Status(StatusCode.NO_DATA, "No data: baseline missing", reason, rule, {"baseline": figure.words})
