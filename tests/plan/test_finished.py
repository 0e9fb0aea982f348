"""Finished periods (issue #23): the end on or before the newest observation's period end."""

from datetime import date

from compact_analysis.plan.finished import finished_periods

YEARS = ["2009-10"]


def names(periods):
    return [p.name for p in periods]


def test_a_store_ending_in_month_4_has_not_finished_quarter_2():
    # Returns for quarter 1 (ends 30 June) and month 4 (ends 31 July): Q2 ends 30 September, after 31 July.
    ends = [date(2009, 6, 30), date(2009, 7, 31)]
    assert names(finished_periods(ends, YEARS, "quarterly")) == ["2009-10-Q1"]
    # Months: June holds the quarter's end, July the month's; May and April hold none.
    assert names(finished_periods(ends, YEARS, "monthly")) == ["2009-10-M03", "2009-10-M04"]
    assert finished_periods(ends, YEARS, "annual") == []  # the year ends 31 March 2010


def test_a_whole_year_of_quarterly_returns_finishes_every_quarter_and_the_year():
    ends = [date(2009, 6, 30), date(2009, 9, 30), date(2009, 12, 31), date(2010, 3, 31)]
    assert names(finished_periods(ends, YEARS, "quarterly")) == [f"2009-10-Q{i}" for i in range(1, 5)]
    assert names(finished_periods(ends, YEARS, "annual")) == ["2009-10"]


def test_terms_use_the_framework_s_dates_and_an_empty_store_has_none():
    terms = {"2009-10": {1: (date(2009, 9, 1), date(2009, 12, 18)), 2: (date(2010, 1, 5), date(2010, 3, 31))}}
    ends = [date(2009, 12, 18), date(2010, 2, 28)]  # term 2 is under way on 28 February
    assert names(finished_periods(ends, YEARS, "termly", terms)) == ["2009-10-T1"]
    assert finished_periods([], YEARS, "quarterly") == []
