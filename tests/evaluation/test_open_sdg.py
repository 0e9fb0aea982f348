"""Open SDG's progress ratio as sdg-build's SeriesProgress computes it: R = s · d · CAGR_observed / |CAGR_required|
(d -1 where lower is better, s -1 for negative values), every expected value worked by hand."""

from datetime import date

import pytest

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.evaluation.targets import open_sdg_progress, progress_ratio
from compact_analysis.plan.framework import Framework, framework_problems, read_yaml
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS, P1_ROWS, observations, register

YEAR, TWO_YEARS = 365, 730  # days from the baseline to the value, and to the due date


def test_a_baseline_already_past_the_target_that_falls_back_is_deterioration():
    # Higher is better, baseline 120 already above the target of 100, now 90 (below it). Observed
    # 0.75^(365.25/365) - 1: ln 0.75 = -0.287682 x 1.000685 -> exp = 0.749852 -> -0.250148; required
    # (100/120)^(365.25/1096) - 1: ln 0.833333 = -0.182322 / 3.000684 -> exp = 0.941049 -> -0.058951.
    # R = -0.250148 / |-0.058951| = -4.243: deterioration (the undirected ratio, +4.24, read "on track").
    ratio, method = progress_ratio(120, 90, 100, 365, 1096)
    assert ratio == pytest.approx(-4.2433, abs=1e-3) and "direction-adjusted" in method
    status = open_sdg_progress(120, date(2009, 4, 1), 90, date(2010, 4, 1), 100, date(2012, 4, 1))
    assert status.code == "deterioration"
    # Lower is better, baseline 8 already under the ceiling of 10, now 12. Observed 1.5^1.000685 - 1 = 0.500417,
    # required 1.25^0.500342 - 1 = 0.118120; R = -1 x 0.500417 / 0.118120 = -4.237: deterioration.
    assert progress_ratio(8, 12, 10, YEAR, TWO_YEARS, "lower")[0] == pytest.approx(-4.2365, abs=1e-3)


def test_lower_is_better_and_negative_values():
    # 20 -> 16 toward 10: observed 0.8^1.000685 - 1 = -0.200122; required 0.5^0.500342 - 1 = -0.293061;
    # R = -1 x -0.200122 / 0.293061 = 0.683: needs acceleration.
    assert progress_ratio(20, 16, 10, YEAR, TWO_YEARS, "lower")[0] == pytest.approx(0.6829, abs=1e-3)
    # All negative, higher is better: -10 -> -5 toward -2. Observed 0.5^1.000685 - 1 = -0.500237; required
    # 0.2^0.500342 - 1 = -0.553030; s = -1: R = -1 x -0.500237 / 0.553030 = 0.905 (progress, not deterioration).
    assert progress_ratio(-10, -5, -2, YEAR, TWO_YEARS)[0] == pytest.approx(0.9045, abs=1e-3)


def test_not_computable_where_the_method_says_so():
    # A growth rate needs every value positive or every value negative: -5 to 3, or a value of 0, is refused.
    assert progress_ratio(-5, 3, 10, YEAR, TWO_YEARS)[0] is None
    assert progress_ratio(10, 0, 20, YEAR, TWO_YEARS)[0] is None
    status = open_sdg_progress(-5, date(2008, 4, 1), 3, date(2009, 4, 1), 10, date(2010, 4, 1))
    assert status.code == "not-available" and status.reason.startswith("not computable: a growth rate needs")
    assert "ratio" not in status.inputs


def test_an_achieved_target_still_reports_its_ratio():
    # 10 -> 21 against 20: met. Observed 2.1^1.000685 - 1 = 1.101067; required 2^0.500342 - 1 = 0.414550:
    # R = 2.656, reported beside "target achieved".
    status = open_sdg_progress(10, date(2008, 4, 1), 21, date(2009, 4, 1), 20, date(2010, 4, 1))
    assert status.code == "target-achieved" and status.inputs["ratio"] == pytest.approx(2.656, abs=1e-3)
    assert status.reason.startswith("21 meets 20 (progress ratio 2.66, compound annual growth rates")


def test_a_profile_sets_the_required_rate():
    # 10 -> 12 in 182 days; target 20 in 364 days. Observed 1.2^(365.25/182) - 1 = exp(0.182322 x 2.006868) - 1
    # = 0.441790. Without a profile, required 2^(365.25/364) - 1 = 1.004766: R = 0.440, limited progress. With a
    # profile whose value now is 11: required 1.1^2.006868 - 1 = 0.210793: R = 2.096, on track.
    assert progress_ratio(10, 12, 20, 182, 364)[0] == pytest.approx(0.4397, abs=1e-3)
    assert progress_ratio(10, 12, 20, 182, 364, expected_now=11)[0] == pytest.approx(2.0959, abs=1e-3)
    start, at, due = date(2009, 4, 1), date(2009, 9, 30), date(2010, 3, 31)
    assert open_sdg_progress(10, start, 12, at, 20, due).code == "limited-progress"
    assert open_sdg_progress(10, start, 12, at, 20, due, expected_now=11).code == "on-track"


def test_the_evaluation_passes_the_profile_in_force():
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    target = next(i for p in data["priorities"] for i in p["indicators"] if i["id"] == "pledge-committed")["targets"][0]
    target["profile"] = [{"date": "2009-09-30", "share": "20%"}]
    assert framework_problems(data) == []
    profiled = Framework.model_validate(data, context={"cross_checked": True})
    q2 = parse_period("2009-10-Q2")
    result = evaluate_period(
        profiled, observations(P1_ROWS), register(*"ABCDE"), q2, default_as_at(profiled, q2), rule="open-sdg"
    ).result("pledge-committed")
    # Baseline 1, now 5 (A, B, C, D, E), profile value now 1 + 19/5 = 4.8. Observed 5^(365.25/182) - 1 = 24.277;
    # required 4.8^(365.25/182) - 1 = 22.289: R = 1.089 (to the target by its date it would be 24.277 / 19.207
    # = 1.264).
    assert result.status.inputs["profile value now"] == pytest.approx(4.8)
    assert result.status.inputs["ratio"] == pytest.approx(1.089, abs=1e-3)
