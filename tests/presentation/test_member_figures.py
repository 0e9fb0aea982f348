"""A member's own part in a figure on its scorecard (issue #21): the same returns as the partnership's figure."""

from __future__ import annotations

from compact_analysis.plan.framework import load_framework
from compact_analysis.presentation.member_figures import member_figure
from compact_analysis.presentation.scorecard import member_position
from tests.helpers import ROOT, evaluate_rows, observations, register

FIGURES = load_framework(ROOT / "tests" / "data" / "frameworks" / "figures.yaml")
ROWS = """
A,job-entries,2009-10-Q4,2010-03-31,25,,2010-04-10
A,job-entries,2009-10,2010-03-31,100,,2010-04-20
A,learners-qualified,2009-10-Q4,2010-03-31,3,,2010-04-10
A,learners-assessed,2009-10-Q4,2010-03-31,4,,2010-04-10
"""


def _result(evaluation, indicator_id):
    return next(r for r in evaluation.results if r.indicator.id == indicator_id)


def test_a_members_quarterly_figure_is_its_quarter_not_its_quarter_plus_its_outturn():
    evaluation = evaluate_rows(FIGURES, ROWS, register("A", "B"), "2009-10-Q4")
    obs = observations(ROWS)
    # Q4: A's quarterly return 25; its outturn of 100 ending the same day is not added (125).
    assert member_figure(evaluation, _result(evaluation, "job-entries-quarter"), obs, "A")[0] == "25"
    # A's own rate: 100 × 3 / 4 = 75%.
    value, counts, how = member_figure(evaluation, _result(evaluation, "qualified-rate"), obs, "A")
    assert (value, counts[1]) == ("75%", "In the total") and "numerator and denominator" in how
    assert member_figure(evaluation, _result(evaluation, "qualified-rate"), obs, "B")[0] == "no return"


def test_the_scorecard_lists_members_figures_and_leaves_out_only_the_partnerships_own():
    evaluation = evaluate_rows(FIGURES, ROWS, register("A", "B"), "2009-10-Q4")
    shown = member_position(evaluation, observations(ROWS), "A")
    # Every indicator but the partnership's own programme spend; the running total is A's 100 (2009-10 outturn).
    assert list(shown["Indicator"]) == [
        "Learners qualified, of those assessed",
        "Learners qualified per 1,000 assessed",
        "Mean attendance rate",
        "Job entries since April 2009",
        "Job entries in the quarter",
    ]
    assert shown.set_index("Indicator").loc["Job entries since April 2009", "Value"] == "100 jobs"
