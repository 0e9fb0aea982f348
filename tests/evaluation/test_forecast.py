"""The forecast of a count target, checked against values worked out by hand."""

import warnings
from fractions import Fraction

import pytest

from compact_analysis.evaluation.forecast import (
    AdoptionSeries,
    counts_from_values,
    forecast_count,
    percent,
    probability_of_meeting,
    run_rate_projection,
    series_probability,
    step_word,
    trend_check,
)


def test_series_transitions_and_members_at_risk():
    series = AdoptionSeries((0, 3, 5, 9), population=10)
    # 0 -> 3 -> 5 -> 9: 3, 2 and 4 new; at risk at the start of each step 10, 7 and 5.
    assert series.transitions == (3, 2, 4) and series.at_risk == (10, 7, 5)
    assert AdoptionSeries((4, 3, 5), population=10).transitions == (0, 2)  # a fall is no transition


def test_run_rate_projection_is_capped_at_the_population():
    # 9 gained in 3 steps: 3 a step; 3 steps left: 9 + 9 = 18, but only 10 members can count.
    assert run_rate_projection(AdoptionSeries((0, 3, 5, 9), 10), Fraction(3)) == (3, 10)
    # 2 gained in 2 steps: 1 a step; 4.5 steps left: 2 + 4.5 = 6.5.
    assert run_rate_projection(AdoptionSeries((0, 1, 2), 10), Fraction(9, 2)) == (1, Fraction(13, 2))


def test_probability_with_one_member_and_one_step_left_is_the_posterior_mean():
    # Prior Beta(1, 1), 1 transition in 3 member-steps: posterior Beta(2, 3), mean 2/5. One member at risk,
    # one step left, one more needed: P = E[q] = 0.4 (quadrature on 400 quantiles is within 0.001).
    assert probability_of_meeting(4, 5, 1, 1, 3, 1.0, prior=(1, 1)) == pytest.approx(0.4, abs=1e-3)
    # Two steps left: P = E[1 - (1 - q)^2] = 2E[q] - E[q^2]; E[q^2] = (2*3)/(5*6) = 1/5: 0.8 - 0.2 = 0.6.
    assert probability_of_meeting(4, 5, 1, 1, 3, 2.0, prior=(1, 1)) == pytest.approx(0.6, abs=1e-3)


def test_met_and_unreachable_targets():
    assert probability_of_meeting(20, 20, 30, 5, 100, 3.0) == 1.0
    assert probability_of_meeting(5, 20, 10, 5, 100, 3.0) == 0.0  # 15 needed, only 10 at risk


def test_trend_check_by_hand():
    # x = 1, 2, 3 new at steps 1, 2, 3 out of n = 100, 99, 97 at risk (population 100, counts 0, 1, 3, 6).
    # rate 6/296; mean step (100 + 198 + 291)/296 = 1.98986; sum x (t - mean) = -0.98986 + 0.02027 + 3.03041
    # = 2.06081; variance (6/296)(290/296) * (100 * 0.98986^2 + 99 * 0.01014^2 + 97 * 1.01014^2)
    # = 0.019860 * 196.969 = 3.9118; z = 2.06081 / 1.97783 = 1.042, two-sided p = 0.297: steady.
    steady = trend_check(AdoptionSeries((0, 1, 3, 6), 100))
    assert steady.direction == "steady" and steady.z == pytest.approx(1.042, abs=1e-3)
    assert steady.p_value == pytest.approx(0.297, abs=1e-3)
    rising = trend_check(AdoptionSeries((0, 1, 3, 13, 33), 100))
    assert rising.direction == "rising" and rising.fires
    assert trend_check(AdoptionSeries((0, 5, 9), 100)).direction == "too few points"


def test_forecast_withholds_the_probability_when_the_rate_drifts():
    steady = forecast_count(AdoptionSeries((0, 2, 4, 6), 50, 1), 20, Fraction(9))
    assert steady.probability_shown == steady.probability and steady.warning is None
    assert "Probability of meeting the target" in steady.sentence()
    drifting = forecast_count(AdoptionSeries((0, 0, 1, 3, 13), 50, 1), 20, Fraction(8))
    assert drifting.trend.direction == "rising" and drifting.probability_shown is None
    assert "not given" in drifting.sentence() and "%" not in drifting.sentence()
    # Deterministic: the same inputs give the same probability.
    assert forecast_count(AdoptionSeries((0, 2, 4, 6), 50, 1), 20, Fraction(9)).probability == steady.probability


