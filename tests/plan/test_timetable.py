"""The LEA framework's timetable (seed 002) and its 2004-05 calendar, checked against a list made by hand.

The list below was written from the framework's term dates and the seed's timetable, not from the code:
returns are due 21 days (report_after_days) after a period's last day; termly papers go 28 days after,
capital 28 days after each quarter, revenue 14 days after each month, and the half-termly paper by
exception 14 days after each half-term (half-terms by hand in test_half_terms.py: they end 5 June,
22 July, 27 October, 17 December, 12 February and 24 March). Terms end 22 July, 17 December, 24 March:
22 July + 21 = 12 August, + 28 = 19 August; 17 December + 21 = 7 January, + 28 = 14 January;
24 March + 21 = 14 April, + 28 = 21 April. Quarters end 30 June, 30 September, 31 December, 31 March:
+ 21 = the 21st of July, October, January, April; + 28 = the 28th. A month's end + 14 is the 14th of
the next month, + 21 the 21st (28 February + 21 = 21 March). 5 June + 14 = 19 June; 22 July + 14 =
5 August; 27 October + 14 = 10 November; 17 December + 14 = 31 December; 12 February + 14 = 26 February;
24 March + 14 = 7 April.
"""

from datetime import date

import pytest

from compact_analysis.errors import PeriodError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from compact_analysis.plan.timetable import papers_for, returned_cadences, year_calendar
from tests.helpers import FRAMEWORKS

LEA_PATH = FRAMEWORKS / "lea-performance-2004-05.yaml"
LEA = load_framework(LEA_PATH)
TERMLY_PAPERS = ("action-plans", "major-plans", "other-monitoring", "performance-indicators", "specific-plans")
MONTHS = [(2004, m) for m in range(5, 13)] + [(2005, m) for m in range(1, 5)]  # the month after each period


def _by_hand() -> set[tuple[date, str, str]]:
    rows = set()
    for i, (y, m) in enumerate(MONTHS, 1):
        rows |= {(date(y, m, 21), "returns-monthly", f"2004-05-M{i:02d}"),
                 (date(y, m, 14), "finance-revenue", f"2004-05-M{i:02d}")}  # fmt: skip
    for q, (y, m) in enumerate([(2004, 7), (2004, 10), (2005, 1), (2005, 4)], 1):
        rows |= {(date(y, m, 21), "returns-quarterly", f"2004-05-Q{q}"),
                 (date(y, m, 28), "finance-capital", f"2004-05-Q{q}")}  # fmt: skip
    terms = [(date(2004, 8, 12), date(2004, 8, 19)), (date(2005, 1, 7), date(2005, 1, 14)),
             (date(2005, 4, 14), date(2005, 4, 21))]  # fmt: skip
    for t, (due, paper_day) in enumerate(terms, 1):
        rows.add((due, "returns-termly", f"2004-05-T{t}"))
        rows |= {(paper_day, paper, f"2004-05-T{t}") for paper in TERMLY_PAPERS}
    halves = [date(2004, 6, 19), date(2004, 8, 5), date(2004, 11, 10), date(2004, 12, 31), date(2005, 2, 26),
              date(2005, 4, 7)]  # fmt: skip
    rows |= {(day, "major-plans-exceptions", f"2004-05-H{h}") for h, day in enumerate(halves, 1)}
    return rows


def test_the_2004_05_calendar_matches_the_hand_made_list():
    found = year_calendar(LEA, "2004-05")
    assert len(found) == 12 * 2 + 4 * 2 + 3 * 6 + 6  # 56: no entry given twice
    assert {(e.day, e.item, e.period) for e in found} == _by_hand()
    assert [e.day for e in found] == sorted(e.day for e in found)


def test_papers_name_their_bodies_and_returns_their_measures():
    found = {(e.item, e.period): e for e in year_calendar(LEA, "2004-05")}
    capital = found["finance-capital", "2004-05-Q2"]
    assert (capital.audience, capital.by_exception, capital.uid) == (
        ("emt", "dmg"), False, "lea-performance-2004-05/finance-capital/2004-05-Q2"
    )  # fmt: skip
    assert found["major-plans-exceptions", "2004-05-H3"].by_exception is True
    assert found["performance-indicators", "2004-05-T1"].consulted == (
        "ssig", "joint-executive", "executive-member", "working-parties"
    )  # fmt: skip
    assert found["returns-quarterly", "2004-05-Q1"].measures == ("childcare-places",)


def test_members_return_at_the_cadences_of_the_indicators_on_their_measures():
    # budget-strategy is reported by the partnership, so it is not a member's return.
    assert returned_cadences(LEA) == {
        "termly": ("causing-concern", "unauthorised-absence", "appraisals-complete"),
        "quarterly": ("childcare-places",),
        "monthly": ("revenue-variance",),
    }


def test_the_papers_each_body_receives():
    assert papers_for(LEA, "dmg") == ["finance-capital", "finance-revenue"]
    assert papers_for(LEA, "ssig") == ["performance-indicators", "other-monitoring"]


def test_a_year_outside_the_framework_is_refused():
    with pytest.raises(PeriodError):
        year_calendar(LEA, "2005-06")


def test_a_paper_naming_an_unknown_body_or_cadence_is_refused_where_it_is():
    data = read_yaml(LEA_PATH)
    data["papers"][1]["audience"] = ["emt", "cabinet"]
    data["papers"][2]["cadence"] = "weekly"
    found = [(f.column, f.code) for f in framework_failures(data) if f.code == FrameworkCode.UNDEFINED_REFERENCE]
    assert found == [("papers[1].audience[1]", FrameworkCode.UNDEFINED_REFERENCE),
                     ("papers[2].cadence", FrameworkCode.UNDEFINED_REFERENCE)]  # fmt: skip


def test_a_paper_id_given_twice_is_refused():
    data = read_yaml(LEA_PATH)
    data["papers"].append(dict(data["papers"][0]))
    assert [(f.column, f.code) for f in framework_failures(data)] == [("papers[8].id", FrameworkCode.DUPLICATE_VALUE)]
