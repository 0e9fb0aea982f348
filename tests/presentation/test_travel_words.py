"""A running total's direction in words: this period's step against the previous period's (worked by hand)."""

from compact_analysis.evaluation.evaluate import IndicatorResult
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.status import Direction, Status
from compact_analysis.plan.framework import Indicator
from compact_analysis.presentation.travel_words import compared_with, step_change


def _result(aggregate: str, now: float, previous: float, before: float | None) -> IndicatorResult:
    indicator = Indicator.model_construct(id="jobs", name="Job entries", aggregate=aggregate, polarity="higher")
    return IndicatorResult(
        priority_id="P1",
        indicator=indicator,
        value=IndicatorValue("jobs", now, (), ("PARTNERSHIP",), (), 1),
        target=None,
        target_value=None,
        expected=None,
        status=Status("monitored", "Monitored", "no target"),
        previous_value=previous,
        direction=Direction.WORSE,
        recent=(("2011-12", before, None), ("2012-13", previous, None)),
    )


def test_a_running_total_says_its_step_against_the_previous_step():
    # Totals 1,000 (2011-12), 2,500 (2012-13), 3,700 now: rose by 1,200 against a rise of 1,500 in 2012-13.
    result = _result("cumulative-sum", 3700, 2500, 1000)
    assert step_change(result) == "rose by 1,200 this period, against a rise of 1,500 in 2012-13"
    assert compared_with(result)[0] == ", comparing this period's increase with the previous period's"
    # Without the figure two periods back there is no step to compare: nothing said.
    assert step_change(_result("cumulative-sum", 3700, 2500, None)) == ""


def test_other_figures_keep_their_own_words():
    result = _result("sum", 3700, 2500, 1000)
    assert step_change(result) == ""
    assert compared_with(result) == (" against the previous period", "against the same period a year earlier")
