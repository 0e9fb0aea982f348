from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.errors import InputError
from compact_analysis.evaluation.targets import (
    Status,
    direction_of_travel,
    find_override,
    load_overrides,
    open_sdg_progress,
    overridden,
    rag_against_trajectory,
    rag_uk_council,
)
from compact_analysis.plan.trajectory import profile_value, trajectory_value


def test_straight_line_trajectory():
    # From 0 on 1 Apr 2009 to 20 on 31 Mar 2010 (364 days); 30 Sep 2009 is 182 days in: 20 * 182/364 = 10.
    assert trajectory_value(0, date(2009, 4, 1), 20, date(2010, 3, 31), date(2009, 9, 30)) == Fraction(10)
    # 30 June is 90 days in: 20 * 90/364 = 450/91 (about 4.95).
    assert trajectory_value(0, date(2009, 4, 1), 20, date(2010, 3, 31), date(2009, 6, 30)) == Fraction(450, 91)
    assert trajectory_value(4, date(2009, 4, 1), 20, date(2010, 3, 31), date(2011, 1, 1)) == 20


def test_profile_trajectory():
    profile = [(date(2009, 4, 1), Fraction(0)), (date(2009, 9, 30), Fraction(4)), (date(2010, 3, 31), Fraction(20))]
    # Halfway from 30 Sep (4) to 31 Mar (20) by days: 30 Sep + 91 days = 30 Dec: 4 + 16 * 91/182 = 12.
    assert profile_value(profile, date(2009, 12, 30)) == 12
    assert profile_value(profile, date(2009, 1, 1)) == 0 and profile_value(profile, date(2011, 1, 1)) == 20


def test_rag_thresholds():
    expected = Fraction(10)
    assert rag_against_trajectory(10, expected, 0.10).code == "green"
    assert rag_against_trajectory(9, expected, 0.10).code == "amber"  # 9 >= 10 * 0.9
    assert rag_against_trajectory(8, expected, 0.10).code == "red"  # 8 < 9
    assert rag_against_trajectory(None, expected, 0.10).code == "no-data"
    # Lower is better: 11 is within 10% above 10, 12 is not.
    assert rag_against_trajectory(11, expected, 0.10, "lower").code == "amber"
    assert rag_against_trajectory(12, expected, 0.10, "lower").code == "red"


def test_every_status_is_explained():
    status = rag_against_trajectory(9, Fraction(10), 0.10)
    text = status.explain()
    assert "Amber" in text and "trajectory" in text and "10%" in text and "expected on trajectory = 10" in text


def test_uk_council_rule():
    target = Fraction(10)
    # 9.5 is within 10% of 10 (>= 9): green
    assert rag_uk_council(9.5, target, None).code == "green"
    # 8 is more than 10% off; a year earlier 6: improved, so amber
    assert rag_uk_council(8, target, 6).code == "amber"
    # 8 against 8 a year earlier: not improved, red; no year-earlier value: red, and said so
    assert rag_uk_council(8, target, 8).code == "red"
    red = rag_uk_council(8, target, None)
    assert red.code == "red" and "no value a year earlier" in red.reason
    # lower is better: 10.5 is within 10% above 10; 12 against 13 a year earlier improved
    assert rag_uk_council(10.5, target, None, "lower").code == "green"
    assert rag_uk_council(12, target, 13, "lower").code == "amber"


def test_open_sdg_linear_rate_for_counts_starting_at_zero():
    start, due, at = date(2009, 4, 1), date(2010, 3, 31), date(2009, 9, 30)
    # required by 30 Sep: 20 * 182/364 = 10. Ratios: 10/10 = 1.0, 7/10 = 0.7, 5/10 = 0.5, 6/10 exactly 0.60.
    assert open_sdg_progress(0, start, 10, at, 20, due).code == "on-track"
    assert open_sdg_progress(0, start, 7, at, 20, due).code == "needs-acceleration"
    assert open_sdg_progress(0, start, 6, at, 20, due).code == "needs-acceleration"
    assert open_sdg_progress(0, start, 5, at, 20, due).code == "limited-progress"
    assert open_sdg_progress(0, start, 20, at, 20, due).code == "target-achieved"
    assert open_sdg_progress(0, start, None, at, 20, due).code == "not-available"
    thin = open_sdg_progress(0, start, 3, start, 20, due)
    assert thin.code == "not-available" and "no time has passed" in thin.reason
    assert "linear" in open_sdg_progress(0, start, 10, at, 20, due).inputs["method"]


def test_open_sdg_growth_rates():
    start, at, due = date(2008, 4, 1), date(2009, 4, 1), date(2010, 4, 1)  # 365 and 730 days
    # required: 2^(365.25/730) - 1 = 1.41421 * 1.000237 - 1 = 0.41455
    # 14: 1.4^(365.25/365) - 1 = 1.4 * 1.000230 - 1 = 0.40032; ratio 0.966 -> on track
    assert open_sdg_progress(10, start, 14, at, 20, due).code == "on-track"
    # 12: 1.2 * 1.000125 - 1 = 0.20015; ratio 0.483 -> limited progress
    assert open_sdg_progress(10, start, 12, at, 20, due).code == "limited-progress"
    # 9: 0.9 * 0.999928 - 1 = -0.10006; ratio -0.241 -> deterioration
    assert open_sdg_progress(10, start, 9, at, 20, due).code == "deterioration"
    assert open_sdg_progress(10, start, 14, at, 20, due).inputs["ratio"] == pytest.approx(0.966, abs=0.001)


def test_direction_respects_polarity():
    assert direction_of_travel(5, 3) == "improved"
    assert direction_of_travel(5, 3, "lower") == "worse"
    assert direction_of_travel(3, 3) == "no change"
    assert direction_of_travel(3, None) == "not comparable"


def test_overrides_need_a_reason_and_keep_the_computed_status(tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text(
        "indicator_id,period,status,label,reason,by,date\n"
        "pledge-committed,2009-10-Q2,amber,Amber: agreed by the board,Four signatures are due in October,A. Analyst,2009-11-01\n",
        encoding="utf-8",
    )
    (override,) = load_overrides(path)
    assert find_override((override,), "pledge-committed", "2009-10-Q2", date(2009, 10, 31)) is None  # not yet made
    assert find_override((override,), "pledge-committed", "2009-10-Q2", date(2009, 11, 14)) == override
    shown = overridden(Status("red", "Red: off track", "5 is behind 10"), override)
    assert shown.code == "amber" and "Four signatures" in shown.reason
    assert shown.inputs["computed status"] == "Red: off track"
    path.write_text(
        "indicator_id,period,status,label,reason,by,date\npledge-committed,2009-10-Q2,green,,,A. Analyst,2009-11-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="row 2, column reason"):
        load_overrides(path)
    assert load_overrides(tmp_path / "absent.csv") == ()
