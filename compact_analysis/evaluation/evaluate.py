"""One period's evaluation: every indicator's value, target, trajectory, status and direction.

A pure function of the framework, the observations known as at a date, the
register and a period; the notebook only displays what this returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

import pandas as pd

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.baseline import BaselineResult, evaluate_baseline
from compact_analysis.evaluation.exception_rules import (
    candidates_frame,
    indicator_candidates,
    missing_returns,
    quarantine_candidates,
    quarantine_of_period,
)
from compact_analysis.evaluation.forecast import AdoptionSeries, Forecast, counts_from_values, forecast_count
from compact_analysis.evaluation.indicators import Evidence, IndicatorValue, conversion_rate, indicator_value
from compact_analysis.evaluation.register import register_view
from compact_analysis.evaluation.spc import XmR, xmr
from compact_analysis.evaluation.targets import (
    Override,
    Status,
    direction_of_travel,
    find_override,
    open_sdg_progress,
    overridden,
    rag_against_trajectory,
    rag_uk_council,
    shortfall,
)
from compact_analysis.evidence.store import EVENT_COLUMNS, EXCEPTION_COLUMNS
from compact_analysis.plan.framework import Framework, Indicator, Target
from compact_analysis.plan.members import current_ids, deemed_members
from compact_analysis.plan.periods import Period, months_between
from compact_analysis.plan.trajectory import trajectory_value

_EMPTY_LOG = (pd.DataFrame(columns=list(EXCEPTION_COLUMNS)), pd.DataFrame(columns=list(EVENT_COLUMNS)))


@dataclass(frozen=True)
class IndicatorResult:
    """Everything the report says about one indicator in one period.

    - ``value``: the indicator's value with the named members counted, returned and not returned.
    - ``target``: the target in force at the period end; ``target_value`` its number (for a share of a
      baseline gap, the derived target; for a share of members, share x deemed members, rounded up).
    - ``expected``: the value expected now on the trajectory (exact fraction), None without one.
    - ``status``: the status shown (an analyst's override if there is one); ``computed_status`` the one the
      rule gave; ``override`` the override with its written reason. ``status.explain()`` prints the rule,
      thresholds and inputs.
    - ``previous_value``/``direction``: against the previous period; ``year_earlier_value``/
      ``direction_year``: against the same period a year earlier ("not comparable" when there is none).
    - ``recent``: (period, value, expected) for the two periods before, oldest first; ``shortfall`` how far
      behind the trajectory the value is now; together they show slippage.
    - ``baseline``: for a share of a baseline gap (P3, P5), the named lists, the estimate with bounds,
      interval and sensitivity, the derived target and the members counted toward it.
    - ``forecast``: for a member count with a numeric target not yet due, the run-rate projection and the
      probability of meeting it (:mod:`compact_analysis.forecast`); ``spc``: for a monthly figure, its XmR
      chart (:mod:`compact_analysis.spc`).
    """

    priority_id: str
    indicator: Indicator
    value: IndicatorValue
    target: Target | None
    target_value: float | None
    expected: Fraction | None
    status: Status
    previous_value: float | None
    direction: str
    year_earlier_value: float | None = None
    direction_year: str = "not comparable"
    computed_status: Status | None = None
    override: Override | None = None
    baseline: BaselineResult | None = None
    baseline_value: float | None = None
    recent: tuple[tuple[str, float | None, Fraction | None], ...] = ()
    forecast: Forecast | None = None
    spc: XmR | None = None

    @property
    def forecast_step_months(self) -> int:
        """Months in one step of the forecast's series (the indicator's cadence)."""
        return STEP_MONTHS.get(self.indicator.cadence, 1)

    @property
    def shortfall(self) -> Fraction | None:
        """How far the value is behind the trajectory now (negative when ahead), respecting polarity."""
        return shortfall(_shown(self.value), self.expected, self.indicator.polarity)


@dataclass(frozen=True)
class Evaluation:
    """A period's evaluation, as at a date.

    ``results`` holds one :class:`IndicatorResult` per indicator in framework order; ``rule`` names the
    status rule used (``trajectory``, ``uk-council`` or ``open-sdg``); ``members`` are the deemed members
    at the period end. ``candidates`` are the exceptions the rules raise this period
    (:mod:`compact_analysis.exceptions`); ``exceptions`` is the register as the report shows it: every
    exception open as at ``as_at`` (with id, kind, indicator or member, opened period, owner, status,
    ``raised_now`` and history), plus this period's new ones, when the store's register was passed in.
    """

    framework: Framework
    period: Period
    period_start: date
    period_end: date
    as_at: date
    members: pd.DataFrame
    results: tuple[IndicatorResult, ...]
    rule: str = "trajectory"
    candidates: pd.DataFrame = field(default_factory=lambda: candidates_frame([]))
    exceptions: pd.DataFrame = field(default_factory=lambda: register_view(*_EMPTY_LOG))

    def result(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.results if r.indicator.id == indicator_id)

    def conversions(self) -> pd.DataFrame:
        """Conversion rates between consecutive monitored sums of a priority (identified/participants,
        enrolled/identified for the Compact's Skills for Life figures), as exact fractions."""
        rows = []
        for priority in self.framework.priorities:
            sums = [i for i in priority.indicators if i.aggregate == "sum"]
            for first, second in pairwise(sums):
                rate = conversion_rate(self.result(second.id).value, self.result(first.id).value)
                rows.append({"from": first.id, "to": second.id, "rate": rate})
        return pd.DataFrame(rows, columns=["from", "to", "rate"])

    def table(self) -> pd.DataFrame:
        """One row per indicator, as the summary table shows it (shown and computed status both)."""
        return pd.DataFrame(
            [
                {
                    "priority": r.priority_id,
                    "indicator_id": r.indicator.id,
                    "indicator": r.indicator.name,
                    "value": r.value.value,
                    "share_of_members": None if r.value.share_of_members is None else float(r.value.share_of_members),
                    "target": r.target_value,
                    "expected_now": None if r.expected is None else float(r.expected),
                    "status": r.status.code,
                    "status_label": r.status.label,
                    "computed_status": (r.computed_status or r.status).code,
                    "override_reason": r.override.reason if r.override else None,
                    "direction": r.direction,
                    "direction_year": r.direction_year,
                    "previous": r.previous_value,
                    "year_earlier": r.year_earlier_value,
                    "returned": len(r.value.members_returned),
                    "members": r.value.denominator,
                }
                for r in self.results
            ]
        )

    def explanations(self) -> pd.DataFrame:
        """One row per indicator: the status, the rule, thresholds and inputs that gave it (method appendix)."""
        return pd.DataFrame(
            [
                {
                    "indicator_id": r.indicator.id,
                    "status": r.status.label,
                    "computed_status": (r.computed_status or r.status).label,
                    "explanation": (r.computed_status or r.status).explain(),
                    "override": r.status.explain() if r.override else None,
                }
                for r in self.results
            ]
        )


def default_as_at(framework: Framework, period: Period) -> date:
    """The evidence date a period's report uses unless told otherwise: the framework's reporting lag."""
    return period.end(framework.terms) + timedelta(days=framework.report_after_days)


class _Context:
    """What one evaluation call indexes once: the observations, deemed members by date, baselines."""

    def __init__(self, framework: Framework, observations: pd.DataFrame, register: pd.DataFrame):
        self.framework = framework
        self.observations = observations
        self.register = register
        self.evidence = Evidence(observations)
        self._evidence_by_successors: dict[frozenset, Evidence] = {frozenset(): self.evidence}
        self._has_successors = "successor_id" in register.columns and register["successor_id"].fillna("").ne("").any()
        self._members: dict[date, pd.DataFrame] = {}
        self._baselines: dict[str, BaselineResult] = {}

    def members(self, day: date) -> pd.DataFrame:
        """Deemed members on ``day``, cached: one evaluation asks for the same few dates many times."""
        if day not in self._members:
            self._members[day] = deemed_members(self.register, day)
        return self._members[day]

    def evidence_at(self, day: date) -> Evidence:
        """The evidence with each merged or renamed member's returns under its successor as on ``day``.

        A predecessor's history counts toward its successor once it has left (``members.current_id``), so a
        merger does not drop a Pledge stage the predecessor had reached.
        """
        if not self._has_successors:
            return self.evidence
        moved = frozenset((old, new) for old, new in current_ids(self.register, day).items() if old != new)
        if moved not in self._evidence_by_successors:
            mapped = self.observations.assign(member_id=self.observations["member_id"].replace(dict(moved)))
            self._evidence_by_successors[moved] = Evidence(mapped)
        return self._evidence_by_successors[moved]

    def baseline(self, indicator: Indicator, target: Target) -> BaselineResult:
        """The frozen baseline of a gap indicator (the same for every period of one call), cached."""
        if indicator.id not in self._baselines:
            self._baselines[indicator.id] = evaluate_baseline(
                self.framework, indicator, self.observations, self.register, target.baseline_date
            )
        return self._baselines[indicator.id]

    def value(
        self, indicator: Indicator, target: Target | None, start: date, end: date
    ) -> tuple[IndicatorValue, BaselineResult | None]:
        members = self.members(end)
        ids = set(members["member_id"])
        if indicator.aggregate == "gap-closed" and target is not None and target.kind == "share-of-baseline-gap":
            if end < target.baseline_date:  # nothing to close before the baseline is taken
                return IndicatorValue(indicator.id, None, (), (), tuple(sorted(ids)), len(ids)), None
            base = self.baseline(indicator, target)
            who, answers = self.evidence.latest(indicator.measure, end)
            # As baseline.gap_closed: lacked one at the baseline and the latest answer is "yes".
            yes = {m for m, a in zip(who, answers, strict=True) if str(a).lower() == "yes"}
            closed = tuple(m for m in base.lacking if m in yes)
            returned = set(who) & ids
            value = IndicatorValue(
                indicator.id,
                float(len(closed)),
                closed,
                tuple(sorted(returned)),
                tuple(sorted(ids - returned)),
                len(ids),
            )
            return value, base
        value = indicator_value(
            self.framework, indicator, self.observations, members, start, end, evidence=self.evidence_at(end)
        )
        return value, None


def _shown(value: IndicatorValue) -> float | None:
    return value.value if value.members_returned else None


def _rag(
    rule: str,
    framework: Framework,
    indicator: Indicator,
    actual: float | None,
    expected: Fraction,
    year_earlier: float | None,
    baseline_value: float,
    baseline_date: date,
    end: date,
    target_value: float,
    due: date,
) -> Status:
    if rule == "uk-council":
        return rag_uk_council(actual, expected, year_earlier, indicator.polarity)
    if rule == "open-sdg":
        return open_sdg_progress(baseline_value, baseline_date, actual, end, target_value, due, indicator.polarity)
    return rag_against_trajectory(actual, expected, framework.rag.amber_tolerance, indicator.polarity)


def _planned(
    ctx: _Context, indicator: Indicator, target: Target, gap: BaselineResult | None, end: date
) -> tuple[int, Fraction, float, date] | None:
    """Target value, expected value at ``end``, baseline value and baseline date of a numeric target."""
    framework = ctx.framework
    base_date = baseline_date_of(framework, target)
    if target.kind == "share-of-baseline-gap":
        if gap is None or gap.target.value is None:
            return None
        target_value, base = gap.target.value, 0.0
    else:
        baseline = indicator_value(
            framework, indicator, ctx.observations, ctx.members(base_date), base_date, base_date, ctx.evidence
        )
        base = baseline.value or 0.0
        if target.kind == "share-of-members":
            target_value = math.ceil(Fraction(target.share) * len(ctx.members(end)))
        else:
            target_value = target.value
    if target.profile:  # the framework's own profile of the way from the baseline to the target
        expected = Fraction(base) + (Fraction(target_value) - Fraction(base)) * target.expected_share(end)
    else:
        expected = trajectory_value(base, base_date, target_value, target.due, end)
    return target_value, expected, base, base_date


def baseline_date_of(framework: Framework, target: Target) -> date:
    """Where a target's trajectory starts: its baseline date, else the first day of the framework's year."""
    return target.baseline_date or framework.periods()[0].start(framework.terms)


def trajectory_path(framework: Framework, result: IndicatorResult) -> list[tuple[date, Fraction]]:
    """The trajectory as (date, expected value) corners, from the baseline to the target at its due date.

    A straight line has two corners; a target with a profile has one more per profile point. Empty when the
    indicator has no numeric target (nothing to draw).
    """
    target = result.target
    if target is None or target.due is None or result.target_value is None or result.baseline_value is None:
        return []
    start, base, goal = (
        baseline_date_of(framework, target),
        Fraction(result.baseline_value),
        Fraction(result.target_value),
    )
    if not target.profile:
        return [(start, base), (target.due, goal)]
    days = [start, *(p.date for p in target.profile), target.due]
    return [(day, base + (goal - base) * target.expected_share(day)) for day in days]


NUMERIC_KINDS = ("count", "count-at-level", "share-of-members", "share-of-baseline-gap")


def _state(status: Status) -> tuple[None, None, None, Status]:
    """A status with no target number, expected value or baseline value (pending, TBC, milestones, ...)."""
    return None, None, None, status


def _status(
    rule: str,
    framework: Framework,
    indicator: Indicator,
    target: Target | None,
    value: IndicatorValue,
    gap: BaselineResult | None,
    ctx: _Context,
    end: date,
    year_earlier: float | None,
) -> tuple[float | None, Fraction | None, float | None, Status]:
    """Target value, expected value now, baseline value and status for one indicator."""
    if target is None:
        return _state(Status("monitored", "Monitored: no target", "the framework sets no target for this figure"))
    if target.kind == "pending":
        inputs = {"set by": target.set_by, "set by date": target.set_by_date, "period end": end}
        pending_rule = "a pending target is overdue once the period ends after its set-by date"
        if end > target.set_by_date:
            reason = f"{target.set_by} was to set it by {target.set_by_date:%-d %B %Y}"
            return _state(Status("target-overdue", "Target overdue to be set", reason, pending_rule, inputs))
        reason = f"{target.set_by} is to set it by {target.set_by_date:%-d %B %Y}"
        return _state(Status("target-not-set", "Target not yet set", reason, pending_rule, inputs))
    if target.kind == "share-of-members" and target.share is None:
        return _state(
            Status(
                "target-not-set",
                "Target to be confirmed",
                "the plan gives its percentage as TBC",
                "a share-of-members target needs its share",
            )
        )
    if target.kind == "milestone":
        _, reported = ctx.evidence.latest(indicator.measure, end) if indicator.measure else (None, [])
        stage = reported[-1] if len(reported) else "not-started"
        rule_text = "delivered once reported delivered; overdue when not delivered by the due date"
        inputs = {"reported": stage, "due": target.due, "period end": end}
        if stage == "delivered":
            return _state(Status("delivered", "Delivered", "reported delivered", rule_text, inputs))
        if end > target.due:
            reason = f"due {target.due:%-d %B %Y} and not delivered"
            return _state(Status("overdue", "Overdue", reason, rule_text, inputs))
        label = {"in-progress": "In progress", "not-started": "Not started"}.get(stage, stage)
        return _state(Status(stage, label, f"due {target.due:%-d %B %Y}", rule_text, inputs))
    if target.kind == "share-of-baseline-gap" and end < target.baseline_date:
        reason = f"the baseline is taken on {target.baseline_date:%-d %B %Y}"
        return _state(
            Status(
                "no-data",
                "Baseline not yet set",
                reason,
                "a share of a baseline gap is measured from its baseline date",
            )
        )
    if target.kind in NUMERIC_KINDS and not (target.kind == "share-of-members" and target.share is None):
        planned = _planned(ctx, indicator, target, gap, end)
        if planned is None:
            return (
                None,
                None,
                0.0,
                Status(
                    "no-data",
                    "No data",
                    "nobody answered the baseline question, so no target can be derived",
                    "a share of a baseline gap needs a baseline estimate",
                ),
            )
        target_value, expected, base, base_date = planned
        if not value.members_returned:
            return (
                float(target_value),
                expected,
                base,
                Status(
                    "no-data", "No data", "no member has returned this measure", "a status needs at least one return"
                ),
            )
        status = _rag(
            rule,
            framework,
            indicator,
            value.value,
            expected,
            year_earlier,
            base,
            base_date,
            end,
            target_value,
            target.due,
        )
        return float(target_value), expected, base, status
    return _state(
        Status(
            "not-evaluated", "Not evaluated", f"{target.kind} targets are not evaluated by this version of the toolkit"
        )
    )


def _year_earlier(period: Period, framework: Framework) -> tuple[date, date] | None:
    try:
        return period.year_earlier().bounds(framework.terms)
    except PeriodError:
        return None


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
) -> Evaluation:
    """Evaluate every indicator of the framework for ``period`` from what was known on ``as_at``.

    ``rule`` picks the status rule (default: the framework's ``rag.rule``); ``overrides`` are analysts'
    overrides with reasons (:func:`compact_analysis.targets.load_overrides`), applied when made by ``as_at``.
    ``quarantined`` (the store's quarantine) raises data-quality exceptions; ``exception_log`` is the store's
    ``(exception_register(con), exception_events(con))`` so the report lists exceptions still open.
    """
    rule = rule or framework.rag.rule
    known = observations[observations["submitted"] <= as_at]
    ctx = _Context(framework, known, register)
    start, end = period.bounds(framework.terms)
    previous = period.previous(framework.terms)
    before_previous = previous.previous(framework.terms)
    year_bounds = _year_earlier(period, framework)
    results = []
    for priority in framework.priorities:
        for indicator in priority.indicators:
            target = indicator.target_in_force(end)
            value, gap = ctx.value(indicator, target, start, end)
            recent = tuple(_recent(ctx, indicator, p) for p in (before_previous, previous))
            year_earlier_value = None
            if year_bounds is not None:
                earlier_target = indicator.target_in_force(year_bounds[1])
                earlier, _ = ctx.value(indicator, earlier_target, *year_bounds)
                year_earlier_value = _shown(earlier)
            target_value, expected, base, computed = _status(
                rule, framework, indicator, target, value, gap, ctx, end, year_earlier_value
            )
            override = find_override(overrides, indicator.id, period.name, as_at)
            previous_value, current_value = recent[-1][1], _shown(value)
            results.append(
                IndicatorResult(
                    priority.id,
                    indicator,
                    value,
                    target,
                    target_value,
                    expected,
                    overridden(computed, override) if override else computed,
                    previous_value,
                    direction_of_travel(current_value, previous_value, indicator.polarity),
                    year_earlier_value,
                    direction_of_travel(current_value, year_earlier_value, indicator.polarity),
                    computed,
                    override,
                    gap,
                    base,
                    recent,
                    _forecast(ctx, indicator, target, value, gap, base, target_value, end),
                    _variation(ctx, indicator, target, end),
                )
            )
    members = ctx.members(end)
    candidates = candidates_frame(
        indicator_candidates(tuple(results))
        + missing_returns(known, members, start, end, as_at, framework.report_after_days)
        + quarantine_candidates(quarantine_of_period(quarantined, start, end))
    )
    log = exception_log if exception_log is not None else _EMPTY_LOG
    view = register_view(log[0], log[1], as_at, candidates)
    return Evaluation(framework, period, start, end, as_at, members, tuple(results), rule, candidates, view)


