from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.baseline import baseline_lists, derived_target, estimate_baseline, gap_closed
from tests.helpers import bare_register, baseline_answers


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
