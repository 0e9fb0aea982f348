"""Forecasting a count target: the run-rate projection and the probability of meeting it.

Issue 12: "Forecast to the target date: run-rate projection, and the probability of
meeting the target from a simple, stated model of adoption (for example a per-member
monthly hazard with a Beta posterior from the transitions seen so far ...) ... Such a
model is calibrated when the monthly rate of adoption is steady, and is not when it
drifts ...; so the forecast checks the monthly series for a trend and, where there is
one, says that the probability is unreliable, instead of printing it bare."

The model: every member not yet counted has the same chance ``p`` each month of
becoming counted, and stays counted. The prior for ``p`` is Beta(a, b), by default
Beta(2, 30): a typical member adopts in a given month with probability about 6% (90%
of the prior between 1.2% and 14%); a framework may set its own (``forecast_prior``).
The transitions seen so far update it: with monthly returns, ``x`` transitions in
``n`` member-months at risk give the posterior Beta(a + x, b + n - x); with quarterly
returns a member at risk adopts within a step with probability 1 - (1 - p)^3, and the
posterior is computed on a grid of ``p``. The ``r`` members still at risk then reach
the target by its date with probability P(X >= need), X ~ Binomial(r, 1 - (1 - p)^m)
for the ``m`` months left, averaged over the posterior by quadrature: deterministic,
no random numbers. A vague prior (Jeffreys, uniform) is miscalibrated early in the
year when few members have moved (measured in benchmarks/results/forecast_calibration.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy import stats

JEFFREYS = (0.5, 0.5)
DEFAULT_PRIOR = (2.0, 30.0)
GRID_POINTS = 4000
QUADRATURE_POINTS = 400
TREND_LEVEL = 0.05


@dataclass(frozen=True)
class AdoptionSeries:
    """Members counted at the baseline and at the end of each step since, out of the members who could be.

    ``counts[0]`` is the count at the baseline; ``counts[i]`` at the end of step ``i``.
    """

    counts: tuple[int, ...]
    population: int
    step_months: int = 1

    @property
    def transitions(self) -> tuple[int, ...]:
        """New members counted in each step (a fall, e.g. a member leaving, counts as none)."""
        return tuple(max(0, b - a) for a, b in zip(self.counts, self.counts[1:], strict=False))

    @property
    def at_risk(self) -> tuple[int, ...]:
        """Members not yet counted at the start of each step."""
        return tuple(max(0, self.population - c) for c in self.counts[:-1])


@dataclass(frozen=True)
class TrendCheck:
    """Whether the per-step rate of adoption drifts: Cochran-Armitage test for a linear trend in proportions."""

    steps: int
    z: float | None
    p_value: float | None
    direction: str  # "rising", "falling", "steady" or "too few points"

    @property
    def fires(self) -> bool:
        return self.direction in ("rising", "falling")


@dataclass(frozen=True)
class Forecast:
    """Where a count is heading by its target date, and how likely it is to get there."""

    now: int
    target: int
    steps_left: Fraction
    run_rate: Fraction  # new members a step so far
    run_rate_projection: Fraction
    run_rate_meets: bool
    probability: float | None  # the model's, always computed
    trend: TrendCheck
    warning: str | None
    method: str

    @property
    def probability_shown(self) -> float | None:
        """The probability a report may print: withheld when the rate drifts, as the model is then unreliable."""
        return None if self.trend.fires else self.probability

    def sentence(self, unit_step: str = "month") -> str:
        """'At the run-rate so far (1.7 a month), 23 by the due date: the target of 20 would be met. ...'"""
        if self.now >= self.target:
            return f"The target of {self.target} is already met ({self.now})."
        meets = f"the target of {self.target} would be met"
        misses = f"{self.target - math.floor(self.run_rate_projection)} short of the target of {self.target}"
        text = (
            f"At the run-rate so far ({float(self.run_rate):.1f} a {unit_step}), "
            f"{float(self.run_rate_projection):.0f} by the due date: {meets if self.run_rate_meets else misses}."
        )
        if self.warning:
            return f"{text} {self.warning}"
        if self.probability is not None:
            text += f" Probability of meeting the target (steady-rate model): {percent(self.probability)}"
            if self.trend.direction == "too few points":
                return text + " (too few periods yet to check the rate for a trend)."
            return text + "."
        return text


def percent(probability: float) -> str:
    """A probability in words that never overclaims: 'more than 99%' rather than '100%'."""
    if probability > 0.995:
        return "more than 99%"
    if probability < 0.005:
        return "less than 1%"
    return f"{probability:.0%}"


def trend_check(series: AdoptionSeries, level: float = TREND_LEVEL) -> TrendCheck:
    """Cochran-Armitage test of a linear trend in the per-step proportion adopting (two-sided, at ``level``).

    Needs at least 3 steps with members at risk and at least one transition; otherwise "too few points".
    """
    x = np.asarray(series.transitions, dtype=float)
    n = np.asarray(series.at_risk, dtype=float)
    keep = n > 0
    x, n = x[keep], n[keep]
    steps = len(n)
    if steps < 3 or x.sum() == 0 or x.sum() == n.sum():
        return TrendCheck(steps, None, None, "too few points")
    z, p = _armitage(x[None, :], n[None, :])
    z, p = float(z[0]), float(p[0])
    direction = "steady" if p >= level else ("rising" if z > 0 else "falling")
    return TrendCheck(steps, z, p, direction)


def _armitage(x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cochran-Armitage z and two-sided p for rows of transitions ``x`` out of ``n`` at risk, scores 1, 2, ..."""
    t = np.arange(1, x.shape[1] + 1, dtype=float)[None, :]
    total, cases = n.sum(axis=1, keepdims=True), x.sum(axis=1, keepdims=True)
    rate = cases / total
    t_bar = (n * t).sum(axis=1, keepdims=True) / total
    numerator = (x * (t - t_bar)).sum(axis=1)
    variance = (rate * (1 - rate)).ravel() * (n * (t - t_bar) ** 2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, numerator / np.sqrt(variance), 0.0)
    return z, 2 * stats.norm.sf(np.abs(z))


