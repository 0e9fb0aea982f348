"""The status of one indicator against the target in force, by the target's kind.

A numeric target (a count, a count at a level, a share of members, a share of a baseline gap) is judged
against its trajectory by the framework's status rule; a pending target, a milestone, a target to be
confirmed and a figure with no target each have a status of their own, in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.baseline import BaselineResult
from compact_analysis.evaluation.baseline_figure import baseline_figure, baseline_missing
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.expected import expected_value
from compact_analysis.evaluation.floors import floor_status, threshold_in_force
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.milestones import MILESTONE_STATUS
from compact_analysis.evaluation.no_baseline import no_baseline_status
from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.evaluation.targets import open_sdg_progress, rag_against_trajectory, rag_uk_council
from compact_analysis.evaluation.year_end import is_due, year_end_status
from compact_analysis.plan.framework import Framework, Indicator, Target
from compact_analysis.plan.periods import parse_period

#: Target kinds with a number to reach, and so a trajectory, a status rule and a forecast.
NUMERIC_KINDS = ("count", "count-at-level", "level-by-date", "share-of-members", "share-of-baseline-gap")


def has_trajectory(target: Target | None) -> bool:
    """True for a numeric target whose number and baseline are known (a share of members given as TBC, or a
    target the plan sets with ``baseline: none``, has none)."""
    if target is None or target.kind not in NUMERIC_KINDS or not target.has_baseline:
        return False
    return not (target.kind == "share-of-members" and target.share is None)


@dataclass(frozen=True)
class Planned:
    """Where a numeric target's trajectory runs: from ``baseline_value`` on ``baseline_date`` to ``target_value``,
    with ``expected`` the value on it now (an exact fraction)."""

    target_value: int
    expected: Fraction
    baseline_value: float
    baseline_date: date
    baseline_words: str = ""  # where the baseline comes from: "in 2018-19", "on 1 April 2009"


@dataclass(frozen=True)
class TargetStatus:
    """One indicator's status against its target, with the numbers behind it (None where the target has none)."""

    status: Status
    target_value: float | None = None
    expected: Fraction | None = None
    baseline_value: float | None = None


def baseline_date_of(framework: Framework, target: Target) -> date:
    """Where a target's trajectory starts: its baseline period's last day, its baseline date, else the first
    day of the framework's year."""
    if target.baseline_period is not None:
        return parse_period(target.baseline_period).end(framework.terms)
    return target.baseline_date or framework.periods()[0].start(framework.terms)


def planned(
    ctx: EvaluationContext, indicator: Indicator, target: Target, gap: BaselineResult | None, end: date
) -> Planned | Status | None:
    """The trajectory of a numeric target at ``end``; None for a share of a baseline gap nobody answered; the
    status to show when it cannot be drawn (a missing baseline, compound growth from 0)."""
    framework = ctx.framework
    base_date, words = baseline_date_of(framework, target), ""
    if target.kind == "share-of-baseline-gap":
        if gap is None or gap.target.value is None:
            return None
        target_value, base = gap.target.value, 0.0
    else:
        figure = baseline_figure(ctx, indicator, target)
        if figure.value is None:
            return baseline_missing(figure)
        base, words = figure.value, figure.words
        if target.kind == "share-of-members":
            target_value = math.ceil(Fraction(target.share) * len(ctx.members(end)))
        else:
            target_value = target.value
    expected = expected_value(indicator, target, base, base_date, target_value, end)
    if expected is None:
        reason = f"compound growth from a baseline of {base:g} is undefined"
        return Status(StatusCode.NOT_AVAILABLE, "Not available", reason, "a compound trajectory needs positive values")
    return Planned(target_value, expected, base, base_date, words)


def target_status(
    rule: str,
    ctx: EvaluationContext,
    indicator: Indicator,
    target: Target | None,
    value: IndicatorValue,
    gap: BaselineResult | None,
    end: date,
    year_earlier: float | None,
) -> TargetStatus:
    """The status of ``indicator`` at ``end`` against ``target`` (the one in force), by the target's kind.

    Once a numeric target is due (the period ends on or after its due date) it reads achieved or missed at
    its due date (:mod:`.year_end`)."""
    if target is None:
        return TargetStatus(
            Status(StatusCode.MONITORED, "Monitored: no target", "the framework sets no target for this figure")
        )
    if indicator.polarity == "none":
        reason = "information only: the plan says neither higher nor lower is better, so no status rule applies"
        return TargetStatus(Status(StatusCode.MONITORED, "Monitored", reason), target_value=target.value)
    if target.kind in ("floor", "ceiling"):
        status = floor_status(indicator, target, value, end)
        return TargetStatus(status, target_value=float(threshold_in_force(target, end)))  # a step's value in force
    if target.kind in NUMERIC_KINDS and not target.has_baseline:
        return TargetStatus(no_baseline_status(ctx, indicator, target, end), target_value=float(target.value))
    if target.kind == "pending":
        return TargetStatus(_pending(target, end))
    if target.kind == "share-of-members" and target.share is None:
        reason, why = "the plan gives its percentage as TBC", "a share-of-members target needs its share"
        return TargetStatus(Status(StatusCode.TARGET_NOT_SET, "Target to be confirmed", reason, why))
    if target.kind in MILESTONE_STATUS:  # a milestone, one-off or recurring (evaluation/milestones.py)
        return TargetStatus(MILESTONE_STATUS[target.kind](ctx, indicator, target, end))
    if target.kind == "share-of-baseline-gap" and end < target.baseline_date:
        reason = f"the baseline is taken on {target.baseline_date:%-d %B %Y}"
        why = "a share of a baseline gap is measured from its baseline date"
        return TargetStatus(Status(StatusCode.NO_DATA, "Baseline not yet set", reason, why))
    if has_trajectory(target) and is_due(target.due, end):
        return _at_due_date(ctx, indicator, target)
    if has_trajectory(target):
        return _against_trajectory(rule, ctx, indicator, target, value, gap, end, year_earlier)
    reason = f"{target.kind} targets are not evaluated by this version of the toolkit"
    return TargetStatus(Status(StatusCode.NOT_EVALUATED, "Not evaluated", reason))


