"""Figures (issue #21): rate, mean, the partnership's value, running totals and sums, each worked by hand.

The framework is tests/data/frameworks/figures.yaml (two years, 2009-10 and 2010-11, annual and quarterly).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.evaluation.indicators import indicator_value
from compact_analysis.plan.framework import load_framework
from tests.helpers import P1_ROWS, P2_ROWS, ROOT, evaluate_rows, observations, register

Q1 = (date(2009, 4, 1), date(2009, 6, 30))
Q4 = (date(2010, 1, 1), date(2010, 3, 31))


@pytest.fixture(scope="module")
def figures():
    return load_framework(ROOT / "tests" / "data" / "frameworks" / "figures.yaml")


def _members(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"member_id": list(ids)})


RATE_ROWS = """
A,learners-qualified,2009-10-Q1,2009-06-30,8,,2009-07-10
A,learners-assessed,2009-10-Q1,2009-06-30,10,,2009-07-10
B,learners-qualified,2009-10-Q1,2009-06-30,3,,2009-07-10
B,learners-assessed,2009-10-Q1,2009-06-30,5,,2009-07-10
C,learners-qualified,2009-10-Q1,2009-06-30,9,,2009-07-10
C,learners-assessed,2009-10-Q1,2009-06-30,15,,2009-07-10
D,learners-assessed,2009-10-Q1,2009-06-30,10,,2009-07-10
"""


def test_a_rate_of_three_returns_leaves_out_a_member_that_returned_one_figure(figures):
    obs, members = observations(RATE_ROWS), _members("A", "B", "C", "D", "E")
    rate = indicator_value(figures, figures.indicator("qualified-rate"), obs, members, *Q1)
    # A, B and C returned both: 100 × (8 + 3 + 9) / (10 + 5 + 15) = 100 × 20/30 = 66.67. D returned only the
    # denominator (10), so it is left out rather than read as 0 qualified; E returned nothing.
    assert rate.value == pytest.approx(200 / 3)
    assert rate.members_returned == ("A", "B", "C") and rate.members_without_return == ("D", "E")
    assert rate.kind == "rate" and "1 member returned only one of the two" in rate.note
    per_1000 = indicator_value(figures, figures.indicator("qualified-per-1000"), obs, members, *Q1)
    assert per_1000.value == pytest.approx(2000 / 3)  # 1000 × 20/30


def test_a_rate_over_a_denominator_of_zero_is_no_figure(figures):
    obs = observations(
        "A,learners-qualified,2009-10-Q1,2009-06-30,0,,2009-07-10\nA,learners-assessed,2009-10-Q1,2009-06-30,0,,2009-07-10"
    )
    rate = indicator_value(figures, figures.indicator("qualified-rate"), obs, _members("A"), *Q1)
    assert rate.value is None and "denominator is 0" in rate.note  # 0/0 is not 0%


def test_a_mean_is_of_the_members_who_returned_never_a_zero_for_the_rest(figures):
    obs = observations("""
A,attendance,2009-10-Q1,2009-06-30,90.0,,2009-07-10
B,attendance,2009-10-Q1,2009-06-30,92.5,,2009-07-10
C,attendance,2009-10-Q1,2009-06-30,95.0,,2009-07-10
""")
    mean = indicator_value(figures, figures.indicator("mean-attendance"), obs, _members("A", "B", "C", "D"), *Q1)
    # (90.0 + 92.5 + 95.0) / 3 = 277.5 / 3 = 92.5; D did not return, so it is not averaged in as 0 (which gives 69.4).
    assert mean.value == 92.5 and mean.members_without_return == ("D",) and mean.kind == "mean"


OUTTURN_AND_Q4 = """
A,job-entries,2009-10-Q4,2010-03-31,25,,2010-04-10
A,job-entries,2009-10,2010-03-31,100,,2010-04-20
B,job-entries,2009-10,2010-03-31,50,,2010-04-20
"""


def test_an_annual_outturn_and_the_fourth_quarter_on_the_same_day_are_not_added(figures):
    obs, members = observations(OUTTURN_AND_Q4), _members("A", "B")
    quarter = indicator_value(figures, figures.indicator("job-entries-quarter"), obs, members, *Q4)
    # The quarterly indicator reads only A's Q4 return (25), not 25 + 100 + 50 = 175; the two annual returns
    # ending the same day are not read by it and are counted for the data note.
    assert (quarter.value, quarter.not_read) == (25, 2)
    # At the baseline date alone (start = end = 31 March 2010), as a trajectory's baseline reads it: still 25.
    day = indicator_value(figures, figures.indicator("job-entries-quarter"), obs, members, Q4[1], Q4[1])
    assert day.value == 25


def test_a_running_total_crosses_years_and_falls_back_to_quarters_in_a_year_without_an_outturn(figures):
    obs = observations(
        OUTTURN_AND_Q4
        + """A,job-entries,2010-11-Q1,2010-06-30,20,2010-07-10
