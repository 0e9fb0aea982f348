"""The timetable decides which report by exception a body gets, and which period papers go to it (issue #26).

Worked by hand from the LEA framework (seed 002) and its term dates: half term 4 of 2004-05 runs from
28 October to 17 December 2004 (half term 3 ends 27 October, term 2 ends 17 December). The timetable sends
EMT one report by exception, ``major-plans-exceptions``, half-termly, 14 days after each half term; for
half term 4 that is 17 December + 14 = 31 December 2004. The papers EMT receives dated within half term 4:
capital for Q2 (30 September + 28 = 28 October), the report by exception for H3 (27 October + 14 =
10 November), revenue for October (31 October + 14 = 14 November) and for November (30 November + 14 =
14 December); the termly papers for T2 come after it (17 December + 28 = 14 January 2005).
DMG receives only finance (capital quarterly, revenue monthly), none by exception.
"""

from datetime import date

import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.plan.exception_papers import exception_paper, periods_for_body, receives_by_exception
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.timetable import year_calendar
from tests.helpers import FRAMEWORKS

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
H4 = parse_period("2004-05-H4")


def test_emt_receives_in_half_term_4_the_papers_worked_by_hand():
    start, end = date(2004, 10, 28), date(2004, 12, 17)
    found = [
        (e.day, e.item, e.period)
        for e in year_calendar(LEA, "2004-05")
        if e.kind == "paper" and "emt" in e.audience and start <= e.day <= end
    ]
    assert found == [
        (date(2004, 10, 28), "finance-capital", "2004-05-Q2"),
        (date(2004, 11, 10), "major-plans-exceptions", "2004-05-H3"),
        (date(2004, 11, 14), "finance-revenue", "2004-05-M07"),
        (date(2004, 12, 14), "finance-revenue", "2004-05-M08"),
    ]


def test_the_report_by_exception_for_emt_in_h4_is_the_timetables_paper():
    paper = exception_paper(LEA, "emt", H4)
    assert paper is not None and paper.id == "major-plans-exceptions" and paper.by_exception
    dated = [e.day for e in year_calendar(LEA, "2004-05") if e.item == paper.id and e.period == "2004-05-H4"]
    assert dated == [date(2004, 12, 31)]
    assert receives_by_exception(LEA, "emt") and not receives_by_exception(LEA, "dmg")


def test_a_body_or_period_without_a_report_by_exception_is_refused_naming_what_it_gets():
    with pytest.raises(ParameterError) as dmg:
        exception_paper(LEA, "dmg", H4)
    assert "sends dmg no report by exception for 2004-05-H4 (half-termly)" in str(dmg.value)
    assert str(dmg.value).endswith("it sends dmg: finance-capital (quarterly), finance-revenue (monthly)")
    with pytest.raises(ParameterError) as termly:
        exception_paper(LEA, "emt", parse_period("2004-05-T2"))
    assert "major-plans-exceptions (half-termly, by exception)" in str(termly.value)
    assert "\n" not in str(termly.value)


def test_a_framework_without_a_timetable_keeps_the_plan_rule():
    assert exception_paper(LEA.model_copy(update={"papers": []}), "emt", H4) is None


def test_period_papers_for_a_body_follow_the_timetable():
    names = ["2004-05-T1", "2004-05-T2", "2004-05-Q2", "2004-05-H4"]
    # EMT gets the termly papers and capital quarterly; H4's only paper is by exception, not a period paper.
    assert periods_for_body(LEA, names, "emt") == ["2004-05-T1", "2004-05-T2", "2004-05-Q2"]
    assert periods_for_body(LEA, names, "ssig") == ["2004-05-T1", "2004-05-T2"]  # consulted, termly
    with pytest.raises(ParameterError, match="it sends dmg: finance-capital"):
        periods_for_body(LEA, ["2004-05-T1", "2004-05-T2"], "dmg")
    with pytest.raises(ParameterError, match="has no body 'board'"):
        periods_for_body(LEA, names, "board")
