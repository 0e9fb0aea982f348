from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compact_analysis.errors import PeriodError
from compact_analysis.plan.codes import PeriodCode
from compact_analysis.plan.periods import Period, parse_period, period_containing, periods_of_year


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


def test_year_bounds_and_the_last_periods_end_on_31_march():
    assert parse_period("2009-10").bounds() == (date(2009, 4, 1), date(2010, 3, 31))
    assert parse_period("2009-10-Q4").end() == parse_period("2009-10-M12").end() == date(2010, 3, 31)
    assert parse_period("2009-10-Q3").bounds() == (date(2009, 10, 1), date(2009, 12, 31))
    assert parse_period("2009-10-M09").bounds() == (date(2009, 12, 1), date(2009, 12, 31))  # December
    assert parse_period("2009-10-M10").start() == date(2010, 1, 1)  # January is in the next calendar year


def test_leap_years_at_every_cadence():
    # 29 Feb 2012 is in 2011-12 (Q4, M11); 2100 is not a leap year (divisible by 100, not by 400).
    assert period_containing(date(2012, 2, 29), "quarterly").name == "2011-12-Q4"
    assert period_containing(date(2012, 2, 29), "monthly").name == "2011-12-M11"
    assert parse_period("2099-00-M11").end() == date(2100, 2, 28)
    assert parse_period("2099-00").bounds() == (date(2099, 4, 1), date(2100, 3, 31))
    # 2000 is a leap year (divisible by 400).
    assert parse_period("1999-00-M11").end() == date(2000, 2, 29)
    # A leap year has 366 days from 1 April 2011 to 31 March 2012 inclusive.
    start, end = parse_period("2011-12").bounds()
    assert (end - start).days + 1 == 366


def test_the_century_rolls_over_in_names():
    assert parse_period("1999-00").name == "1999-00"
    assert parse_period("1999-00-Q1").previous().name == "1998-99-Q4"
    assert parse_period("1999-00-Q4").next().name == "2000-01-Q1"
    with pytest.raises(PeriodError):
        parse_period("1999-2000")


def test_previous_and_next_walk_a_whole_year_and_back():
    period = parse_period("2009-10-M01")
    for _ in range(12):
        period = period.next()
    assert period.name == "2010-11-M01"
    for _ in range(12):
        period = period.previous()
    assert period.name == "2009-10-M01"


def test_year_earlier_keeps_cadence_and_index():
    assert parse_period("2009-10-M12").year_earlier().bounds() == (date(2009, 3, 1), date(2009, 3, 31))
    assert parse_period("2012-13-M11").year_earlier().end() == date(2012, 2, 29)
    assert parse_period("2009-10").year_earlier().name == "2008-09"
    assert parse_period("2009-10-T2").year_earlier().name == "2008-09-T2"


def test_terms_cross_years_with_the_frameworks_dates():
    terms = {
        "2008-09": {1: (date(2008, 4, 21), date(2008, 7, 23)), 2: (date(2008, 9, 3), date(2008, 12, 19))},
        "2009-10": {1: (date(2009, 4, 20), date(2009, 7, 22))},
    }
    assert parse_period("2009-10-T1").previous(terms).name == "2008-09-T2"  # 2008-09 has two terms
    assert parse_period("2008-09-T2").next(terms).name == "2009-10-T1"
    assert period_containing(date(2008, 12, 19), "termly", terms).name == "2008-09-T2"
    with pytest.raises(PeriodError) as caught:
        period_containing(date(2008, 8, 1), "termly", terms)  # summer holiday
    assert caught.value.code == PeriodCode.NOT_IN_A_TERM
    with pytest.raises(PeriodError, match="2007-08") as caught:
        parse_period("2008-09-T1").previous(terms)
    assert caught.value.code == PeriodCode.NO_TERM_DATES


@pytest.mark.parametrize("name", ["2009-10-M1", " 2009-10-Q2 ", "2009-10-T3"])
def test_names_are_normalised(name):
    assert parse_period(name).name == {"2009-10-M1": "2009-10-M01"}.get(name, name.strip())


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("2009-10-T0", PeriodCode.OUT_OF_RANGE),  # terms are numbered from 1
        ("2009-10-Y1", PeriodCode.NOT_A_PERIOD),
        ("", PeriodCode.NOT_A_PERIOD),
        ("2009-10-Q", PeriodCode.NOT_A_PERIOD),
        ("2009-10-q1", PeriodCode.NOT_A_PERIOD),
        ("2009-11-Q1", PeriodCode.NOT_A_YEAR),  # 2009 to 2011 is not one financial year
    ],
)
def test_more_bad_names(bad, code):
    with pytest.raises(PeriodError) as caught:
        parse_period(bad)
    assert caught.value.code == code


def test_unknown_cadence_is_refused():
    with pytest.raises(PeriodError, match="'weekly'") as caught:
        periods_of_year("2009-10", "weekly")
    assert caught.value.code == PeriodCode.UNKNOWN_CADENCE


# Properties over every day from 1900 to 2200 and every fixed cadence.

_days = st.dates(min_value=date(1900, 4, 1), max_value=date(2199, 12, 31))
_cadences = st.sampled_from(["annual", "quarterly", "monthly"])


@given(_days, _cadences)
def test_the_period_containing_a_day_contains_it(day, cadence):
    period = period_containing(day, cadence)
    start, end = period.bounds()
    assert start <= day <= end
    assert parse_period(period.name) == period  # names round-trip


@given(_days, _cadences)
def test_periods_tile_the_calendar(day, cadence):
    period = period_containing(day, cadence)
    assert period.next().start() == period.end() + timedelta(days=1)
    assert period.previous().end() == period.start() - timedelta(days=1)
    assert period.next().previous() == period


@given(_days, _cadences)
def test_a_year_earlier_starts_in_the_previous_year(day, cadence):
    period = period_containing(day, cadence)
    earlier = period.year_earlier()
    assert (earlier.start().month, earlier.start().day) == (period.start().month, period.start().day)
    assert earlier.start().year == period.start().year - 1


def test_a_term_the_framework_does_not_have_is_named():
    terms = {"2009-10": {1: (date(2009, 4, 20), date(2009, 7, 22)), 2: (date(2009, 9, 2), date(2009, 12, 18))}}
    with pytest.raises(PeriodError, match="2009-10-T3: the framework has 2 terms in 2009-10") as caught:
        parse_period("2009-10-T3").bounds(terms)
    assert caught.value.code == PeriodCode.NO_SUCH_TERM
    with pytest.raises(PeriodError, match="2010-11-T1: no term dates for 2010-11 in the framework") as caught:
        parse_period("2010-11-T1").bounds(terms)
    assert caught.value.code == PeriodCode.NO_TERM_DATES