A,job-entries,2010-11-Q2,2010-09-30,30,,2010-10-10
B,job-entries,2010-11-Q2,2010-09-30,7,,2010-10-10
"""
    )
    total = indicator_value(
        figures, figures.indicator("job-entries-total"), obs, _members("A", "B"), date(2010, 7, 1), date(2010, 9, 30)
    )
    # Annual indicator, running from 1 April 2009 to 30 September 2010:
    # 2009-10: A's outturn 100 (its Q4 return of 25 not read: the year has an outturn) + B's outturn 50;
    # 2010-11: no outturn yet, so each member's quarterly returns: A 20 + 30, B 7.
    # 100 + 50 + 20 + 30 + 7 = 207.
    assert total.value == 207 and total.not_read == 1 and total.kind == "cumulative-sum"
    assert total.note == (
        "running total from 1 April 2009; 2 member-years with no annual return read as the sum of quarterly returns"
    )


def test_the_partnerships_value_is_its_figure_for_exactly_the_period(figures):
    obs = observations("""
PARTNERSHIP,programme-spend,2009-10-Q1,2009-06-30,1234.56,,2009-07-10
PARTNERSHIP,programme-spend,2009-10-Q4,2010-03-31,900,,2010-04-10
PARTNERSHIP,programme-spend,2009-10,2010-03-31,5000,,2010-04-10
""")
    spend = figures.indicator("spend")
    q1 = indicator_value(figures, spend, obs, _members("A"), *Q1)
    assert (q1.value, q1.members_returned, q1.kind) == (1234.56, ("PARTNERSHIP",), "value")
    # Q4: the quarter's own figure (900), not the year's outturn (5000) that ends the same day.
    assert indicator_value(figures, spend, obs, _members("A"), *Q4).value == 900
    # Q2: nothing returned for exactly that quarter; Q1's figure is not carried forward.
    q2 = indicator_value(figures, spend, obs, _members("A"), date(2009, 7, 1), date(2009, 9, 30))
    assert q2.value is None and q2.shown is None


def test_without_period_names_every_return_is_read_as_before(figures):
    obs = observations(OUTTURN_AND_Q4).drop(columns=["period"])
    quarter = indicator_value(figures, figures.indicator("job-entries-quarter"), obs, _members("A", "B"), *Q4)
    assert (quarter.value, quarter.not_read) == (175, 0)  # 25 + 100 + 50: no cadence can be told


def test_counts_are_of_kind_count_and_monthly_sums_still_sum_their_months(compact):
    evaluation = evaluate_rows(compact, P1_ROWS + P2_ROWS, register(*"ABCDE"), "2009-10-Q2")
    by_id = {r.indicator.id: r.value for r in evaluation.results}
    assert by_id["pledge-committed"].kind == "count" and by_id["sfl-test-event"].kind == "count"
    # sfl-participants is monthly: July 10 + August 12 + September 8 = 30 (June's 5 is in Q1), as before.
    assert (by_id["sfl-participants"].kind, by_id["sfl-participants"].value) == ("sum", 30)


def test_a_period_of_the_figures_framework_evaluates_with_every_kind(figures):
    evaluation = evaluate_rows(figures, RATE_ROWS + OUTTURN_AND_Q4, register("A", "B", "C", "D"), "2009-10-Q1")
    kinds = {r.indicator.id: r.value.kind for r in evaluation.results}
    assert kinds == {
        "qualified-rate": "rate",
        "qualified-per-1000": "rate",
        "mean-attendance": "mean",
        "spend": "value",
        "job-entries-total": "cumulative-sum",
        "job-entries-quarter": "sum",
    }


QUARTER_AND_MONTHS = """
A,job-entries,2009-10-Q4,2010-03-31,25,,2010-04-10
A,job-entries,2009-10-M12,2010-03-31,9,,2010-04-10
B,job-entries,2009-10-M10,2010-01-31,4,,2010-02-10
B,job-entries,2009-10-M11,2010-02-28,5,,2010-03-10
B,job-entries,2009-10-M12,2010-03-31,6,,2010-04-10
"""


def test_a_quarterly_figure_falls_back_to_a_members_months_only_where_it_has_no_quarterly_return(figures):
    obs, members = observations(QUARTER_AND_MONTHS), _members("A", "B")
    quarter = indicator_value(figures, figures.indicator("job-entries-quarter"), obs, members, *Q4)
    # A returned the quarter (25): its March return (9) is not read. B returned only months: 4 + 5 + 6 = 15.
    # 25 + 15 = 40, one month not read, and the note says one member-quarter was read from its months.
    assert (quarter.value, quarter.not_read) == (40, 1)
    assert quarter.note == "1 member-quarter with no quarterly return read as the sum of monthly returns"