def _recent(ctx: _Context, indicator: Indicator, period: Period) -> tuple[str, float | None, Fraction | None]:
    """An earlier period's value and expected value (None without a numeric target), for slippage."""
    start, end = period.bounds(ctx.framework.terms)
    target = indicator.target_in_force(end)
    value, gap = ctx.value(indicator, target, start, end)
    expected = None
    if target is not None and target.kind in NUMERIC_KINDS and (target.kind != "share-of-members" or target.share):
        planned = _planned(ctx, indicator, target, gap, end)
        expected = planned[1] if planned else None
    return period.name, _shown(value), expected


FORECAST_KINDS = ("count", "count-at-level", "share-of-members", "share-of-baseline-gap")
STEP_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}


def _forecast(
    ctx: _Context,
    indicator: Indicator,
    target: Target | None,
    value: IndicatorValue,
    gap: BaselineResult | None,
    base: float | None,
    target_value: float | None,
    end: date,
) -> Forecast | None:
    """The run-rate and probability of reaching a member-count target, from the counts at each step since its baseline.

    Only for members counted toward a numeric target not yet due, with "higher is better" and a return in hand.
    """
    if (
        target is None
        or target.kind not in FORECAST_KINDS
        or target_value is None
        or indicator.polarity != "higher"
        or indicator.cadence not in STEP_MONTHS
        or not value.members_returned
        or target.due is None
        or end >= target.due
    ):
        return None
    base_date = target.baseline_date or ctx.framework.periods()[0].start(ctx.framework.terms)
    steps = [p for p in ctx.framework.periods(indicator.cadence) if base_date < p.end(ctx.framework.terms) <= end]
    values = [base or 0.0]
    for step in steps:
        step_value, _ = ctx.value(indicator, target, *step.bounds(ctx.framework.terms))
        values.append(_shown(step_value))
    population = len(gap.lacking) if gap is not None else value.denominator
    step_months = STEP_MONTHS[indicator.cadence]
    steps_left = Fraction(months_between(end, target.due), step_months)
    series = AdoptionSeries(counts_from_values(values), population, step_months)
    return forecast_count(series, int(target_value), steps_left, ctx.framework.forecast_prior)


def _variation(ctx: _Context, indicator: Indicator, target: Target | None, end: date) -> XmR | None:
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
    return xmr(values, labels, indicator.polarity)
