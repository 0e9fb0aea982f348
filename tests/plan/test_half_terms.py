"""Half-termly periods: six a school year, each term split at its midpoint (plan/half_terms.py).

Expected dates are worked out by hand from the LEA framework's 2004-05 terms, counting days on a calendar:
term 1, 19 April to 22 July 2004, is 12 + 31 + 30 + 22 = 95 days, so its first half is 48 days (19 April to
5 June) and its second 47 (6 June to 22 July); term 2, 6 September to 17 December, is 25 + 31 + 30 + 17 =
103 days: 52 (6 September to 27 October) and 51 (28 October to 17 December); term 3, 4 January to 24 March
2005, is 28 + 28 + 24 = 80 days: 40 (4 January to 12 February) and 40 (13 February to 24 March).
"""

from datetime import date

import pytest

from compact_analysis.errors import PeriodError
from compact_analysis.plan.codes import PeriodCode
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.half_terms import split_term
from compact_analysis.plan.periods import Period, parse_period, period_containing, periods_of_year
from tests.helpers import FRAMEWORKS

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
BY_HAND = {
    "2004-05-H1": (date(2004, 4, 19), date(2004, 6, 5)),
    "2004-05-H2": (date(2004, 6, 6), date(2004, 7, 22)),
    "2004-05-H3": (date(2004, 9, 6), date(2004, 10, 27)),
    "2004-05-H4": (date(2004, 10, 28), date(2004, 12, 17)),
    "2004-05-H5": (date(2005, 1, 4), date(2005, 2, 12)),
    "2004-05-H6": (date(2005, 2, 13), date(2005, 3, 24)),
}


def test_six_half_terms_a_year_with_hand_worked_bounds():
    found = {p.name: p.bounds(LEA.terms) for p in periods_of_year("2004-05", "half-termly", LEA.terms)}
    assert found == BY_HAND


def test_an_odd_day_goes_to_the_first_half_and_a_two_day_term_splits_one_and_one():
    # 1 to 3 May is three days: 1 and 2 May, then 3 May.
    assert split_term(date(2004, 5, 1), date(2004, 5, 3)) == (
        (date(2004, 5, 1), date(2004, 5, 2)), (date(2004, 5, 3), date(2004, 5, 3))
    )  # fmt: skip
    assert split_term(date(2004, 5, 1), date(2004, 5, 2)) == (
        (date(2004, 5, 1), date(2004, 5, 1)), (date(2004, 5, 2), date(2004, 5, 2))
    )  # fmt: skip


def test_names_parse_and_print():
    assert parse_period("2004-05-H3") == Period(2004, "H", 3)
    assert str(Period(2004, "H", 6)) == "2004-05-H6"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2004, 6, 5), "2004-05-H1"),  # the last day of the first half
        (date(2004, 6, 6), "2004-05-H2"),  # the first day of the second
        (date(2004, 10, 27), "2004-05-H3"),
        (date(2004, 10, 28), "2004-05-H4"),
        (date(2005, 2, 13), "2004-05-H6"),
    ],
)
def test_the_half_term_containing_a_day(day, expected):
    assert period_containing(day, "half-termly", LEA.terms).name == expected


def test_a_day_between_terms_is_in_no_half_term():
    with pytest.raises(PeriodError) as caught:
        period_containing(date(2004, 8, 1), "half-termly", LEA.terms)
    assert caught.value.code == PeriodCode.NOT_IN_A_TERM


def test_previous_and_next_cross_the_year_through_the_terms_of_the_year_before():
    # The framework gives 2003-04's three terms, so six half-terms: the one before 2004-05-H1 is 2003-04-H6.
    assert Period(2004, "H", 1).previous(LEA.terms).name == "2003-04-H6"
    assert Period(2003, "H", 6).next(LEA.terms).name == "2004-05-H1"
    # 2003-04 term 3 is 5 January to 31 March 2004, 27 + 29 + 31 = 87 days: its second half is the last 43.
    assert Period(2003, "H", 6).bounds(LEA.terms) == (date(2004, 2, 18), date(2004, 3, 31))


def test_a_seventh_half_term_is_refused_where_terms_give_six():
    with pytest.raises(PeriodError) as caught:
        parse_period("2004-05-H7").bounds(LEA.terms)
    assert caught.value.code == PeriodCode.NO_SUCH_TERM


def test_the_framework_checks_a_half_termly_period():
    assert LEA.check_period("2004-05-H2") == Period(2004, "H", 2)
