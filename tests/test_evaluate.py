from datetime import date
from fractions import Fraction

from compact_analysis.evaluate import _gap_result, evaluate_period
from compact_analysis.periods import parse_period
from tests.test_baseline import _obs, _register


def test_gap_indicator_counts_members_that_closed_the_gap(compact):
    register = _register("A", "B", "C", "D", "E", "F")
    ev = evaluate_period(compact, _obs(), register, parse_period("2009-10-Q3"), date(2010, 2, 14))
    r = ev.result("apprenticeship-gap-closed")
    # Baseline 30 June 2009: lacking A, B, D (k=3); having C (h=1); unanswered E, F (u=2).
    assert (r.baseline.lacking, r.baseline.having, r.baseline.unanswered) == (("A", "B", "D"), ("C",), ("E", "F"))
    # point 3 + 2*3/4 = 9/2; target ceil(1/2 * 9/2) = ceil(9/4) = 3; range ceil(3/2)=2 .. ceil(5/2)=3
    assert r.baseline.estimate.point == Fraction(9, 2)
    assert r.target_value == 3 and (r.baseline.target.low, r.baseline.target.high) == (2, 3)
    # By 31 Dec: A (yes in Q2) and D (yes in Q3) have a scheme now.
    assert r.value.value == 2 and r.value.members_counted == ("A", "D")
    # Trajectory 0 -> 3 over 274 days (30 Jun 2009 - 31 Mar 2010); 184 days gone: 3*184/274 = 276/137 = 2.01
    assert r.expected == Fraction(276, 137)
    assert r.status.code == "amber"  # 2 is behind 2.01 by under 10%
    assert ev.table().set_index("indicator_id").loc["apprenticeship-gap-closed", "target"] == 3


def test_nobody_answered_by_the_baseline_gives_no_target(compact):
    # As at 1 May 2009 nothing had been submitted: k = h = 0, so the point and the target are undefined.
    ev = evaluate_period(compact, _obs(), _register("A", "B"), parse_period("2009-10-Q1"), date(2009, 5, 1))
    r = ev.result("apprenticeship-gap-closed")
    assert r.status.code == "no-data" and r.target_value is None
    assert r.baseline.estimate.point is None and r.baseline.unanswered == ("A", "B")


def test_before_the_baseline_date_the_baseline_is_not_yet_set(compact):
    ind = compact.indicator("apprenticeship-gap-closed")
    target = ind.targets[0]
    r = _gap_result(compact, "P3", ind, target, _obs(), _register("A"), _register("A"), date(2009, 5, 31))
    assert r.status.code == "no-data" and r.status.label == "Baseline not yet set"
    assert r.value.value is None and r.baseline is None
