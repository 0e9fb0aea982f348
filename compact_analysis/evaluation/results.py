"""The records an evaluation returns: one :class:`IndicatorResult` per indicator, in one :class:`Evaluation`.

The paper, the scorecards and the data downloads read these; the numbers in them come from
:mod:`compact_analysis.evaluation.evaluate`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

import pandas as pd

from compact_analysis.evaluation.baseline import BaselineResult
from compact_analysis.evaluation.conversions import conversions_frame
from compact_analysis.evaluation.exception_rules import candidates_frame
from compact_analysis.evaluation.expected import trajectory_corners
from compact_analysis.evaluation.forecast import Forecast
from compact_analysis.evaluation.frames import baseline_frame, evaluation_frame
from compact_analysis.evaluation.history import RecentPoint
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.milestones import CycleRecord
from compact_analysis.evaluation.register import empty_log, register_view
from compact_analysis.evaluation.series import STEP_MONTHS
from compact_analysis.evaluation.spc import XmR
from compact_analysis.evaluation.status import Direction, Status
from compact_analysis.evaluation.target_status import baseline_date_of
from compact_analysis.evaluation.targets import Override, shortfall
from compact_analysis.evaluation.trend import TrendForecast
from compact_analysis.plan.framework import Framework, Indicator, Target
from compact_analysis.plan.periods import Period


@dataclass(frozen=True, kw_only=True)
class IndicatorResult:
    """Everything the report says about one indicator in one period (built by keyword: several fields are numbers).

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
      probability of meeting it (:mod:`compact_analysis.evaluation.forecast`); for any other figure, a
      straight-line trend with a prediction interval (:mod:`compact_analysis.evaluation.trend`); ``spc``: for a monthly figure,
      its XmR chart (:mod:`compact_analysis.evaluation.spc`).
    """

    priority_id: str
    indicator: Indicator
    value: IndicatorValue
    target: Target | None
    target_value: float | None
    expected: Fraction | None
    status: Status
    previous_value: float | None
    direction: Direction
    year_earlier_value: float | None = None
    direction_year: Direction = Direction.NOT_COMPARABLE
    computed_status: Status | None = None
    override: Override | None = None
    baseline: BaselineResult | None = None
    baseline_value: float | None = None
    recent: tuple[RecentPoint, ...] = ()
    forecast: Forecast | TrendForecast | None = None
    spc: XmR | None = None
    cycles: tuple[CycleRecord, ...] = ()  # a recurring milestone's cycles begun by the period end (milestones.py)

    @property
    def has_trajectory(self) -> bool:
        """True when the indicator runs on a trajectory the paper charts: a numeric target with its number and a
        baseline to start from, whether or not it is due yet (at the year end the chart shows where it ended)."""
        target = self.target
        return not (target is None or target.due is None or self.target_value is None or self.baseline_value is None)

    @property
    def forecast_step_months(self) -> int:
        """Months in one step of the forecast's series (the indicator's cadence)."""
        return STEP_MONTHS.get(self.indicator.cadence, 1)

    @property
    def shortfall(self) -> Fraction | None:
        """How far the value is behind the trajectory now (negative when ahead), respecting polarity."""
        return shortfall(self.value.shown, self.expected, self.indicator.polarity)

    @property
    def rule_status(self) -> Status:
        """The status the rule gave, before any analyst's override."""
        return self.computed_status or self.status


