from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.baseline import baseline_lists, derived_target, estimate_baseline, gap_closed
from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.plan.periods import parse_period
from tests.helpers import bare_register, baseline_answers, csv_observations


def test_worked_example_from_the_issue():
    e = estimate_baseline(18, 20, 12)
    assert (e.low, e.high) == (18, 30)  # [k, k+u] = [18, 18+12]
    assert e.point == Fraction(450, 19)  # 18 + 12*18/38 = 18 + 216/38 = (684+216)/38 = 900/38 = 450/19 = 23.684
    assert e.interval == (20, 27)  # the issue's worked example
    # m=1.5: 18 + 12*27/38 = 18 + 324/38 = 26.526; m=2: 18 + 12*36/38 = 18 + 432/38 = 29.368
    assert e.sensitivity[1.5] == Fraction(18) + Fraction(324, 38)
    assert round(float(e.sensitivity[1.5]), 1) == 26.5
    assert e.sensitivity[2.0] == Fraction(18) + Fraction(432, 38)
    assert round(float(e.sensitivity[2.0]), 1) == 29.4
    assert e.response_rate == Fraction(38, 50)  # 76% < 80%: warned
    assert e.warning is not None and "understate" in e.warning


def test_everyone_answered_has_no_spread_and_no_warning():
    e = estimate_baseline(10, 40, 0)
    assert e.point == 10 and e.interval == (10, 10) and (e.low, e.high) == (10, 10)
    assert e.warning is None  # 50/50 answered


def test_nobody_lacking_or_nobody_having():
    none_lack = estimate_baseline(0, 45, 5)
    assert none_lack.point == 0 and none_lack.interval[0] == 0  # 0 + 5*0/45
    assert none_lack.sensitivity[2.0] == 0  # min(1, 2*0) = 0
    all_lack = estimate_baseline(45, 0, 5)
    assert all_lack.point == 50  # 45 + 5*45/45
    assert all_lack.sensitivity[1.5] == 50  # min(1, 1.5) = 1 -> 45 + 5
    assert all_lack.interval[1] <= 50


def test_nobody_answered_is_undefined_and_says_so():
    e = estimate_baseline(0, 0, 50)
    assert e.point is None and e.interval is None
    assert (e.low, e.high) == (0, 50)
    assert "undefined: nobody answered" in e.method
    t = derived_target(e, Fraction(1, 2))
    assert t.value is None and (t.low, t.high) == (0, 25)


def test_derived_target_is_exact_and_rounds_up_from_the_point():
    e = estimate_baseline(18, 20, 12)
    t = derived_target(e, Fraction(1, 2))
    # 1/2 * 450/19 = 225/19 = 11.84 -> 12; range ceil(18/2)=9, ceil(30/2)=15
    assert t.unrounded == Fraction(225, 19) and t.value == 12 and (t.low, t.high) == (9, 15)
    assert t.interval == (10, 14)  # interval [20, 27]: ceil(20/2) = 10, ceil(27/2) = ceil(13.5) = 14
    assert "rounds up from the unrounded point estimate" in t.text
    # math.ceil(0.1 * 30) == 4 in floats; exactly, a tenth of 30 is 3
    assert derived_target(estimate_baseline(30, 0, 0), Fraction(1, 10)).value == 3


def test_lists_are_frozen_at_the_baseline_with_corrections_in_the_window(compact):
    ind = compact.indicator("apprenticeship-gap-closed")
    lists = baseline_lists(
        compact, ind, baseline_answers(), bare_register("A", "B", "C", "D", "E", "F"), date(2009, 6, 30)
    )
    # window: 30 June + 45 days = 14 August. D's correction (1 Aug) counts: D lacked one.
    # E's answer came 1 Sept, after the window: E is unanswered. F never answered.
    assert lists.lacking == ("A", "B", "D")
    assert lists.having == ("C",)
    assert lists.unanswered == ("E", "F")
    # Q3 end: A (yes in Q2) and D (yes in Q3) closed the gap; B still lacks one.
    assert gap_closed(ind, baseline_answers(), lists, date(2009, 12, 31)) == ("A", "D")
    assert gap_closed(ind, baseline_answers(), lists, date(2009, 9, 30)) == ("A",)
    # Given the members at the period end, one that has left (here D) counts no more: A alone.
    still = bare_register("A", "B", "C", "E", "F")
    assert gap_closed(ind, baseline_answers(), lists, date(2009, 12, 31), still) == ("A",)


def test_lep_lists_use_their_own_measure(compact):
    ind = next(i for p in compact.priorities for i in p.indicators if i.measure == "lep-agreement")
    lists = baseline_lists(compact, ind, baseline_answers(), bare_register("A", "B"), date(2009, 6, 30))
    assert lists.lacking == ("B",) and lists.having == () and lists.unanswered == ("A",)


