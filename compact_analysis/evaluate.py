"""One period's evaluation: every indicator's value, target, trajectory, status and direction.

A pure function of the framework, the observations known as at a date, the
register and a period; the notebook only displays what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd

from .baseline import BaselineLists, BaselineResult, evaluate_baseline, gap_closed
from .framework import Framework, Indicator, Target
from .indicators import IndicatorValue, indicator_value, latest_state
from .members import deemed_members
from .periods import Period
from .targets import Status, direction_of_travel, rag_against_trajectory, trajectory_value


@dataclass(frozen=True)
class IndicatorResult:
    """Everything the report says about one indicator in one period."""

    priority_id: str
    indicator: Indicator
    value: IndicatorValue
    target: Target | None
    target_value: float | None
    expected: Fraction | None
    status: Status
    previous_value: float | None
    direction: str
    baseline: BaselineResult | None = None


@dataclass(frozen=True)
class Evaluation:
    """A period's evaluation, as at a date."""

    framework: Framework
    period: Period
    period_start: date
    period_end: date
    as_at: date
    members: pd.DataFrame
    results: tuple[IndicatorResult, ...]

    def result(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.results if r.indicator.id == indicator_id)

    def table(self) -> pd.DataFrame:
        """One row per indicator, as the summary table shows it."""
        return pd.DataFrame(
            [
                {
                    "priority": r.priority_id,
                    "indicator_id": r.indicator.id,
                    "indicator": r.indicator.name,
                    "value": r.value.value,
                    "target": r.target_value,
                    "expected_now": None if r.expected is None else float(r.expected),
                    "status": r.status.code,
                    "status_label": r.status.label,
                    "direction": r.direction,
                    "returned": len(r.value.members_returned),
                    "members": r.value.denominator,
                }
                for r in self.results
            ]
        )


def default_as_at(framework: Framework, period: Period) -> date:
    """The evidence date a period's report uses unless told otherwise: the framework's reporting lag."""
    return period.end(framework.terms) + timedelta(days=framework.report_after_days)


def _status(
    framework: Framework,
    indicator: Indicator,
    target: Target | None,
    value: IndicatorValue,
    observations: pd.DataFrame,
    members_at_baseline: pd.DataFrame,
    period_start: date,
    period_end: date,
) -> tuple[float | None, Fraction | None, Status]:
    if target is None:
        return None, None, Status("monitored", "Monitored: no target", "the framework sets no target for this figure")
    if target.kind == "pending":
        if period_end > target.set_by_date:
            return (
                None,
                None,
                Status(
                    "target-overdue",
                    "Target overdue to be set",
                    f"{target.set_by} was to set it by {target.set_by_date:%-d %B %Y}",
                ),
            )
        return (
            None,
            None,
            Status(
                "target-not-set",
                "Target not yet set",
                f"{target.set_by} is to set it by {target.set_by_date:%-d %B %Y}",
            ),
        )
    if target.kind == "share-of-members" and target.share is None:
        return None, None, Status("target-not-set", "Target to be confirmed", "the percentage is to be confirmed (TBC)")
    if target.kind == "milestone":
        state = latest_state(observations, indicator.measure, period_end)
        stage = state["value"].iloc[-1] if len(state) else "not-started"
        if stage == "delivered":
            return None, None, Status("delivered", "Delivered", "reported delivered")
        if period_end > target.due:
            return None, None, Status("overdue", "Overdue", f"due {target.due:%-d %B %Y} and not delivered")
        label = {"in-progress": "In progress", "not-started": "Not started"}.get(stage, stage)
        return None, None, Status(stage, label, f"due {target.due:%-d %B %Y}")
    if target.kind in ("count", "count-at-level"):
        baseline = indicator_value(
            framework, indicator, observations, members_at_baseline, target.baseline_date, target.baseline_date
        )
        base = baseline.value or 0.0
        expected = trajectory_value(base, target.baseline_date, target.value, target.due, period_end)
        if not value.members_returned:
            return float(target.value), expected, Status("no-data", "No data", "no member has returned this measure")
        status = rag_against_trajectory(value.value, expected, framework.rag.amber_tolerance, indicator.polarity)
        return float(target.value), expected, status
    return (
        None,
        None,
        Status(
            "not-evaluated", "Not evaluated", f"{target.kind} targets are not evaluated by this version of the toolkit"
        ),
    )


