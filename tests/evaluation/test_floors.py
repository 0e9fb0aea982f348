"""Floors and year-end targets compare numbers as the plan and the return wrote them, exactly."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.floors import met_or_not
from compact_analysis.evaluation.status import StatusCode
from compact_analysis.evaluation.year_end import year_end_status
from compact_analysis.plan.framework import Indicator
from compact_analysis.plan.trajectory import exact, steps_value

RATE = Indicator(id="rate", name="Rate", measure="m", aggregate="sum", unit="%", owner="o", source="s")


def test_a_decimal_is_the_number_written_not_the_nearest_double():
    # Fraction(2.3) is 2589569785738035/1125899906842624, a shade under 23/10; exact() reads it as written.
    assert exact(2.3) == Fraction(23, 10) and exact(7) == 7 and exact(Fraction(1, 3)) == Fraction(1, 3)
    assert steps_value([(date(2020, 3, 31), 2.3)], date(2020, 4, 1)) == Fraction(23, 10)


def test_a_figure_exactly_on_a_decimal_floor_meets_it():
    # 2.3% returned against a 2.3% floor: exactly at it, met (with binary doubles it would be a hair apart).
    met, words = met_or_not(RATE, 2.3, exact(2.3), "floor", at_most=False)
    assert met and words == "2.3%, exactly at the floor of 2.3%"
    # And at the year end: 0.3 against a target of 0.3 is achieved, exactly met.
    assert year_end_status(0.3, 0.3, date(2021, 3, 31)).code == StatusCode.ACHIEVED