# Nine members around the 30 June 2009 baseline (freeze 14 August: 30 June + 45 days), one of each case:
# A known gap closing; B known gap not closing; C had one; D not answered by the freeze, then a "no" for the
# baseline quarter on 1 September and a scheme in Q3; E not answered, first later answer "no" (Q2) then "yes"
# (Q3); F not answered, first later answer "yes" (cannot be dated); G known lacking, a scheme in Q2, left the
# Compact on 31 October; H not answered, then a "yes" for the baseline quarter on 15 September; I never answers.
GAP_CASES = """member_id,measure_id,period,period_end,value,value_number,submitted
A,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
B,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
C,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-10
G,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
D,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-09-01
H,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-09-15
A,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
E,apprenticeship-scheme,2009-10-Q2,2009-09-30,no,,2009-10-10
F,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
G,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
C,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
D,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
E,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
F,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
H,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
"""


def gap_register():
    members = bare_register(*"ABCDEFGHI")
    members.loc[members["member_id"] == "G", "left"] = date(2009, 10, 31)
    return members


def gap_result(framework, rows: str, period: str, as_at: date, indicator_id: str = "apprenticeship-gap-closed"):
    ev = evaluate_period(framework, csv_observations(rows), gap_register(), parse_period(period), as_at)
    return ev.result(indicator_id)


def test_the_frozen_baseline_and_its_target_range(compact):
    r = gap_result(compact, GAP_CASES, "2009-10-Q3", date(2010, 2, 14))
    base = r.baseline
    # By the freeze (14 August): A, B, G said no (k=3); C yes (h=1); D, E, F, H, I not answered (u=5).
    assert (base.lacking, base.having, base.unanswered) == (("A", "B", "G"), ("C",), ("D", "E", "F", "H", "I"))
    assert base.freeze == date(2009, 8, 14) and base.baseline_date == date(2009, 6, 30)
    # point 3 + 5*3/4 = 27/4 = 6.75; target ceil(27/8 = 3.375) = 4; bounds [3, 8] -> ceil(1.5)=2 .. ceil(4)=4
    assert base.estimate.point == Fraction(27, 4) and r.target_value == 4
    assert (base.target.low, base.target.high) == (2, 4)
    # Beta-binomial(5, 3.5, 1.5): P(x) = C(5,x) (3.5)_x (1.5)_(5-x) / (5)_5 with (5)_5 = 15120 (rising factorials).
    # P(0) = 324.84/15120 = 0.0215 < 0.025, P(0)+P(1) = 0.0898 -> 2.5% quantile 1; P(5) = 4222.97/15120 = 0.279,
    # so P(<=4) = 0.721 < 0.975 -> 97.5% quantile 5. Interval 3+1 .. 3+5 = 4 .. 8; halves rounded up 2 .. 4.
    assert base.estimate.interval == (4, 8) and base.target.interval == (2, 4)


def test_who_can_count_and_who_has_closed_the_gap(compact):
    q3 = gap_result(compact, GAP_CASES, "2009-10-Q3", date(2010, 2, 14))
    where = {m: p.value for m, (p, _) in q3.baseline.positions(date(2009, 12, 31)).items()}
    # D: "no" for the baseline quarter (late); E: first later answer "no"; F: first later answer "yes";
    # H: "yes" for the baseline quarter (late); I: no answer, so no position.
    assert where == {"D": "lacked", "E": "lacked", "F": "cannot-tell", "H": "had"}
    # Can count: the known A, B, G and the shown D, E: 5 (the estimate said 6.75 lacked one).
    assert q3.baseline.can_count(date(2009, 12, 31)) == ("A", "B", "D", "E", "G")
    # At 31 Dec, "yes": A, C, D, E, F, G, H. Of those who can count: A, D, E, G; G left on 31 October: 3.
    assert q3.value.members_counted == ("A", "D", "E") and q3.value.value == 3
    # Trajectory 0 -> 4 from 30 June 2009 to 31 March 2010 (274 days); 184 days gone: 4*184/274 = 368/137 = 2.69
    assert q3.expected == Fraction(368, 137) and q3.status.code == "green"


def test_at_q2_the_member_that_later_left_still_counts(compact):
    q2 = gap_result(compact, GAP_CASES, "2009-10-Q2", date(2009, 11, 14))
    # At 30 Sep: can count A, B, G (known), D (late "no" for Q1), E (Q2 "no"). "yes": A, F, G -> A and G.
    assert q2.baseline.can_count(date(2009, 9, 30)) == ("A", "B", "D", "E", "G")
    assert q2.value.members_counted == ("A", "G")


def test_the_pure_gap_closed_uses_the_same_rule(compact):
    ind = compact.indicator("apprenticeship-gap-closed")
    rows = csv_observations(GAP_CASES)
    lists = baseline_lists(compact, ind, rows, bare_register(*"ABCDEFGHI"), date(2009, 6, 30))
    # No membership here (every member deemed throughout): A, D, E, G closed by 31 Dec; F and H never count.
    assert gap_closed(ind, rows, lists, date(2009, 12, 31)) == ("A", "D", "E", "G")


def test_priority_5_follows_the_same_rule(compact):
    lep = GAP_CASES.replace("apprenticeship-scheme", "lep-agreement")
    r = gap_result(compact, lep, "2009-10-Q3", date(2010, 2, 14), "lep-gap-closed")
    # The same answers for the LEP measure: the same lists, target and count as the apprenticeship case.
    assert r.baseline.lacking == ("A", "B", "G") and r.target_value == 4
    assert r.value.members_counted == ("A", "D", "E")
