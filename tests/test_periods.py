from datetime import date

import pytest

from compact_analysis.errors import PeriodError
from compact_analysis.periods import Period, parse_period, period_containing, periods_of_year


def test_quarters_of_the_financial_year():
    # Q1 is April-June; Q4 is January-March of the next calendar year.
    assert parse_period("2009-10-Q1").bounds() == (date(2009, 4, 1), date(2009, 6, 30))
    assert parse_period("2009-10-Q4").bounds() == (date(2010, 1, 1), date(2010, 3, 31))


def test_months_m01_is_april_and_m12_is_march():
    assert parse_period("2009-10-M01").bounds() == (date(2009, 4, 1), date(2009, 4, 30))
    assert parse_period("2009-10-M12").bounds() == (date(2010, 3, 1), date(2010, 3, 31))


def test_leap_year_february():
    # 2012 is a leap year: February 2012 is month 11 of 2011-12 and has 29 days.
    assert parse_period("2011-12-M11").end() == date(2012, 2, 29)
    assert parse_period("2009-10-M11").end() == date(2010, 2, 28)


def test_previous_and_year_earlier_cross_year_boundaries():
    assert parse_period("2009-10-Q1").previous().name == "2008-09-Q4"
    assert parse_period("2009-10-Q1").year_earlier().name == "2008-09-Q1"
    assert parse_period("2009-10-M01").previous().name == "2008-09-M12"
    assert parse_period("2009-10-Q4").next().name == "2010-11-Q1"


def test_terms_come_from_the_framework():
    terms = {"2009-10": {1: (date(2009, 9, 1), date(2009, 12, 18)), 2: (date(2010, 1, 5), date(2010, 3, 31))}}
    t2 = parse_period("2009-10-T2")
    assert t2.bounds(terms) == (date(2010, 1, 5), date(2010, 3, 31))
    assert t2.previous(terms).name == "2009-10-T1"
    with pytest.raises(PeriodError):
        t2.bounds()


@pytest.mark.parametrize("bad", ["2009-11-Q1", "2009-10-Q5", "2009-10-M13", "2009-10-M00", "Q2", "2009/10"])
def test_bad_period_names_are_refused(bad):
    with pytest.raises(PeriodError):
        parse_period(bad)


def test_periods_of_year_and_period_containing():
    assert [p.name for p in periods_of_year("2009-10", "quarterly")] == [f"2009-10-Q{i}" for i in range(1, 5)]
    assert period_containing(date(2010, 3, 31), "quarterly") == Period(2009, "Q", 4)
    assert period_containing(date(2009, 4, 1), "monthly") == Period(2009, "M", 1)
