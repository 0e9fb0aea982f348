"""Direction of travel by cadence: a monthly figure's direction follows its XmR chart (worked by hand)."""

from datetime import date

from compact_analysis.evaluation.direction import direction_by_cadence
from compact_analysis.evaluation.earlier import earlier_evaluation
from compact_analysis.evaluation.spc import xmr
from compact_analysis.evaluation.status import Direction
from compact_analysis.plan.periods import parse_period
from tests.helpers import P1_ROWS, observations, register


def test_a_change_within_common_cause_variation_is_no_significant_change():
    # 5, 10, 12, 8: mean 8.75, moving ranges 5, 2, 4 (average 11/3), limits 8.75 ± 9.75 = -1.0 .. 18.5.
    # 8 is inside, and 4 points make no run of 7: common cause. Down from 12, but not significantly.
    chart = xmr([5, 10, 12, 8], polarity="higher")
    assert direction_by_cadence(Direction.WORSE, chart) == Direction.NO_SIGNIFICANT_CHANGE
    assert direction_by_cadence(Direction.IMPROVED, chart) == Direction.NO_SIGNIFICANT_CHANGE


def test_a_special_cause_sets_the_direction_even_against_the_last_step():
    # Ten 50s, then 0, then 1: mean 501/12 = 41.75; moving ranges nine 0s, 50, 1: average 51/11 = 4.64;
    # lower limit 41.75 - 2.66 x 4.64 = 29.42. The last point, 1, is below it: special cause concern, so
    # the direction is worse although 1 is up from 0.
    chart = xmr([50] * 10 + [0, 1], polarity="higher")
    assert chart.points["signal"].iloc[-1] == "below lower limit"
    assert direction_by_cadence(Direction.IMPROVED, chart) == Direction.WORSE
    # Where lower is better the same point is a special cause improvement.
    assert direction_by_cadence(Direction.WORSE, xmr([50] * 10 + [0, 1], polarity="lower")) == Direction.IMPROVED
    # A neutral figure has no better or worse: the plain direction stays.
    assert direction_by_cadence(Direction.IMPROVED, xmr([50] * 10 + [0, 1], polarity="neutral")) == "improved"


def test_without_a_chart_or_a_change_the_plain_direction_stays():
    assert direction_by_cadence(Direction.WORSE, None) == Direction.WORSE
    assert direction_by_cadence(Direction.WORSE, xmr([5])) == Direction.WORSE  # one point: no chart
    chart = xmr([5, 10, 12, 8])
    assert direction_by_cadence(Direction.NO_CHANGE, chart) == Direction.NO_CHANGE
    assert direction_by_cadence(Direction.NOT_COMPARABLE, chart) == Direction.NOT_COMPARABLE


def test_the_period_before_the_first_of_a_year_is_last_years_when_it_has_figures(compact):
    q1, as_at = parse_period("2009-10-Q1"), date(2009, 8, 14)
    # C committed to the Pledge in 2008-09-Q2, so 2008-09-Q4 (latest state at 31 March 2009) has a figure.
    before = earlier_evaluation(compact, observations(P1_ROWS), register(*"ABCDE"), q1, as_at)
    assert before is not None and before.period.name == "2008-09-Q4"
    assert before.result("pledge-committed").value.value == 1
    # Without that row nobody had returned anything for a period ending by 31 March 2009: nothing to compare.
    this_year = "\n".join(line for line in P1_ROWS.strip().splitlines() if "2008-09" not in line)
    assert earlier_evaluation(compact, observations(this_year), register(*"ABCDE"), q1, as_at) is None
