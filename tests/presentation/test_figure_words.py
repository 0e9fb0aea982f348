"""A figure's words (issue #21): each kind said as what it is, and the data note on returns of another cadence."""

from __future__ import annotations

from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.plan.framework import load_framework
from compact_analysis.presentation.figure_words import figure_clause, figure_number, not_read_sentence
from tests.helpers import ROOT

FIGURES = load_framework(ROOT / "tests" / "data" / "frameworks" / "figures.yaml")


def _value(kind: str, value: float | None, returned: tuple[str, ...], note: str = "") -> IndicatorValue:
    return IndicatorValue("x", value, returned, returned, tuple(m for m in "ABCD" if m not in returned), 4, kind, note)


def test_numbers_keep_up_to_two_places_and_a_percent_sign():
    assert figure_number(200 / 3, "%") == "66.67%"  # 66.666... to two places
    assert figure_number(1234.56, "pounds") == "1,234.56 pounds"
    assert figure_number(62.50, "%") == "62.5%"  # the trailing zero dropped
    assert figure_number(207.0, "jobs") == "207 jobs"


def test_each_kind_is_said_as_what_it_is():
    when = "30 June 2009"
    rate = figure_clause(FIGURES.indicator("qualified-rate"), _value("rate", 200 / 3, ("A", "B", "C")), when)
    assert rate == (
        "Learners qualified, of those assessed: 66.67% in the period to 30 June 2009 "
        "(3 of 4 members returned both figures)"
    )
    mean = figure_clause(FIGURES.indicator("mean-attendance"), _value("mean", 92.5, ("A", "B", "C")), when)
    assert (
        mean
        == "Mean attendance rate: 92.5% on average in the period to 30 June 2009 (the mean of 3 members' returns, 1 did not return)"
    )
    spend = figure_clause(FIGURES.indicator("spend"), _value("value", 900.0, ("PARTNERSHIP",)), when)
    assert "900 pounds for the period to 30 June 2009 (the partnership's own figure)" in spend
    total = _value("cumulative-sum", 207.0, ("A", "B"), "running total from 1 April 2009")
    assert figure_clause(FIGURES.indicator("job-entries-total"), total, when) == (
        "Job entries since April 2009: 207 jobs in all to 30 June 2009 (2 of 4 members returned; running total from 1 April 2009)"
    )
    assert "no figure" in figure_clause(FIGURES.indicator("qualified-rate"), _value("rate", None, ("A",)), when)


def test_the_data_note_names_each_indicator_that_left_returns_unread():
    assert not_read_sentence([]) == ""
    text = not_read_sentence([("Job entries in the quarter", 2), ("Job entries since April 2009", 1)])
    assert text.endswith("2 returns by Job entries in the quarter, 1 return by Job entries since April 2009.")
