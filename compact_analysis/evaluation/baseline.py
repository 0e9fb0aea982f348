"""Baselines with non-response: who lacked something at the baseline date, and how many probably did.

Seed 000 (Priority 3): "establish how many member organisations have not yet got an
established Apprenticeship Scheme in place. Then to support 50% of those organisations
to develop a scheme by March 2010." Priority 5 asks the same of LEP agreements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd
from scipy import stats

from compact_analysis.evaluation.gap_rule import GapPosition, LateAnswer, answers_after_freeze, can_count, positions
from compact_analysis.evaluation.indicators import latest_state
from compact_analysis.plan.framework import Framework, Indicator
from compact_analysis.plan.members import deemed_members

LOW_RESPONSE = Fraction(4, 5)
SENSITIVITY_MULTIPLIERS = (Fraction(3, 2), Fraction(2))


@dataclass(frozen=True)
class BaselineEstimate:
    """How many deemed members lacked the thing at the baseline, with bounds, interval and sensitivity."""

    known_lacking: int
    known_having: int
    unanswered: int
    point: Fraction | None
    low: int
    high: int
    interval: tuple[int, int] | None
    response_rate: Fraction | None
    sensitivity: dict
    method: str
    warning: str | None


@dataclass(frozen=True)
class BaselineLists:
    """The named lists at the baseline date: known to lack, known to have, not answered."""

    lacking: tuple[str, ...]
    having: tuple[str, ...]
    unanswered: tuple[str, ...]
    baseline_date: date | None = None
    freeze: date | None = None  # evidence submitted by this date counts: the baseline date plus the reporting lag


@dataclass(frozen=True)
class DerivedTarget:
    """A share of the baseline, in exact arithmetic, with its range over the bounds and over the 95% interval."""

    value: int | None
    low: int
    high: int
    unrounded: Fraction | None
    text: str
    interval: tuple[int, int] | None = None


def _ceil(x: Fraction) -> int:
    return math.ceil(x)  # math.ceil on a Fraction is exact (uses __ceil__), unlike on a float


def estimate_baseline(k: int, h: int, u: int) -> BaselineEstimate:
    """Estimate the number lacking from k known to lack, h known to have and u not answered.

    Bounds [k, k+u] assume nothing; the point k + u*k/(k+h) and the 95% interval (k plus
    the 2.5% and 97.5% quantiles of a beta-binomial predictive count for the u
    non-responders, Jeffreys prior Beta(k+1/2, h+1/2)) assume non-responders resemble
    responders. Sensitivity: k + u*min(1, m*k/(k+h)) for m = 1.5 and 2.
    """
    answered, total = k + h, k + h + u
    rate = Fraction(answered, total) if total else None
    if answered == 0:
        return BaselineEstimate(
            k, h, u, None, k, k + u, None, rate, {},
            "undefined: nobody answered, so only the bounds [k, k+u] can be given", None,
        )  # fmt: skip
    share = Fraction(k, answered)
    point = k + u * share
    if u:
        dist = stats.betabinom(u, k + 0.5, h + 0.5)
        interval = (k + int(dist.ppf(0.025)), k + int(dist.ppf(0.975)))
    else:
        interval = (k, k)
    sensitivity = {float(m): k + u * min(Fraction(1), m * share) for m in SENSITIVITY_MULTIPLIERS}
    warning = None
    if rate < LOW_RESPONSE:
        warning = (
            f"Only {float(rate):.0%} answered: the interval assumes non-responders resemble responders "
            "and may understate the total if those lacking one are less likely to reply."
        )
    method = (
        "point k + u*k/(k+h); 95% interval k + beta-binomial predictive count for the u non-responders, "
        "Jeffreys prior Beta(k+1/2, h+1/2); bounds [k, k+u]"
    )
    return BaselineEstimate(k, h, u, point, k, k + u, interval, rate, sensitivity, method, warning)


def baseline_lists(
    framework: Framework, indicator: Indicator, observations: pd.DataFrame, register: pd.DataFrame, baseline_date: date
) -> BaselineLists:
    """Deemed members at the baseline date split by their yes-no answer, frozen at the baseline.

    Evidence counts if submitted by baseline_date + report_after_days, so a correction to a
    baseline-period return in that window moves it and later returns do not.
    """
    cutoff = baseline_date + timedelta(days=framework.report_after_days)
    known = observations[observations["submitted"] <= cutoff]
    state = latest_state(known, indicator.measure, baseline_date)
    answers = dict(zip(state["member_id"], state["value"].astype(str).str.lower(), strict=True))
    ids = sorted(deemed_members(register, baseline_date)["member_id"])
    return BaselineLists(
        tuple(m for m in ids if answers.get(m) == "no"),
        tuple(m for m in ids if answers.get(m) == "yes"),
        tuple(m for m in ids if answers.get(m) not in ("yes", "no")),
        baseline_date,
        cutoff,
    )


def derived_target(estimate: BaselineEstimate, share: Fraction) -> DerivedTarget:
    """The target as ceil(share x point), with range [ceil(share x low), ceil(share x high)], exactly.

    Seed 000: "establish how many member organisations have not yet got an established
    Apprenticeship Scheme in place. Then to support 50% of those organisations to develop a
    scheme by March 2010." Rounds up from the unrounded point estimate, never from a float.
    """
    share = Fraction(share)
    low, high = _ceil(share * estimate.low), _ceil(share * estimate.high)
    if estimate.point is None:
        return DerivedTarget(None, low, high, None, "undefined: nobody answered the baseline question")
    unrounded = share * estimate.point
    value = _ceil(unrounded)
    interval = None
    if estimate.interval is not None:
        interval = (_ceil(share * estimate.interval[0]), _ceil(share * estimate.interval[1]))
    text = f"{share} of the point estimate {float(estimate.point):.3f} is {float(unrounded):.3f}, rounded up to {value}"
    return DerivedTarget(value, low, high, unrounded, text + " (rounds up from the unrounded point estimate)", interval)


def gap_closed(
    indicator: Indicator,
    observations: pd.DataFrame,
    lists: BaselineLists,
    period_end: date,
    members: pd.DataFrame | None = None,
) -> tuple[str, ...]:
    """Members that can count (:func:`gap_rule.can_count`) whose latest value as at ``period_end`` is "yes".

    Without a baseline date on ``lists`` only the members known to lack one at the freeze can count. With
    ``members`` (the deemed members at ``period_end``), a member that has left counts no more.
    """
    state = latest_state(observations, indicator.measure, period_end)
    yes = set(state.loc[state["value"].astype(str).str.lower() == "yes", "member_id"])
    pool = lists.lacking
    if lists.baseline_date is not None:
        late = answers_after_freeze(observations, indicator.measure, lists.unanswered)
        pool = can_count(lists.lacking, late, lists.baseline_date, period_end)
    still = None if members is None else set(members["member_id"])
    return tuple(m for m in pool if m in yes and (still is None or m in still))


@dataclass(frozen=True)
class BaselineResult:
    """What the report shows about a baseline: the estimate, the three named lists and the derived target."""

    estimate: BaselineEstimate
    lacking: tuple[str, ...]
    having: tuple[str, ...]
    unanswered: tuple[str, ...]
    target: DerivedTarget
    baseline_date: date | None = None
    freeze: date | None = None
    late: tuple[LateAnswer, ...] = ()  # current answers, per period, of the members not answered by the freeze

    def can_count(self, end: date) -> tuple[str, ...]:
        """Members that count toward the gap once their latest answer is "yes" (:func:`gap_rule.can_count`)."""
        if self.baseline_date is None:
            return self.lacking
        return can_count(self.lacking, self.late, self.baseline_date, end)

    def positions(self, end: date) -> dict[str, tuple[GapPosition, LateAnswer]]:
        """Where each member not answered by the freeze stands, as its answers for periods ending by ``end`` show."""
        if self.baseline_date is None:
            return {}
        return positions(self.late, self.baseline_date, end)


def evaluate_baseline(
    framework: Framework, indicator: Indicator, observations: pd.DataFrame, register: pd.DataFrame, baseline_date: date
) -> BaselineResult:
    """The frozen baseline for a gap indicator: named lists, estimate and derived target."""
    lists = baseline_lists(framework, indicator, observations, register, baseline_date)
    estimate = estimate_baseline(len(lists.lacking), len(lists.having), len(lists.unanswered))
    share = indicator.targets[0].share if indicator.targets else Fraction(1, 2)
    for target in indicator.targets:
        if target.kind == "share-of-baseline-gap":
            share = target.share
    late = answers_after_freeze(observations, indicator.measure, lists.unanswered)
    return BaselineResult(
        estimate,
        lists.lacking,
        lists.having,
        lists.unanswered,
        derived_target(estimate, Fraction(share)),
        baseline_date,
        lists.freeze,
        late,
    )