def probability_of_meeting(
    now: int,
    target: int,
    at_risk: int,
    transitions: int,
    member_steps: int,
    steps_left: float,
    prior: tuple[float, float] = DEFAULT_PRIOR,
) -> float:
    """P(now + X >= target), X ~ Binomial(at_risk, 1 - (1 - q)^steps_left), q ~ Beta(a + x, b + n - x)."""
    return float(
        probabilities_of_meeting(
            np.array([now]),
            target,
            np.array([at_risk]),
            np.array([transitions]),
            np.array([member_steps]),
            steps_left,
            prior,
        )[0]
    )


def probabilities_of_meeting(
    now: np.ndarray,
    target: int,
    at_risk: np.ndarray,
    transitions: np.ndarray,
    member_steps: np.ndarray,
    steps_left: float,
    prior: tuple[float, float] = DEFAULT_PRIOR,
) -> np.ndarray:
    """The same for many series at once (the backtest): quadrature on ``QUADRATURE_POINTS`` posterior quantiles."""
    need = target - now
    a = prior[0] + transitions
    b = prior[1] + member_steps - transitions
    quantiles = (np.arange(QUADRATURE_POINTS) + 0.5) / QUADRATURE_POINTS
    q = stats.beta.ppf(quantiles[None, :], a[:, None], b[:, None])
    reach = 1 - (1 - q) ** steps_left
    meet = stats.binom.sf(need[:, None] - 1, at_risk[:, None], reach).mean(axis=1)
    meet = np.where(need <= 0, 1.0, meet)
    return np.where(need > at_risk, 0.0, meet)


def series_probability(
    series: AdoptionSeries, target: int, months_left: float, prior: tuple[float, float] = DEFAULT_PRIOR
) -> float:
    """P(meeting the target) for a series of any step length, from the posterior of the monthly hazard on a grid.

    For monthly steps this is :func:`probability_of_meeting` (the conjugate case), computed another way.
    """
    now, at_risk_now = series.counts[-1], max(0, series.population - series.counts[-1])
    need = target - now
    if need <= 0:
        return 1.0
    if need > at_risk_now:
        return 0.0
    p = (np.arange(GRID_POINTS) + 0.5) / GRID_POINTS
    # log(1 - per_step) is step_months * log(1 - p) exactly; computing it so never takes log(0) when a year's
    # step rounds per_step to 1.0 (which printed "divide by zero encountered in log1p" into annual papers).
    log_stay = series.step_months * np.log1p(-p)
    log_post = (prior[0] - 1) * np.log(p) + (prior[1] - 1) * np.log1p(-p)
    for x, n in zip(series.transitions, series.at_risk, strict=True):
        log_post += x * np.log(-np.expm1(log_stay)) + (n - x) * log_stay
    weights = np.exp(log_post - log_post.max())
    weights /= weights.sum()
    reach = 1 - (1 - p) ** months_left
    return float((weights * stats.binom.sf(need - 1, at_risk_now, reach)).sum())


def run_rate_projection(series: AdoptionSeries, steps_left: Fraction) -> tuple[Fraction, Fraction]:
    """New members a step so far and the count at the due date if that rate goes on (never above the population)."""
    steps = len(series.counts) - 1
    gained = series.counts[-1] - series.counts[0]
    rate = Fraction(gained, steps) if steps else Fraction(0)
    return rate, min(Fraction(series.population), series.counts[-1] + rate * steps_left)


def forecast_count(
    series: AdoptionSeries, target: int, steps_left: Fraction, prior: tuple[float, float] = DEFAULT_PRIOR
) -> Forecast:
    """Forecast a member count to its target date from its adoption series so far (see the module docstring)."""
    now = series.counts[-1]
    rate, projected = run_rate_projection(series, steps_left)
    trend = trend_check(series)
    probability = None
    if len(series.counts) > 1:
        probability = series_probability(series, target, float(steps_left * series.step_months), prior)
    warning = None
    if trend.fires:
        warning = (
            f"The rate of adoption is {trend.direction} (trend test p = {trend.p_value:.3f}), so a probability "
            "from a steady-rate model would be unreliable and is not given."
        )
    step = step_word(series.step_months)
    method = (
        f"Run-rate: new members a {step} so far, continued to the due date. Probability: each member not yet "
        f"counted has the same chance each month of becoming counted, with a Beta({prior[0]:g}, {prior[1]:g}) "
        f"prior (about {prior[0] / (prior[0] + prior[1]):.0%} a month) updated by the transitions seen in each "
        f"{step}; the members still at risk reach the target with a binomial chance, averaged over that "
        "posterior. A Cochran-Armitage test of the per-step rates (5% level) withholds the probability when the "
        "rate is rising or falling."
    )
    return Forecast(now, target, steps_left, rate, projected, projected >= target, probability, trend, warning, method)


def step_word(step_months: int) -> str:
    """One step of a series in words, by its months: 'month', 'quarter', 'year' (an annual run-rate is 'a year')."""
    return {1: "month", 3: "quarter", 12: "year"}.get(step_months, f"{step_months}-month step")


def counts_from_values(values: Sequence[float | None]) -> tuple[int, ...]:
    """Counts per step from indicator values, carrying the last known count over a step with no return."""
    counts, last = [], 0
    for value in values:
        last = int(value) if value is not None else last
        counts.append(last)
    return tuple(counts)
