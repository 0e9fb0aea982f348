"""Membership applied uniformly: a member that left before a period's end counts toward no indicator of it.

Seed 000 measures impact over "deemed" member organisations; the register's ``left`` is a member's last
day, so a member that left on 31 October 2009 is a member at the end of 2009-10-Q2 (30 September) and not
at the end of 2009-10-Q3 (31 December). Each test has A and C, both counted in Q2; C leaves on 31 October.
Expected values are counted by hand from the rows in each test.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from tests.helpers import evaluate_rows, register

MEMBERS = register("A", "B", "C", left={"C": date(2009, 10, 31)})


def _value(compact, rows: str, indicator: str, period: str):
    return evaluate_rows(compact, rows, MEMBERS, period).result(indicator).value


def test_count_at_level_drops_a_member_that_left(compact):
    rows = """
A,pledge-level,2009-10-Q2,2009-09-30,committed,,2009-10-10
B,pledge-level,2009-10-Q2,2009-09-30,not-committed,,2009-10-10
C,pledge-level,2009-10-Q2,2009-09-30,stage-2,,2009-10-10
"""
    # Q2: A (committed) and C (stage 2, which implies committed) of 3 members.
    q2 = _value(compact, rows, "pledge-committed", "2009-10-Q2")
    assert (q2.value, q2.members_counted, q2.denominator) == (2, ("A", "C"), 3)
    # Q3: C left on 31 October; A carries forward; 2 deemed members.
    q3 = _value(compact, rows, "pledge-committed", "2009-10-Q3")
    assert (q3.value, q3.members_counted, q3.denominator) == (1, ("A",), 2)


def test_count_yes_drops_a_member_that_left(compact):
    rows = """
A,sfl-test-event,2009-10-Q2,2009-09-30,yes,,2009-10-10
C,sfl-test-event,2009-10-Q2,2009-09-30,yes,,2009-10-10
"""
    assert _value(compact, rows, "sfl-test-event", "2009-10-Q2").value == 2  # A and C
    q3 = _value(compact, rows, "sfl-test-event", "2009-10-Q3")
    assert (q3.value, q3.members_counted) == (1, ("A",))  # A only


def test_sum_leaves_out_what_a_leaver_returned_before_it_left(compact):
    # C returned 5 enrolments for October, while still a member; the quarter ends after it left.
    rows = """
A,sfl-enrolled,2009-10-M07,2009-10-31,4,,2009-11-10
C,sfl-enrolled,2009-10-M07,2009-10-31,5,,2009-11-10
A,sfl-enrolled,2009-10-M08,2009-11-30,2,,2009-12-10
"""
    # The month of October (C a member on its last day): 4 + 5 = 9.
    assert _value(compact, rows, "sfl-enrolled", "2009-10-M07").value == 9
    # The quarter (C gone by 31 December): A's 4 + 2 = 6.
    assert _value(compact, rows, "sfl-enrolled", "2009-10-Q3").value == 6


def test_gap_closed_drops_a_member_that_left(compact):
    # Baseline 30 June 2009 (answers by 14 August count): A and C lacked a scheme, B had one.
    rows = """
A,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
B,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-10
C,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
A,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
C,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
"""
    # Q2: both closed their gap. Q3: C left on 31 October, so only A (the Priority 5: 4 became 3).
    assert _value(compact, rows, "apprenticeship-gap-closed", "2009-10-Q2").members_counted == ("A", "C")
    q3 = _value(compact, rows, "apprenticeship-gap-closed", "2009-10-Q3")
    assert (q3.value, q3.members_counted) == (1, ("A",))


def test_a_share_of_members_counts_and_divides_by_members_on_the_period_end(compact):
    rows = """
A,wbl-1419-commitment,2009-10-Q2,2009-09-30,yes,,2009-10-10
C,wbl-1419-commitment,2009-10-Q2,2009-09-30,yes,,2009-10-10
"""
    # Q2: 2 of 3 members. Q3: C has left: 1 of the 2 members on 31 December.
    assert _value(compact, rows, "wbl-1419-commitment", "2009-10-Q2").share_of_members == Fraction(2, 3)
    assert _value(compact, rows, "wbl-1419-commitment", "2009-10-Q3").share_of_members == Fraction(1, 2)


def test_the_demo_leaver_counts_toward_no_indicator_after_it_left(ingested_demo):
    # The demo's leaver left on 31 October 2009. The issue's case: Priority 5's gap-closed count at Q4 was 4
    # with the leaver among them; it is now the three others, and no indicator of Q3 or Q4 counts the leaver.
    leaver = ingested_demo.demo.left_mid_year
    for period in ("2009-10-Q3", "2009-10-Q4"):
        evaluation = ingested_demo.folder.evaluate(period)
        assert leaver not in set(evaluation.members["member_id"])
        assert [r.indicator.id for r in evaluation.results if leaver in r.value.members_counted] == []
    assert leaver in ingested_demo.folder.evaluate("2009-10-Q2").members["member_id"].tolist()
