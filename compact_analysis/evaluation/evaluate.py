"""One period's evaluation: every indicator's value, target, trajectory, status and direction.

A pure function of the framework, the observations known as at a date, the register and a period; the
notebook only displays what this returns. The pieces live in modules of their own: the records
(:mod:`~compact_analysis.evaluation.results`), what one call indexes once
(:mod:`~compact_analysis.evaluation.context`), the status of a target by its kind
(:mod:`~compact_analysis.evaluation.target_status`), the recent history
(:mod:`~compact_analysis.evaluation.history`) and the forecast and XmR wiring
(:mod:`~compact_analysis.evaluation.series`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from compact_analysis.evaluation.action_rules import impact_candidates, slippage_candidates
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.direction import directions
from compact_analysis.evaluation.exception_rules import (
    candidates_frame,
    indicator_candidates,
    missing_returns,
    quarantine_candidates,
    quarantine_of_period,
)
from compact_analysis.evaluation.history import recent_periods, recent_point, year_earlier_bounds, year_earlier_value
from compact_analysis.evaluation.milestones import cycle_records
from compact_analysis.evaluation.register import empty_log, register_view
from compact_analysis.evaluation.repeated import repeated_figures
from compact_analysis.evaluation.repeated_rules import not_updated_candidates
from compact_analysis.evaluation.results import Evaluation, IndicatorResult, trajectory_path
from compact_analysis.evaluation.series import forecast_of, variation_of
from compact_analysis.evaluation.target_status import target_status
from compact_analysis.evaluation.targets import Override, find_override, overridden
from compact_analysis.plan.framework import Framework, Indicator
from compact_analysis.plan.periods import Period

__all__ = ["Evaluation", "IndicatorResult", "default_as_at", "evaluate_period", "trajectory_path"]


def default_as_at(framework: Framework, period: Period) -> date:
    """The evidence date a period's report uses unless told otherwise: the framework's reporting lag."""
    return period.end(framework.terms) + timedelta(days=framework.report_after_days)


def evaluate_period(
    framework: Framework,
    observations: pd.DataFrame,
    register: pd.DataFrame,
    period: Period,
    as_at: date,
    overrides: tuple[Override, ...] = (),
    rule: str | None = None,
    quarantined: pd.DataFrame | None = None,
    exception_log: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    actions: pd.DataFrame | None = None,
) -> Evaluation:
    """Evaluate every indicator of the framework for ``period`` from what was known on ``as_at``.

    ``rule`` picks the status rule for every indicator (the per-run rule, over an indicator's own ``rule`` and
    the framework's ``rag.rule``; :func:`rule_for`); ``overrides`` are analysts'
    overrides with reasons (:func:`compact_analysis.evaluation.targets.load_overrides`), applied when made by
    ``as_at``. ``quarantined`` (the store's quarantine) raises data-quality exceptions; ``exception_log`` is
    the store's ``(exception_register(con), exception_events(con))`` so the report lists exceptions still open;
    ``actions`` (the store's action-progress returns) raise slippage and impact exceptions (action_rules.py).
    """
    known = observations[observations["submitted"] <= as_at]
    ctx = EvaluationContext(framework, known, register)
    results = tuple(
        _indicator_result(ctx, priority.id, indicator, period, as_at, overrides, rule)
        for priority in framework.priorities
        for indicator in priority.indicators
    )
    start, end = period.bounds(framework.terms)
    members = ctx.members(end)
    candidates = candidates_frame(
        indicator_candidates(results)
        + missing_returns(known, members, start, end, as_at, framework.report_after_days)
        + quarantine_candidates(quarantine_of_period(quarantined, start, end))
        + not_updated_candidates(repeated_figures(known, framework, start, end))
        + slippage_candidates(framework, actions, as_at)
        + impact_candidates(ctx, end)
    )
    register_now, events = exception_log if exception_log is not None else empty_log()
    view = register_view(register_now, events, as_at, candidates)
    return Evaluation(
        framework, period, start, end, as_at, members, results, rule or framework.rag.rule, candidates, view
    )


def rule_for(framework: Framework, indicator: Indicator, run_rule: str | None) -> str:
    """The status rule an indicator is judged by: the run's, else the indicator's own, else the framework's."""
    return run_rule or indicator.rule or framework.rag.rule


def _indicator_result(
    ctx: EvaluationContext,
    priority_id: str,
    indicator: Indicator,
    period: Period,
    as_at: date,
    overrides: tuple[Override, ...],
    rule: str | None,
) -> IndicatorResult:
    """One indicator in one period: its value, status against the target in force, history and forecast."""
    framework = ctx.framework
    start, end = period.bounds(framework.terms)
    target = indicator.target_in_force(end)
    value, gap = ctx.value(indicator, target, start, end)
    recent = tuple(recent_point(ctx, indicator, p) for p in recent_periods(period, framework))
    year_earlier = year_earlier_value(ctx, indicator, year_earlier_bounds(period, framework))
    judged = target_status(rule_for(framework, indicator, rule), ctx, indicator, target, value, gap, end, year_earlier)
    override = find_override(overrides, indicator.id, period.name, as_at)
    previous, current = recent[-1][1], value.shown
    spc = variation_of(ctx, indicator, target, end)
    direction, direction_year = directions(ctx, indicator, period, current, recent, year_earlier, spc)
    return IndicatorResult(
        priority_id=priority_id,
        indicator=indicator,
        value=value,
        target=target,
        target_value=judged.target_value,
        expected=judged.expected,
        status=overridden(judged.status, override) if override else judged.status,
        previous_value=previous,
        direction=direction,
        year_earlier_value=year_earlier,
        direction_year=direction_year,
        computed_status=judged.status,
        override=override,
        baseline=gap,
        baseline_value=judged.baseline_value,
        recent=recent,
        forecast=forecast_of(ctx, indicator, target, value, gap, judged, end),
        spc=spc,
        cycles=cycle_records(ctx, indicator, target, end),
    )
