"""Direction of travel by cadence: a monthly figure's direction follows its XmR chart (worked by hand)."""

from datetime import date

from compact_analysis.evaluation.direction import direction_by_cadence, direction_polarity, travel
from compact_analysis.evaluation.earlier import earlier_evaluation
from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.spc import xmr
from compact_analysis.evaluation.status import Direction
from compact_analysis.evaluation.targets import direction_of_travel
from compact_analysis.plan.framework import Indicator, load_framework
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS, P1_ROWS, observations, register


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


def test_the_period_before_is_judged_by_the_runs_rule_and_taken_from_evaluations_already_made(compact):
    q1, as_at = parse_period("2009-10-Q1"), date(2009, 8, 14)
    obs, members = observations(P1_ROWS), register(*"ABCDE")
    before = earlier_evaluation(compact, obs, members, q1, as_at, rule="uk-council")
    assert before.rule == "uk-council"  # compared with this period's statuses by the same rule
    # Given the period already evaluated (a multi-year plan's earlier years), that very evaluation is used.
    made = evaluate_period(compact, obs, members, parse_period("2008-09-Q4"), as_at)
    assert earlier_evaluation(compact, obs, members, q1, as_at, known=(made,)) is made


def test_an_information_only_figure_goes_up_or_down_never_better_or_worse():
    assert direction_of_travel(12, 8, "none") == Direction.UP
    assert direction_of_travel(3, 8, "none") == Direction.DOWN
    assert direction_of_travel(8, 8, "none") == Direction.NO_CHANGE
    assert direction_of_travel(None, 8, "none") == Direction.NOT_COMPARABLE
    # With a polarity the same moves are better or worse, as before.
    assert (direction_of_travel(12, 8, "higher"), direction_of_travel(12, 8, "lower")) == ("improved", "worse")


def test_which_figures_are_information_only():
    small = load_framework(FRAMEWORKS / "small-test.yaml")
    # "hours": no target and no polarity in the file: information only (the default "higher" is nobody's choice).
    assert direction_polarity(small.indicator("hours")) == "none"
    # "at-bronze" has a target: higher is better (the default) stands.
    assert direction_polarity(small.indicator("at-bronze")) == "higher"
    # The Compact's Skills for Life participation has no target but says polarity: higher, so it keeps it.
    assert direction_polarity(load_framework(FRAMEWORKS / "compact-2009-10.yaml").indicator("sfl-participants")) == (
        "higher"
    )
    # polarity: none (issue 21's framework language) is information only whatever the targets.
    declared = Indicator.model_construct(polarity="none", targets=[], aggregate="sum")
    assert direction_polarity(declared) == "none"


def test_a_running_total_compares_this_periods_step_with_the_last():
    # Totals 10, 25, 45: steps 15 then 20, a bigger step: improved, although "worse" is never said of a rise
    # as such. Totals 10, 25, 30: steps 15 then 5: worse, though the total rose.
    assert travel(45, 25, 10, "higher", cumulative=True) == Direction.IMPROVED
    assert travel(30, 25, 10, "higher", cumulative=True) == Direction.WORSE
    assert travel(40, 25, 10, "higher", cumulative=True) == Direction.NO_CHANGE  # 15 and 15
    assert travel(30, 25, 10, "none", cumulative=True) == Direction.DOWN  # the step fell from 15 to 5
    assert travel(30, 25, None, "higher", cumulative=True) == Direction.NOT_COMPARABLE
    # Not a running total: the values themselves, 30 against 25.
    assert travel(30, 25, 10, "higher", cumulative=False) == Direction.IMPROVED


def test_an_information_only_sum_says_up_in_a_paper():
    small = load_framework(FRAMEWORKS / "small-test.yaml")
    rows = """
A,hours,2009-10-Q1,2009-06-30,10,,2009-07-10
A,hours,2009-10-Q2,2009-09-30,14,,2009-10-10
A,ladder-level,2009-10-Q1,2009-06-30,bronze,,2009-07-10
A,ladder-level,2009-10-Q2,2009-09-30,bronze,,2009-10-10
"""
    q2 = parse_period("2009-10-Q2")
    ev = evaluate_period(small, observations(rows), register(*"ABCD"), q2, date(2009, 10, 31))
    # Hours 10 then 14: up (information only), not "improved"; the member count is unchanged at 1.
    assert ev.result("hours").direction == Direction.UP
    assert ev.result("at-bronze").direction == Direction.NO_CHANGE
