"""A forecast that fits a figure that is not a count of members: a straight-line trend with a prediction interval.

Issue 21: "the forecast's member-count model runs on every count target, including summed figures: a score
read '401 by the due date: 99 short of the target of 500' (capped at the number of members) and a percentage
got a 'probability' as if it were members out of 401." The member-count model
(:mod:`~compact_analysis.evaluation.forecast`) is now only for counts of members (count-at-level, count-yes,
gap-closed). Every other figure (a sum, mean, rate, reported value or cumulative total) is projected by
ordinary least squares over its value at each step since the baseline (x = 0 at the baseline, 1, 2, ... at
each period end of the indicator's cadence; a step with no return is left out, never read as 0), continued to
the due date, with an 80% prediction interval for the figure there:

    y* = a + b x*,  y* ± t(0.90; n - 2) · s · sqrt(1 + 1/n + (x* - x̄)² / Sxx),  s² = Σ residual² / (n - 2).

With fewer than 3 points there is no forecast (two points fix a line but leave nothing to estimate its
spread), and the paper says so. There is no probability and no cap at the number of members.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from scipy import stats

#: Fewest points a trend is fitted to.
MIN_POINTS = 3
#: Coverage of the prediction interval.
LEVEL = 0.80
#: The figure kind of each member-counting aggregate; every other aggregate is a figure of its own name.
COUNT_AGGREGATES = ("count-at-level", "count-yes", "gap-closed")

METHOD = (
    "Trend (figures that are not counts of members: sums, means, rates, reported values, running totals): "
    "a straight line fitted by least squares to the figure at each period end since the baseline (periods "
    f"with no return left out), continued to the due date, with an {LEVEL:.0%} prediction interval "
    "(Student's t with n - 2 degrees of freedom); no trend from fewer than 3 points. No probability is given "
    "for such figures, and nothing is capped at the number of members."
)


def figure_kind(aggregate: str, kind: str | None = None) -> str:
    """'count' for a count of members, else the figure's own kind: ``kind`` (``IndicatorValue.kind``) when
    given, otherwise decided by the indicator's aggregate ('sum', 'mean', 'rate', 'value', 'cumulative-sum')."""
    if kind:
        return kind
    return "count" if aggregate in COUNT_AGGREGATES else aggregate


def forecast_model(kind: str) -> str:
    """Which forecast a figure of ``kind`` gets: 'member-count' for a count of members, else 'trend'."""
    return "member-count" if kind == "count" else "trend"


@dataclass(frozen=True)
class TrendForecast:
    """Where a figure is heading by its due date on a straight-line trend, or why there is no trend.

    ``projection``, ``low`` and ``high`` are None when there are fewer than :data:`MIN_POINTS` points.
    """

    points: int
    step: str  # "month", "quarter" or "year": the indicator's cadence
    now: float
    target: float
    polarity: str
    slope: float | None
    projection: float | None
    low: float | None
    high: float | None
    method: str = METHOD

    @property
    def run_rate_projection(self) -> float | None:
        """The trend's value at the due date (named as the member-count forecast's, so the chart draws either)."""
        return self.projection

    @property
    def meets(self) -> bool | None:
        """Whether the trend's value at the due date meets the target, respecting polarity."""
        if self.projection is None:
            return None
        return self.projection <= self.target if self.polarity == "lower" else self.projection >= self.target

    def sentence(self, unit_step: str | None = None) -> str:
        """'Straight-line trend through 5 figures (one a quarter), 80% interval: 430 by the due date (380 to
        480); the target of 500 would not be met, and the interval lies wholly short of it.'"""
        step = unit_step or self.step
        if self.projection is None:
            return (
                f"No trend forecast: {self.points} figure{'s' if self.points != 1 else ''} so far, and a "
                f"straight-line trend needs at least {MIN_POINTS}."
            )
        verdict = "would be met" if self.meets else "would not be met"
        return (
            f"Straight-line trend through {self.points} figures (one a {step}), changing by "
            f"{number(self.slope)} a {step}, {LEVEL:.0%} prediction interval: {number(self.projection)} by the due "
            f"date ({number(self.low)} to {number(self.high)}); the target of {number(self.target)} {verdict}"
            f"{self._interval_words()}."
        )

    def _interval_words(self) -> str:
        """Where the target lies against the interval, in words."""
        if self.low <= self.target <= self.high:
            return ", though the interval includes the target"
        short = self.high < self.target if self.polarity != "lower" else self.low > self.target
        return ", and the interval lies wholly short of it" if short else ", and the interval lies wholly past it"


def number(x: float) -> str:
    """A figure to one decimal place, thousands separated, without a trailing '.0' ('1,234.5', '430')."""
    text = f"{x:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def trend_forecast(
    values: Sequence[float | None], target: float, steps_left: Fraction, step: str, polarity: str = "higher"
) -> TrendForecast:
    """Fit the trend to ``values`` (``values[0]`` at the baseline, ``values[i]`` at the end of step ``i``;
    None where there is none) and project it ``steps_left`` steps past the last one (see the module docstring)."""
    xs = [float(i) for i, v in enumerate(values) if v is not None]
    ys = [float(v) for v in values if v is not None]
    now = ys[-1] if ys else math.nan
    n = len(xs)
    if n < MIN_POINTS:
        return TrendForecast(n, step, now, target, polarity, None, None, None, None)
    x_bar, y_bar = sum(xs) / n, sum(ys) / n
    sxx = sum((x - x_bar) ** 2 for x in xs)
    slope = sum((x - x_bar) * (y - y_bar) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = y_bar - slope * x_bar
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    s = math.sqrt(residual / (n - 2))
    x_due = len(values) - 1 + float(steps_left)
    projection = intercept + slope * x_due
    half = float(stats.t.ppf(0.5 + LEVEL / 2, n - 2)) * s * math.sqrt(1 + 1 / n + (x_due - x_bar) ** 2 / sxx)
    return TrendForecast(n, step, now, target, polarity, slope, projection, projection - half, projection + half)
