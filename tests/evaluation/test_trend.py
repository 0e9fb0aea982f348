"""The forecast that fits a figure that is not a count of members: a straight-line trend, worked by hand."""

from fractions import Fraction
from typing import get_args

import pytest

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.evaluation.forecast import Forecast
from compact_analysis.evaluation.trend import TrendForecast, figure_kind, forecast_model, trend_forecast
from compact_analysis.plan.framework import Framework, framework_problems
from compact_analysis.plan.framework_model import Aggregate
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.safe_yaml import read_yaml
from tests.helpers import FRAMEWORKS, P2_ROWS, observations, register

#: The figure kinds issue 21's framework language adds (IndicatorValue.kind); none of them counts members.
NEW_AGGREGATES = ("mean", "value", "rate", "cumulative-sum")


def test_no_figure_but_a_count_of_members_gets_the_member_count_model():
    for aggregate in (*get_args(Aggregate), *NEW_AGGREGATES):
        model = forecast_model(figure_kind(aggregate))
        expected = "member-count" if aggregate in ("count-at-level", "count-yes", "gap-closed") else "trend"
        assert model == expected, aggregate
    # The figure's own kind, once IndicatorValue carries it, decides over the aggregate.
    assert forecast_model(figure_kind("count-yes", "rate")) == "trend"
    assert forecast_model(figure_kind("sum", "sum")) == "trend"


def test_trend_by_hand():
    # x = 0, 1, 2, 3; y = 10, 12, 16, 18. x̄ = 1.5, ȳ = 14, Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5,
    # Sxy = 6 + 1 + 1 + 6 = 14: slope 2.8, intercept 14 - 2.8 * 1.5 = 9.8. Fitted 9.8, 12.6, 15.4, 18.2;
    # residuals 0.2, -0.6, 0.6, -0.2: squares 0.8, s² = 0.8 / 2 = 0.4. Two steps left: x* = 5, y* = 23.8.
    # t(0.90; 2) = 1.885618; sqrt(1 + 1/4 + 3.5² / 5) = sqrt(3.7) = 1.923538; half-width
    # 1.885618 * sqrt(0.4) * 1.923538 = 2.29395: 21.506 to 26.094.
    f = trend_forecast([10, 12, 16, 18], 25, Fraction(2), "quarter")
    assert (f.points, f.slope, f.projection) == (4, pytest.approx(2.8), pytest.approx(23.8))
    assert (f.low, f.high) == (pytest.approx(21.50605, abs=1e-4), pytest.approx(26.09395, abs=1e-4))
    assert f.meets is False
    assert f.sentence() == (
        "Straight-line trend through 4 figures (one a quarter), changing by 2.8 a quarter, 80% prediction "
        "interval: 23.8 by the due date (21.5 to 26.1); the target of 25 would not be met, though the interval "
        "includes the target."
    )
    # Lower is better: 23.8 is within a ceiling-like target of 25; and the whole interval is below 30.
    lower = trend_forecast([10, 12, 16, 18], 30, Fraction(2), "year", "lower")
    assert lower.meets is True and lower.sentence().endswith("would be met, and the interval lies wholly past it.")
    assert "a year" in lower.sentence() and "a quarter" not in lower.sentence()


def test_no_trend_from_fewer_than_three_points_and_gaps_are_left_out():
    # A step with no return (None) is left out, never read as 0: two points, no trend, said in words.
    f = trend_forecast([None, 4, None, 9], 20, Fraction(1), "quarter")
    assert (f.points, f.projection, f.meets, f.now) == (2, None, None, 9)
    assert f.sentence() == "No trend forecast: 2 figures so far, and a straight-line trend needs at least 3."
    # Gaps keep their place on the x axis: 0 at x=0, 6 at x=2, 12 at x=3 -> x̄ = 5/3, ȳ = 6,
    # Sxx = 25/9 + 1/9 + 16/9 = 42/9, Sxy = (-5/3)(-6) + 0 + (4/3)(6) = 18: slope 18 / (42/9) = 27/7.
    assert trend_forecast([0, None, 6, 12], 20, Fraction(1), "month").slope == pytest.approx(27 / 7)


def _evaluate(framework, rows, members, period):
    p = parse_period(period)
    return evaluate_period(framework, observations(rows), members, p, default_as_at(framework, p))


def _compact_with_a_sum_target() -> Framework:
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    indicator = next(i for p in data["priorities"] for i in p["indicators"] if i["id"] == "sfl-participants")
    indicator["cadence"] = "quarterly"
    indicator["targets"] = [
        {"kind": "count", "value": 60, "due": "2010-03-31", "baseline_date": "2009-04-01", "agreed": "2009-04-01",
         "baseline_value": 0}  # the plan's published baseline: a sum nobody returned is never taken as 0
    ]  # fmt: skip
    assert framework_problems(data) == []
    return Framework.model_validate(data, context={"cross_checked": True})


def test_a_summed_figure_gets_the_trend_not_a_probability_capped_at_the_members():
    result = _evaluate(_compact_with_a_sum_target(), P2_ROWS, register(*"ABCD"), "2009-10-Q2")
    f = result.result("sfl-participants").forecast
    assert isinstance(f, TrendForecast) and not isinstance(f, Forecast)
    assert not hasattr(f, "probability")
    # Points: 0 at the baseline (the plan's baseline_value), Q1 = 5 (A's June), Q2 = 10 + 12 + 8 = 30.
    # x̄ = 1, ȳ = 35/3, Sxx = 2, Sxy = 35/3 + 55/3 = 30: slope 15, intercept 35/3 - 15 = -10/3. Two quarters
    # left: x* = 4, y* = -10/3 + 60 = 56.67, far above the 4 members (the member-count model capped it at 4).
    assert (f.points, f.slope, f.projection) == (3, pytest.approx(15), pytest.approx(170 / 3))
    assert f.projection > 4 and f.meets is False
    assert "Probability" not in f.sentence() and "56.7 by the due date" in f.sentence()
