from datetime import date
from fractions import Fraction

from compact_analysis.targets import direction_of_travel, rag_against_trajectory, trajectory_value


def test_straight_line_trajectory():
    # From 0 on 1 Apr 2009 to 20 on 31 Mar 2010 (364 days); 30 Sep 2009 is 182 days in: 20 * 182/364 = 10.
    assert trajectory_value(0, date(2009, 4, 1), 20, date(2010, 3, 31), date(2009, 9, 30)) == Fraction(10)
    # 30 June is 90 days in: 20 * 90/364 = 450/91 (about 4.95).
    assert trajectory_value(0, date(2009, 4, 1), 20, date(2010, 3, 31), date(2009, 6, 30)) == Fraction(450, 91)
    assert trajectory_value(4, date(2009, 4, 1), 20, date(2010, 3, 31), date(2011, 1, 1)) == 20


def test_rag_thresholds():
    expected = Fraction(10)
    assert rag_against_trajectory(10, expected, 0.10).code == "green"
    assert rag_against_trajectory(9, expected, 0.10).code == "amber"  # 9 >= 10 * 0.9
    assert rag_against_trajectory(8, expected, 0.10).code == "red"  # 8 < 9
    assert rag_against_trajectory(None, expected, 0.10).code == "no-data"
    # Lower is better: 11 is within 10% above 10, 12 is not.
    assert rag_against_trajectory(11, expected, 0.10, "lower").code == "amber"
    assert rag_against_trajectory(12, expected, 0.10, "lower").code == "red"


def test_direction_respects_polarity():
    assert direction_of_travel(5, 3) == "improved"
    assert direction_of_travel(5, 3, "lower") == "worse"
    assert direction_of_travel(3, 3) == "no change"
    assert direction_of_travel(3, None) == "not comparable"
