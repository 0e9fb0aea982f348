"""Recurring milestones (issue #21): cycles, each cycle's status and record, the overdue exception per cycle.

The framework is tests/data/frameworks/recurring.yaml: a staff survey due 31 December every year of
2009-10 to 2011-12, so the cycles are 1 April-31 December 2009, 1 January-31 December 2010 and
1 January-31 December 2011 (the next due date, 31 December 2012, is after the framework's last day).
Every expected value below is read off those dates by hand.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from compact_analysis.evaluation.derived_register import derive_register, raised_frame
from compact_analysis.evaluation.milestone_deliveries import delivery_resolutions
from compact_analysis.evaluation.milestones import CycleOutcome
from compact_analysis.plan.cycles import cycles, due_dates, measure_cycle_starts
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from tests.helpers import evaluate_rows, observations, register

RECURRING = Path(__file__).resolve().parent.parent / "data" / "frameworks" / "recurring.yaml"


@pytest.fixture(scope="module")
def recurring():
    return load_framework(RECURRING)


def test_annual_cycles_run_from_the_day_after_each_due_date(recurring):
    target = recurring.indicator("survey").targets[0]
    found = cycles(target.due, "annual", date(2009, 4, 1), date(2012, 3, 31))
    assert [(c.start, c.due) for c in found] == [
        (date(2009, 4, 1), date(2009, 12, 31)),
        (date(2010, 1, 1), date(2010, 12, 31)),
        (date(2011, 1, 1), date(2011, 12, 31)),
    ]
    # A new cycle starts on 1 January 2010 and 1 January 2011: where the stage may go back.
    assert measure_cycle_starts(recurring) == [("survey", date(2010, 1, 1)), ("survey", date(2011, 1, 1))]


def test_a_month_end_stays_a_month_end_and_another_day_clamps():
    # Quarterly from 30 June: 30 Sep, 31 Dec, 31 Mar (month ends), not 30 Dec or 30 Mar.
    assert due_dates(date(2009, 6, 30), "quarterly", date(2010, 3, 31)) == [
        date(2009, 6, 30), date(2009, 9, 30), date(2009, 12, 31), date(2010, 3, 31)
    ]  # fmt: skip
    # Monthly from 30 January (not a month end): 28 February (clamped), then 30 March.
    assert due_dates(date(2010, 1, 30), "monthly", date(2010, 3, 31)) == [
        date(2010, 1, 30), date(2010, 2, 28), date(2010, 3, 30)
    ]  # fmt: skip


def test_termly_cycles_are_due_the_same_days_before_each_term_end():
    terms = {"2009-10": {1: (date(2009, 9, 1), date(2009, 12, 18)), 2: (date(2010, 1, 5), date(2010, 3, 31))}}
    # 11 December is 7 days before term 1 ends; term 2 ends 31 March, so its due date is 24 March.
    assert due_dates(date(2009, 12, 11), "termly", date(2010, 3, 31), terms) == [date(2009, 12, 11), date(2010, 3, 24)]


def _broken(change) -> list[tuple[str, str]]:
    data = copy.deepcopy(read_yaml(RECURRING))
    change(data["priorities"][0]["indicators"][0])
    return [(f.column, f.code) for f in framework_failures(data, "recurring.yaml")]


def test_a_bad_cycle_and_an_until_before_due_are_located():
    def fortnightly(ind):
        ind["targets"][0]["every"] = "fortnightly"

    def until_first(ind):
        ind["targets"][0]["until"] = "2009-06-30"

    def not_a_milestone(ind):
        ind["aggregate"] = "count-at-level"
        ind["level"] = "delivered"

    def due_outside(ind):
        ind["targets"][0]["due"] = "2013-12-31"

    assert _broken(fortnightly) == [("priorities[0].indicators[0].targets[0].every", "unknown-choice")]
    assert _broken(until_first) == [("priorities[0].indicators[0].targets[0]", "constraint-error")]
    assert ("priorities[0].indicators[0].aggregate", "wrong-measure-type") in _broken(not_a_milestone)
    assert _broken(due_outside) == [("priorities[0].indicators[0].targets[0].due", "cycle-outside-framework")]


def test_every_on_another_kind_a_termly_due_outside_terms_and_a_scale_without_delivered_are_located():
    def every_on_a_milestone(ind):
        ind["targets"][0]["kind"] = "milestone"

    def termly_without_a_term(ind):
        ind["targets"][0]["every"] = "termly"  # the framework gives no term dates, so 31 Dec is in no term

    assert _broken(every_on_a_milestone) == [("priorities[0].indicators[0].targets[0]", "constraint-error")]
    assert _broken(termly_without_a_term) == [("priorities[0].indicators[0].targets[0].due", "cycle-outside-framework")]
    data = copy.deepcopy(read_yaml(RECURRING))
    data["scales"][0]["levels"] = ["not-started", "in-progress", "published"]
    found = [(f.column, f.code) for f in framework_failures(data, "recurring.yaml")]
    assert found == [("priorities[0].indicators[0].measure", "level-not-on-scale")]


# Cycle 1 delivered on time (the 2009-10-Q3 return, sent 20 December 2009, before the 31 December due date);
# cycle 2 in progress from the 2009-10-Q4 return (period ending 31 March 2010, in cycle 2) and never delivered.
DELIVERED_THEN_IN_PROGRESS = """
P,survey,2009-10-Q2,2009-09-30,in-progress,,2009-10-10
P,survey,2009-10-Q3,2009-12-31,delivered,,2009-12-20
P,survey,2009-10-Q4,2010-03-31,in-progress,,2010-04-10
P,survey,2010-11-Q1,2010-06-30,in-progress,,2010-07-10
P,survey,2010-11-Q2,2010-09-30,in-progress,,2010-10-10
P,survey,2010-11-Q3,2010-12-31,in-progress,,2011-01-10
"""


def _survey(recurring, rows, period):
    evaluation = evaluate_rows(recurring, rows, register("P"), period)
    return evaluation, evaluation.result("survey")


def test_a_cycle_overdue_in_its_second_year_is_overdue_with_an_exception(recurring):
    # Before: "in progress" carried on, no exception. At 2010-11-Q3 (31 Dec 2010) cycle 2 is due that day, not past.
    _, q3 = _survey(recurring, DELIVERED_THEN_IN_PROGRESS, "2010-11-Q3")
    assert (q3.status.code, q3.status.label) == ("in-progress", "In progress")
    assert [r.outcome for r in q3.cycles] == [CycleOutcome.ON_TIME, CycleOutcome.OPEN]
    # At 2010-11-Q4 (31 Mar 2011) cycle 2's due date has passed with no delivery: overdue, one exception.
    evaluation, q4 = _survey(recurring, DELIVERED_THEN_IN_PROGRESS, "2010-11-Q4")
    assert q4.status.code == "overdue"
    assert q4.status.reason == "the cycle due 31 December 2010 was not delivered; due every year"
    assert [r.outcome for r in q4.cycles] == [CycleOutcome.ON_TIME, CycleOutcome.OVERDUE, CycleOutcome.OPEN]
    overdue = evaluation.candidates[evaluation.candidates["kind"] == "milestone-overdue"]
    assert list(overdue["rule_key"]) == ["milestone-overdue:survey@2010-12-31"]


def test_last_years_delivery_is_not_carried_into_this_year(recurring):
    # Only cycle 1's delivery: in 2010-11-Q2 (30 Sep 2010) cycle 2 has no return, so it is not started.
    rows = "P,survey,2009-10-Q3,2009-12-31,delivered,,2009-12-20"
    _, q2 = _survey(recurring, rows, "2010-11-Q2")
    assert q2.status.code == "not-started"
    assert q2.cycles[0].in_words() == "delivered on time (submitted 20 December 2009; due 31 December 2009)"


def test_a_cycle_with_no_return_at_all_is_not_started(recurring):
    # No survey row anywhere (another measure's row only): 2009-10-Q1 (30 June 2009) is in cycle 1, not started.
    _, q1 = _survey(recurring, "P,other,2009-10-Q1,2009-06-30,1,,2009-07-10", "2009-10-Q1")
    assert (q1.status.code, [r.outcome for r in q1.cycles]) == ("not-started", [CycleOutcome.OPEN])


def test_a_late_delivery_closes_the_cycle_and_its_exception(recurring):
    # The 2010-11-Q3 return resent as delivered on 10 February 2011, after the 31 December 2010 due date;
    # 2010-11-Q4's evidence date is 30 April 2011 (30-day lag), so it is known: cycle 2 delivered late.
    rows = DELIVERED_THEN_IN_PROGRESS + "P,survey,2010-11-Q3,2010-12-31,delivered,,2011-02-10\n"
    evaluation, q4 = _survey(recurring, rows, "2010-11-Q4")
    assert [r.outcome for r in q4.cycles] == [CycleOutcome.ON_TIME, CycleOutcome.LATE, CycleOutcome.OPEN]
    assert q4.cycles[1].delivered_on == date(2011, 2, 10)
    # Cycle 3 (from 1 January 2011) has no return by 31 March 2011: not started, and nothing overdue.
    assert q4.status.code == "not-started"
    assert not evaluation.candidates["kind"].eq("milestone-overdue").any()


def test_one_off_milestones_are_unchanged(compact):
    rows = "PARTNERSHIP,coaching-paper,2009-10-Q2,2009-09-30,in-progress,,2009-10-05"
    evaluation = evaluate_rows(compact, rows, register("PARTNERSHIP"), "2009-10-Q3")
    result = evaluation.result("coaching-paper")
    # Due 31 March 2010: in progress at 31 December 2009, and no cycles (not a recurring target).
    assert (result.status.code, result.cycles) == ("in-progress", ())


def test_the_overdue_exception_stays_open_until_a_delivery_for_its_cycle_is_recorded(recurring):
    # Cycle 2 (due 31 December 2010) is raised overdue in 2010-11-Q4 (evidence to 30 April 2011). Its
    # 2010-11-Q3 return is resent "delivered" on 10 May 2011; 2011-12-Q1 (evidence to 30 July 2011) sees it.
    late = DELIVERED_THEN_IN_PROGRESS + "P,survey,2010-11-Q3,2010-12-31,delivered,,2011-05-10\n"
    raised = pd.concat(
        [
            raised_frame(e.period.name, e.period_end, e.as_at, e.candidates)
            for e in (evaluate_rows(recurring, late, register("P"), p) for p in ("2010-11-Q4", "2011-12-Q1"))
        ],
        ignore_index=True,
    )
    key = "milestone-overdue:survey@2010-12-31"
    assert list(raised.loc[raised["rule_key"] == key, "period"]) == ["2010-11-Q4"]  # not raised once delivered
    resolved = delivery_resolutions(recurring, observations(late), register("P"), date(2011, 7, 30))
    assert list(zip(resolved["rule_key"], resolved["on_date"], strict=True)) == [(key, date(2011, 5, 10))]
    # Before the delivery the exception is open; from 10 May 2011 it is resolved, dated by the delivery.
    before = derive_register(raised, resolved, date(2011, 5, 9)).set_index("rule_key").loc[key]
    after = derive_register(raised, resolved, date(2011, 7, 30)).set_index("rule_key").loc[key]
    assert (before["status"], after["status"], after["resolved_on"]) == ("open", "resolved", date(2011, 5, 10))