def _gap_result(
    framework: Framework,
    priority_id: str,
    indicator: Indicator,
    target: Target,
    known: pd.DataFrame,
    register: pd.DataFrame,
    members: pd.DataFrame,
    end: date,
) -> IndicatorResult:
    """A share-of-baseline-gap indicator: members that lacked one at the baseline and have one now."""
    ids = tuple(sorted(members["member_id"]))
    if end < target.baseline_date:
        empty = IndicatorValue(indicator.id, None, (), (), ids, len(ids))
        status = Status("no-data", "Baseline not yet set", f"the baseline is taken on {target.baseline_date:%-d %B %Y}")
        return IndicatorResult(priority_id, indicator, empty, target, None, None, status, None, "not comparable")
    base = evaluate_baseline(framework, indicator, known, register, target.baseline_date)
    closed = gap_closed(indicator, known, BaselineLists(base.lacking, base.having, base.unanswered), end)
    returned = tuple(sorted(set(known.loc[known["measure_id"] == indicator.measure, "member_id"]) & set(ids)))
    without = tuple(m for m in ids if m not in returned)
    value = IndicatorValue(indicator.id, float(len(closed)), closed, returned, without, len(ids))
    if base.target.value is None:
        status = Status("no-data", "No data", "nobody answered the baseline question, so the target is undefined")
        return IndicatorResult(priority_id, indicator, value, target, None, None, status, None, "not comparable", base)
    expected = trajectory_value(0, target.baseline_date, base.target.value, target.due, end)
    status = rag_against_trajectory(float(len(closed)), expected, framework.rag.amber_tolerance, indicator.polarity)
    return IndicatorResult(
        priority_id, indicator, value, target, float(base.target.value), expected, status, None, "not comparable", base
    )


def evaluate_period(
    framework: Framework, observations: pd.DataFrame, register: pd.DataFrame, period: Period, as_at: date
) -> Evaluation:
    """Evaluate every indicator of the framework for ``period`` from what was known on ``as_at``."""
    known = observations[observations["submitted"] <= as_at]
    start, end = period.bounds(framework.terms)
    members = deemed_members(register, end)
    previous = period.previous(framework.terms)
    prev_start, prev_end = previous.bounds(framework.terms)
    prev_members = deemed_members(register, prev_end)
    results = []
    for priority in framework.priorities:
        for indicator in priority.indicators:
            target = indicator.target_in_force(end)
            if target is not None and indicator.aggregate == "gap-closed" and target.kind == "share-of-baseline-gap":
                results.append(_gap_result(framework, priority.id, indicator, target, known, register, members, end))
                continue
            value = indicator_value(framework, indicator, known, members, start, end)
            baseline_members = (
                deemed_members(register, target.baseline_date) if target and target.baseline_date else members
            )
            target_value, expected, status = _status(
                framework, indicator, target, value, known, baseline_members, start, end
            )
            prev = indicator_value(framework, indicator, known, prev_members, prev_start, prev_end)
            previous_value = prev.value if prev.members_returned else None
            current_value = value.value if value.members_returned else None
            results.append(
                IndicatorResult(
                    priority.id,
                    indicator,
                    value,
                    target,
                    target_value,
                    expected,
                    status,
                    previous_value,
                    direction_of_travel(current_value, previous_value, indicator.polarity),
                )
            )
    return Evaluation(framework, period, start, end, as_at, members, tuple(results))
