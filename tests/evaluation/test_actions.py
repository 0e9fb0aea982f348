"""Action tracking as at a date (seed 002: "monitoring implementation ... and impact of action plans").

Every expected value is worked out by hand from the dates written in the test: an action starting
1 September 2004 and due 30 November 2004, with the progress returns each test lists.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.evaluation.actions import ActionState, action_status, impact_moved
from compact_analysis.plan.plans_model import PROGRESS_COLUMNS, Action

START, DUE = date(2004, 9, 1), date(2004, 11, 30)
ACTION = Action(id="A-1", description="Attendance sweeps", owner="EWS", start=START, due=DUE, impact="absence")


def progress(*rows: tuple) -> pd.DataFrame:
    """Progress rows (action_id, reported_on, status, done_on, note, reported_by)."""
    return pd.DataFrame(list(rows), columns=PROGRESS_COLUMNS)


def test_overdue_the_day_after_the_due_date_not_on_it():
    # In progress on 1 Oct; due 30 Nov. On 30 Nov it is still in time; on 1 Dec, one day overdue.
    rows = progress(("A-1", date(2004, 10, 1), "in-progress", None, "", "EWS"))
    on_due = action_status(ACTION, rows, date(2004, 11, 30))
    day_after = action_status(ACTION, rows, date(2004, 12, 1))
    assert on_due.state == ActionState.IN_PROGRESS
    assert (day_after.state, day_after.days_late) == (ActionState.OVERDUE, 1)
    # 17 December: 30 Nov -> 17 Dec is 17 days.
    assert action_status(ACTION, rows, date(2004, 12, 17)).days_late == 17


def test_done_late_counts_days_from_due_to_done():
    # Done on 10 December (reported 13 December): 10 days after 30 November.
    rows = progress(
        ("A-1", date(2004, 10, 1), "in-progress", None, "", "EWS"),
        ("A-1", date(2004, 12, 13), "done", date(2004, 12, 10), "finished", "EWS"),
    )
    before_report = action_status(ACTION, rows, date(2004, 12, 12))
    after_report = action_status(ACTION, rows, date(2004, 12, 13))
    assert before_report.state == ActionState.OVERDUE  # the done return is not known until 13 December
    assert (after_report.state, after_report.days_late, after_report.done_on) == (
        ActionState.DONE_LATE,
        10,
        date(2004, 12, 10),
    )


def test_done_on_the_due_date_is_on_time():
    rows = progress(("A-1", date(2004, 12, 2), "done", date(2004, 11, 30), "", "EWS"))
    status = action_status(ACTION, rows, date(2005, 1, 10))
    assert (status.state, status.days_late) == (ActionState.DONE, 0)


@pytest.mark.parametrize(
    ("as_at", "rows", "state"),
    [
        (date(2004, 8, 31), [], ActionState.NOT_BEGUN),  # the day before its start: nothing expected yet
        (date(2004, 9, 1), [], ActionState.NO_PROGRESS),  # started, nothing reported
        (date(2004, 10, 5), [("A-1", date(2004, 10, 1), "not-started", None, "", "EWS")], ActionState.NO_PROGRESS),
        (date(2004, 10, 5), [("A-1", date(2004, 10, 6), "in-progress", None, "", "EWS")], ActionState.NO_PROGRESS),
        (date(2004, 10, 6), [("A-1", date(2004, 10, 6), "in-progress", None, "", "EWS")], ActionState.IN_PROGRESS),
    ],
)
def test_no_progress_until_a_return_says_it_is_under_way(as_at, rows, state):
    # The third case: the return of 6 October is not known on 5 October.
    assert action_status(ACTION, progress(*rows), as_at).state == state


def test_the_latest_return_wins():
    # Reported done on 1 Nov, then (a correction) in progress on 5 Nov: as at 20 Nov it is in progress.
    rows = progress(
        ("A-1", date(2004, 11, 1), "done", date(2004, 10, 29), "", "EWS"),
        ("A-1", date(2004, 11, 5), "in-progress", None, "not finished after all", "EWS"),
    )
    assert action_status(ACTION, rows, date(2004, 11, 3)).state == ActionState.DONE
    status = action_status(ACTION, rows, date(2004, 11, 20))
    assert (status.state, status.note) == (ActionState.IN_PROGRESS, "not finished after all")


@pytest.mark.parametrize(
    ("before", "after", "polarity", "moved"),
    [
        (1200, 1100, "lower", True),  # absence down: moved the right way
        (1200, 1200, "lower", False),  # unchanged: not moving
        (1200, 1250, "lower", False),  # up where lower is better: the wrong way
        (40, 41, "higher", True),
        (40, 40, "higher", False),
        (40, 38, "higher", False),
        (None, 41, "higher", None),  # no figure before: no judgement
        (40, None, "higher", None),
        (40, 38, "none", None),  # information only: no judgement
    ],
)
def test_impact_moves_only_when_strictly_better(before, after, polarity, moved):
    assert impact_moved(before, after, polarity) is moved