@dataclass(frozen=True)
class Evaluation:
    """A period's evaluation, as at a date.

    ``results`` holds one :class:`IndicatorResult` per indicator in framework order; ``rule`` names the
    status rule used (``trajectory``, ``uk-council`` or ``open-sdg``); ``members`` are the deemed members
    at the period end. ``candidates`` are the exceptions the rules raise this period
    (:mod:`compact_analysis.evaluation.exception_rules`); ``exceptions`` is the register as the report shows
    it: every exception open as at ``as_at`` (with id, kind, indicator or member, opened period, owner,
    status, ``raised_now`` and history), plus this period's new ones, when the store's register was passed in.
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
    exceptions: pd.DataFrame = field(default_factory=lambda: register_view(*empty_log()))

    def result(self, indicator_id: str) -> IndicatorResult:
        """The result of one indicator; a :class:`KeyError` naming the known ids if there is none."""
        for r in self.results:
            if r.indicator.id == indicator_id:
                return r
        known = ", ".join(r.indicator.id for r in self.results)
        raise KeyError(f"no indicator {indicator_id!r} in {self.period.name}'s evaluation; known: {known}")

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator, typed: datetime64 dates, Int64 counts, ordered categorical statuses
        (:func:`~compact_analysis.evaluation.frames.evaluation_frame`)."""
        return evaluation_frame(self)

    def baseline_members(self, indicator_id: str) -> pd.DataFrame:
        """The members of an indicator's baseline lists with names and sectors (:func:`~.frames.baseline_frame`)."""
        return baseline_frame(self, indicator_id)

    def __repr__(self) -> str:
        return f"<Evaluation {self.framework.id} {self.period.name} as at {self.as_at}: {len(self.results)} indicators>"

    def _repr_html_(self) -> str:
        """A notebook shows the repr's line and the indicator table (pandas escapes every cell)."""
        columns = ["indicator_id", "value", "target", "status", "returned", "members"]
        shown = self.to_frame()[columns].astype(object)
        return f"<p>{html.escape(repr(self))}</p>" + shown.where(shown.notna(), "").to_html(index=False)

    def conversions(self) -> pd.DataFrame:
        """The conversions the framework names (``conversions``: which figure over which), one row each: id,
        name, the two indicators and their values, and the rate as an exact fraction (None when undefined).
        Nothing else is paired (issue 21: pairing every consecutive figure divided a regional figure by the
        national one)."""
        return conversions_frame(self.framework, {r.indicator.id: r.value for r in self.results})

    def table(self) -> pd.DataFrame:
        """One row per indicator, as the summary table shows it (shown and computed status both)."""
        return pd.DataFrame([_table_row(r) for r in self.results])

    def explanations(self) -> pd.DataFrame:
        """One row per indicator: the status, the rule, thresholds and inputs that gave it (method appendix)."""
        return pd.DataFrame(
            [
                {
                    "indicator_id": r.indicator.id,
                    "status": r.status.label,
                    "computed_status": r.rule_status.label,
                    "explanation": r.rule_status.explain(),
                    "override": r.status.explain() if r.override else None,
                }
                for r in self.results
            ]
        )


def _table_row(r: IndicatorResult) -> dict[str, object]:
    """One indicator's row of :meth:`Evaluation.table`."""
    share = r.value.share_of_members if r.value.shown is not None else None  # nobody returned: no share, never 0
    return {
        "priority": r.priority_id,
        "indicator_id": r.indicator.id,
        "indicator": r.indicator.name,
        "value": r.value.shown,
        "share_of_members": None if share is None else float(share),
        "target": r.target_value,
        "expected_now": None if r.expected is None else float(r.expected),
        "status": r.status.code,
        "status_label": r.status.label,
        "computed_status": r.rule_status.code,
        "override_reason": r.override.reason if r.override else None,
        "direction": r.direction,
        "direction_year": r.direction_year,
        "previous": r.previous_value,
        "year_earlier": r.year_earlier_value,
        "returned": len(r.value.members_returned),
        "members": r.value.denominator,
    }


def trajectory_path(framework: Framework, result: IndicatorResult) -> list[tuple[date, Fraction]]:
    """The trajectory as (date, expected value) corners, from the baseline to the target at its due date.

    A straight line has two corners; a target with a profile has one more per profile point, steps a staircase
    (:func:`.expected.trajectory_corners`). Empty when the
    indicator has no numeric target (nothing to draw).
    """
    target = result.target
    if not result.has_trajectory:
        return []
    start, base, goal = (
        baseline_date_of(framework, target),
        Fraction(result.baseline_value),
        Fraction(result.target_value),
    )
    return trajectory_corners(result.indicator, target, start, base, goal)
