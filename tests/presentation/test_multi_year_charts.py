"""A multi-year plan's chart axes (issue #21 item 2): ticks across the years, and a y axis that shows the steps."""

from __future__ import annotations

from datetime import date

import pytest

from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation.chart_ticks import chart_ticks
from compact_analysis.presentation.charts import y_limits
from tests.helpers import FRAMEWORKS, ROOT


def test_a_figure_far_from_zero_gets_an_axis_around_its_values():
    # 2,737 to 2,820: spread 83, less than the lowest value, so 10% of it either side: 2,728.7 to 2,828.3.
    assert y_limits([2820.0, 2737.0, 2771.0], from_zero=False) == pytest.approx((2728.7, 2828.3))
    # 1.9 to 4.5: spread 2.6 is more than the lowest value 1.9, so the axis still starts at 0 (to 4.5 + 0.45).
    assert y_limits([1.9, 4.5], from_zero=False) == pytest.approx((0.0, 4.95))
    # A count of members keeps its axis from 0 whatever the values: 0 to 2,820 + 282.
    assert y_limits([2820.0, 2737.0]) == pytest.approx((0.0, 3102.0))


def test_an_annual_plan_of_three_years_ticks_each_year_by_its_full_name():
    cumbria = load_framework(FRAMEWORKS / "cumbria-council-plan-2010-13.yaml")
    ticks = chart_ticks(cumbria, parse_period("2010-11"), parse_period("2011-12"))
    assert ticks == [
        (date(2011, 3, 31), "2010-11"),
        (date(2012, 3, 31), "2011-12"),
        (date(2013, 3, 31), "2012-13"),
    ]  # never "11", "12", "13"


def test_quarters_across_years_name_the_year_at_each_first_quarter_and_one_year_plans_stay_as_they_were():
    two_years = load_framework(ROOT / "tests" / "data" / "frameworks" / "figures.yaml")  # 2009-10 and 2010-11
    ticks = chart_ticks(two_years, parse_period("2009-10-Q3"), parse_period("2010-11-Q1"))
    assert [label for _, label in ticks] == ["Q1\n2009-10", "Q2", "Q3", "Q4", "Q1\n2010-11", "Q2", "Q3", "Q4"]
    compact = load_framework(FRAMEWORKS / "compact-2009-10.yaml")
    one_year = chart_ticks(compact, parse_period("2009-10-Q1"), parse_period("2009-10-Q2"))
    assert [label for _, label in one_year] == ["Q1", "Q2", "Q3", "Q4"]
