"""XmR charts with Making Data Count rules, on hand-worked series."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from compact_analysis.evaluation.spc import COMMON_CAUSE, CONCERN, IMPROVEMENT, NEUTRAL, xmr
from compact_analysis.presentation.xmr_chart import xmr_chart

MONTHS = [f"2009-10-M{i:02d}" for i in range(1, 13)] + [f"2010-11-M{i:02d}" for i in range(1, 13)]


def flagged(chart, column):
    """Positions (0-based) of the points with ``column`` set."""
    return [i for i, flag in enumerate(chart.points[column]) if flag]


def test_mean_moving_range_and_limits_on_a_short_series():
    chart = xmr([10, 12, 11, 15, 12])
    assert chart.mean == pytest.approx(12.0)  # (10+12+11+15+12)/5 = 60/5
    assert chart.average_moving_range == pytest.approx(2.5)  # (2+1+4+3)/4 = 10/4
    assert chart.upper_limit == pytest.approx(18.65)  # 12 + 2.66*2.5 = 12 + 6.65
    assert chart.lower_limit == pytest.approx(5.35)  # 12 - 6.65
    assert chart.points["moving_range"].tolist()[1:] == [2, 1, 4, 3]
    assert chart.provisional  # 5 points < 12
    assert chart.summary == "Provisional limits (5 points): No signal: the last change is within common-cause variation"


def test_seven_points_on_one_side_is_a_shift():
    values = [4, 3, 4, 3, 4, 3, 4, 6, 7, 6, 7, 6, 7, 6]
    chart = xmr(values, MONTHS[:14])
    assert chart.mean == pytest.approx(5.0)  # (4*4+3*3 + 6*4+7*3)/14 = 70/14
    # MR: six 1s, one 2 (4->6), six 1s = 14/13; limits 5 -/+ 2.66*14/13 = 2.135 .. 7.865, nothing outside
    assert chart.average_moving_range == pytest.approx(14 / 13)
    assert flagged(chart, "outside_limits") == []
    assert flagged(chart, "shift") == list(range(14))  # 7 below, then 7 above
    assert not chart.provisional  # 14 points >= 12
    assert chart.summary == "Special cause: improvement: 7 points above the mean since 2009-10-M08"


def test_six_points_on_one_side_is_not_a_shift():
    chart = xmr([6, 7, 6, 7, 6, 7, 4, 3, 4, 3, 4, 3])
    assert chart.mean == pytest.approx(5.0)  # (39 + 21)/12
    # MR: five 1s, one 3 (7->4), five 1s = 13/11; limits 5 -/+ 3.144, nothing outside
    assert flagged(chart, "shift") == []
    assert set(chart.points["variation"]) == {COMMON_CAUSE}


def test_a_point_on_the_mean_breaks_a_shift():
    # mean (4*4+3*3 + 5 + 6*4+7*3)/15 = 75/15 = 5, so the 5 at position 10 is on the mean; it splits the
    # 8 points above into runs of 3 and 4 (plotthedots: side 0 is neither above nor below)
    values = [4, 3, 4, 3, 4, 3, 4, 6, 7, 6, 5, 7, 6, 7, 6]
    chart = xmr(values, MONTHS[:15])
    assert chart.mean == pytest.approx(5.0)
    assert flagged(chart, "shift") == list(range(7))
    assert chart.points["variation"].iloc[-1] == COMMON_CAUSE
    assert chart.summary.endswith("within common-cause variation (an earlier signal ended at 2009-10-M07)")


def test_seven_rising_points_are_a_trend():
    # 2..8 is 7 points with 6 rises. Mean 57/10 = 5.7; MR (8+1*6+6+8)/9 = 28/9;
    # limits 5.7 -/+ 2.66*28/9 = -2.58 .. 13.98, nothing outside; no 7 on one side of 5.7
    chart = xmr([10, 2, 3, 4, 5, 6, 7, 8, 2, 10])
    assert chart.average_moving_range == pytest.approx(28 / 9)
    assert flagged(chart, "trend") == [1, 2, 3, 4, 5, 6, 7]
    assert flagged(chart, "outside_limits") == flagged(chart, "shift") == []
    assert set(chart.points["signal"].iloc[1:8]) == {"trend up"}
    assert set(chart.points["variation"].iloc[1:8]) == {IMPROVEMENT}


def test_six_rising_points_are_not_a_trend():
    chart = xmr([10, 2, 3, 4, 5, 6, 7, 2, 10])  # 2..7: 6 points, 5 rises
    assert flagged(chart, "trend") == []
    assert set(chart.points["variation"]) == {COMMON_CAUSE}


def test_a_repeated_value_breaks_a_trend():
    # 2,3,4,5,5,6,7,8: 6 rises but a repeat (5,5) between; plotthedots counts runs of 3 and 3 rises, no trend.
    # Mean 62/11 = 5.64; MR 28/10 = 2.8, limits 5.64 -/+ 7.45; sides + - - - - - + + + - +: no shift
    chart = xmr([10, 2, 3, 4, 5, 5, 6, 7, 8, 2, 10])
    assert flagged(chart, "trend") == []
    assert set(chart.points["variation"]) == {COMMON_CAUSE}


def test_a_falling_trend_at_the_end_is_reported_from_its_first_point():
    chart = xmr([2, 10, 9, 8, 7, 6, 5, 4], MONTHS[:8], polarity="lower")
    # 10..4 is 7 points with 6 falls; mean 51/8 = 6.375, MR (8+6*1)/7 = 2, limits 1.055 .. 11.695
    assert flagged(chart, "trend") == [1, 2, 3, 4, 5, 6, 7]
    assert chart.summary == (
        "Provisional limits (8 points): Special cause: improvement: 7 points each below the one before since 2009-10-M02"
    )


def test_polarity_flips_improvement_and_concern():
    values = [4, 3, 4, 3, 4, 3, 4, 6, 7, 6, 7, 6, 7, 6]
    higher, lower = xmr(values, polarity="higher"), xmr(values, polarity="lower")
    assert higher.points["variation"].tolist() == [CONCERN] * 7 + [IMPROVEMENT] * 7
    assert lower.points["variation"].tolist() == [IMPROVEMENT] * 7 + [CONCERN] * 7
    assert set(xmr(values, polarity="neutral").points["variation"]) == {NEUTRAL}
    assert lower.summary.startswith("Special cause: concern: 7 points above the mean")


def test_a_point_outside_the_limits():
    values = [5, 6] * 5 + [5, 20]
    chart = xmr(values, MONTHS[:12], polarity="lower")
    # mean (5*6 + 6*5 + 20)/12 = 80/12 = 6.667; MR (10*1 + 15)/11 = 25/11 = 2.273;
    # upper 6.667 + 2.66*2.273 = 12.71 < 20
    assert chart.mean == pytest.approx(80 / 12)
    assert chart.upper_limit == pytest.approx(80 / 12 + 2.66 * 25 / 11)
    assert flagged(chart, "outside_limits") == [11]
    assert chart.points["signal"].iloc[-1] == "above upper limit"
    assert chart.summary == "Special cause: concern: the latest value (20 at 2009-10-M12) is above the upper limit"


def test_limits_from_baseline_points_only():
    chart = xmr([1, 3, 1, 3, 10, 10], baseline_points=4)
    # mean (1+3+1+3)/4 = 2; MR (2+2+2)/3 = 2; upper 2 + 5.32 = 7.32 < 10
    assert (chart.mean, chart.average_moving_range) == (pytest.approx(2.0), pytest.approx(2.0))
    assert flagged(chart, "outside_limits") == [4, 5]
    assert chart.baseline_points == 4 and chart.provisional
    assert chart.summary.startswith(
        "Provisional limits (4 points): Special cause: improvement: the latest value (10 at 6)"
    )


@pytest.mark.parametrize("values, says", [([], "No chart: 0 points;"), ([3.0], "No chart: 1 point;")])
def test_too_short_gives_no_chart_rather_than_an_error(values, says):
    chart = xmr(values)
    assert chart.mean is None and chart.upper_limit is None
    assert len(chart.points) == len(values)
    assert chart.summary.startswith(says)


def test_method_states_the_limits_rules_and_ties():
    chart = xmr([1, 2])
    for words in ("2.66", "7 points", "6 successive rises", "on the mean", "repeated value", "12", "plotthedots"):
        assert words in chart.method


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="polarity"):
        xmr([1, 2, 3], polarity="up")
    with pytest.raises(ValueError, match="labels"):
        xmr([1, 2, 3], labels=["a"])
    with pytest.raises(ValueError, match="baseline_points"):
        xmr([1, 2, 3], baseline_points=1)
    with pytest.raises(ValueError, match="finite"):
        xmr([1, float("nan"), 3])


def test_chart_marks_special_cause_points_and_draws_short_series():
    fig = xmr_chart(xmr([4, 3, 4, 3, 4, 3, 4, 6, 7, 6, 7, 6, 7, 6]), "Members with a scheme", "Members")
    [ax] = fig.axes
    labels = ax.get_legend_handles_labels()[1]
    assert ax.get_title() == "Members with a scheme"
    assert {"Special cause: improvement", "Special cause: concern", "Mean (5)", "Process limits"} <= set(labels)
    plt.close(fig)
    fig = xmr_chart(xmr([3.0]), "Too short", "Members")
    assert "Mean" not in " ".join(fig.axes[0].get_legend_handles_labels()[1])
    plt.close(fig)