def test_counts_carry_the_last_known_value_over_a_step_with_no_return():
    assert counts_from_values([0, 3, None, 5]) == (0, 3, 3, 5)


def test_the_backtest_runs_and_scores_both_forecasts():
    import sys

    from tests.helpers import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_forecast_calibration import backtest, brier, reliability, summarise

    summary = summarise(backtest(300, 1, "steady"))
    assert sorted(summary) == [3, 6, 9]
    for s in summary.values():
        assert 0 <= s["brier_model"] <= 1 and 0 <= s["brier_run_rate"] <= 1
        assert sum(row["n"] for row in s["reliability"]) == 300
    # Brier by hand: forecasts 0.8 and 0.1 for outcomes 1 and 0: ((0.2)^2 + (0.1)^2) / 2 = 0.025.
    import numpy as np

    assert brier(np.array([0.8, 0.1]), np.array([1.0, 0.0])) == pytest.approx(0.025)
    table = reliability(np.array([0.05, 0.07, 0.95]), np.array([0.0, 1.0, 1.0]))
    assert (table[0]["n"], table[0]["observed"], table[9]["n"]) == (2, 0.5, 1)


def test_percentages_never_overclaim():
    assert (percent(0.999), percent(0.001), percent(0.456)) == ("more than 99%", "less than 1%", "46%")


def test_the_grid_posterior_agrees_with_the_conjugate_one_for_monthly_steps():
    series = AdoptionSeries((0, 2, 5, 6), 50, 1)  # 6 transitions in 50 + 48 + 45 = 143 member-months
    conjugate = probability_of_meeting(6, 20, 44, 6, 143, 9.0)
    assert series_probability(series, 20, 9.0) == pytest.approx(conjugate, abs=2e-3)


def test_quarterly_steps_use_the_monthly_hazard():
    # One member at risk for one quarter who did not adopt, one quarter (3 months) left, prior Beta(1, 1):
    # posterior on p is proportional to (1 - p)^3, i.e. Beta(1, 4); P(adopt in 3 months) = 1 - E[(1 - p)^3]
    # = 1 - B(1, 7) / B(1, 4) = 1 - 4/7 = 3/7.
    series = AdoptionSeries((0, 0), 1, 3)
    assert series_probability(series, 1, 3.0, prior=(1, 1)) == pytest.approx(3 / 7, abs=1e-3)


def test_a_met_target_is_said_to_be_met():
    met = forecast_count(AdoptionSeries((0, 10, 22), 50, 3), 20, Fraction(2))
    assert met.sentence("quarter") == "The target of 20 is already met (22)." and met.probability == 1.0


def test_an_annual_step_gives_its_probability_without_a_warning():
    # Two members at risk for one year, one adopted, prior Beta(1, 1): with q = 1 - (1 - p)^12 a year's chance
    # for a monthly hazard p, the posterior is proportional to q(1 - q) = (1-p)^12 - (1-p)^24. Near p = 1, q
    # rounds to 1.0, which once took log(0) and printed a RuntimeWarning into an annual paper. With one month
    # left the one member still at risk adopts with chance E[p] = (B(2, 13) - B(2, 25)) / (1/13 - 1/25)
    # = (1/182 - 1/650) / (12/325) = (468/118300) / (12/325) = 3/28.
    series = AdoptionSeries((0, 1), 2, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = series_probability(series, 2, 1.0, prior=(1, 1))
    assert found == pytest.approx(3 / 28, abs=1e-3)


def test_a_step_is_named_by_its_months():
    # An annual figure's run-rate is "a year" (issue 21: annual forecasts said "47.0 a quarter").
    assert [step_word(m) for m in (1, 3, 12, 6)] == ["month", "quarter", "year", "6-month step"]