def _pending(target: Target, end: date) -> Status:
    """A target a group is still to set: not yet set, or overdue once the period ends after its set-by date."""
    inputs = {"set by": target.set_by, "set by date": target.set_by_date, "period end": end}
    rule = "a pending target is overdue once the period ends after its set-by date"
    if end > target.set_by_date:
        reason = f"{target.set_by} was to set it by {target.set_by_date:%-d %B %Y}"
        return Status(StatusCode.TARGET_OVERDUE, "Target overdue to be set", reason, rule, inputs)
    reason = f"{target.set_by} is to set it by {target.set_by_date:%-d %B %Y}"
    return Status(StatusCode.TARGET_NOT_SET, "Target not yet set", reason, rule, inputs)


def _against_trajectory(
    rule: str,
    ctx: EvaluationContext,
    indicator: Indicator,
    target: Target,
    value: IndicatorValue,
    gap: BaselineResult | None,
    end: date,
    year_earlier: float | None,
) -> TargetStatus:
    """A numeric target: the status rule's verdict on the value against the trajectory now."""
    plan = planned(ctx, indicator, target, gap, end)
    if not isinstance(plan, Planned):
        return _no_plan(plan)
    numbers = {
        "target_value": float(plan.target_value),
        "expected": plan.expected,
        "baseline_value": plan.baseline_value,
    }
    if not value.members_returned:
        reason, why = "no member has returned this measure", "a status needs at least one return"
        return TargetStatus(Status(StatusCode.NO_DATA, "No data", reason, why), **numbers)
    status = _rag(rule, ctx.framework, indicator, value.value, plan, end, target.due, year_earlier)
    if plan.baseline_words:  # the method appendix names the baseline: "100 in 2018-19"
        status = replace(status, inputs={**status.inputs, "baseline": f"{plan.baseline_value:g} {plan.baseline_words}"})
    return TargetStatus(status, **numbers)


def _no_plan(why: Status | None) -> TargetStatus:
    """No trajectory: a share of a baseline gap nobody answered (None), or the status saying why not."""
    if why is not None:
        return TargetStatus(why)
    reason = "nobody answered the baseline question, so no target can be derived"
    status = Status(StatusCode.NO_DATA, "No data", reason, "a share of a baseline gap needs a baseline estimate")
    return TargetStatus(status, baseline_value=0.0)


def _at_due_date(ctx: EvaluationContext, indicator: Indicator, target: Target) -> TargetStatus:
    """A numeric target whose due date has passed: achieved or missed on the member count at the due date.

    Nothing is expected "now" any more (``expected`` is None); the target and baseline stay for the chart.
    """
    value, gap = ctx.value(indicator, target, target.due, target.due)  # a member count: as at the due date
    plan = planned(ctx, indicator, target, gap, target.due)
    if not isinstance(plan, Planned):
        return _no_plan(plan)
    numbers = {"target_value": float(plan.target_value), "baseline_value": plan.baseline_value}
    if not value.members_returned or value.value is None:
        reason = f"no member had returned this measure by its due date, {target.due:%-d %B %Y}"
        return TargetStatus(
            Status(StatusCode.NO_DATA, "No data", reason, "a status needs at least one return"), **numbers
        )
    return TargetStatus(year_end_status(value.value, plan.target_value, target.due, indicator.polarity), **numbers)


def _rag(
    rule: str,
    framework: Framework,
    indicator: Indicator,
    actual: float | None,
    plan: Planned,
    end: date,
    due: date,
    year_earlier: float | None,
) -> Status:
    """The named status rule's verdict: ``uk-council``, ``open-sdg``, else the trajectory rule."""
    if rule == "uk-council":
        return rag_uk_council(actual, plan.expected, year_earlier, indicator.polarity)
    if rule == "open-sdg":
        in_force = indicator.target_in_force(end)  # a profile sets the required rate (the trajectory now)
        profiled = float(plan.expected) if in_force is not None and in_force.profile else None
        return open_sdg_progress(
            plan.baseline_value, plan.baseline_date, actual, end, plan.target_value, due, indicator.polarity, profiled
        )
    return rag_against_trajectory(actual, plan.expected, framework.rag.amber_tolerance, indicator.polarity)
