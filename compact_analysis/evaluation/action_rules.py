"""The exceptions actions raise: ``slippage`` for an overdue action, ``impact`` for one whose figure did not move.

Seed 002: "Any significant issues re: slippage, impact, budgets, emergencies are monitored on a regular
basis by EMT until resolved." The states and the impact rule are defined in
:mod:`compact_analysis.evaluation.actions`; here they become register candidates for one period evaluated
as at its evidence date, so they open, are seen, resolved and reopened like every other exception and the
register as at a date is reproducible. An overdue action's slippage stays open until someone resolves it
(``exceptions resolve``), even once the action is done: resolving says what was done about the slippage.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.actions import ActionState, action_status, impact_moved, plan_actions
from compact_analysis.evaluation.exception_rules import Candidate, ExceptionKind
from compact_analysis.plan.periods import Period, periods_of_year

if TYPE_CHECKING:  # only for reading the types
    from compact_analysis.evaluation.context import EvaluationContext


def slippage_candidates(framework, progress: pd.DataFrame, as_at: date) -> list[Candidate]:
    """A ``slippage`` exception for each action overdue as at ``as_at`` (due before it, not reported done)."""
    out = []
    for plan, action in plan_actions(framework):
        status = action_status(action, progress, as_at)
        if status.state == ActionState.OVERDUE:
            detail = (
                f"action {action.id} of {plan.name} ({action.description}) was due {action.due:%-d %B %Y} and is "
                f"not reported done: {status.days_late} days overdue"
            )
            out.append(
                Candidate(ExceptionKind.SLIPPAGE, action.impact, None, action.owner, detail, f"action {action.id}")
            )
    return out


def cadence_periods(framework, cadence: str) -> list[Period]:
    """The periods of a cadence over the framework's years and the year before (when its terms are given)."""
    first = Period(int(framework.years[0][:4]) - 1, "Y", 1).year_name
    found = []
    for year in [first, *framework.years]:
        try:
            found += [p for p in periods_of_year(year, cadence, framework.terms) if p.bounds(framework.terms)]
        except PeriodError:  # the year before has no term dates: it has no periods to compare with
            continue
    return found


def figure_by(ctx: EvaluationContext, indicator, day: date) -> tuple[Period, float | None] | None:
    """The indicator's figure for the last period of its cadence ending on or before ``day`` (None: none ends)."""
    terms = ctx.framework.terms
    ended = [p for p in cadence_periods(ctx.framework, indicator.cadence) if p.end(terms) <= day]
    if not ended:
        return None
    period = ended[-1]
    start, end = period.bounds(terms)
    value, _ = ctx.value(indicator, indicator.target_in_force(end), start, end)
    return period, value.shown


def impact_candidates(ctx: EvaluationContext, period_end: date) -> list[Candidate]:
    """An ``impact`` exception for each action whose life is over by ``period_end`` and whose indicator's figure
    is not better than before it started (the rule in :mod:`~compact_analysis.evaluation.actions`)."""
    out = []
    for plan, action in plan_actions(ctx.framework):
        if action.impact is None or period_end < action.due:
            continue
        indicator = ctx.framework.indicator(action.impact)
        before, after = figure_by(ctx, indicator, action.start), figure_by(ctx, indicator, period_end)
        if before is None or after is None or after[0] == before[0]:
            continue
        if impact_moved(before[1], after[1], indicator.polarity) is False:
            detail = (
                f"action {action.id} of {plan.name}: {indicator.name} was {before[1]:g} in {before[0].name} "
                f"before it started and {after[1]:g} in {after[0].name}, "
                f"not {'higher' if indicator.polarity == 'higher' else 'lower'}"
            )
            subject = f"action {action.id} impact"
            out.append(Candidate(ExceptionKind.IMPACT, indicator.id, None, action.owner, detail, subject))
    return out
