"""Collection windows, worked by hand on the LEA framework's first term of 2004-05.

Term 1 ends on 22 July 2004; returns are due 21 days later (report_after_days), on 12 August 2004.
Members return three measures termly: causing-concern, unauthorised-absence and appraisals-complete.
"""

from datetime import date

import pandas as pd

from compact_analysis.evaluation.collection import (
    chase_list,
    collection_window,
    due_date,
    measures_due,
    send_to,
    window_counts,
)
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS, register

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
T1 = parse_period("2004-05-T1")
# m3 left on 30 June (before the term's last day) and m4 joined on 23 July (after it): neither owes T1.
MEMBERS = pd.concat(
    [
        register("m1", "m2", "m3", joined=date(2004, 4, 1), left={"m3": date(2004, 6, 30)}),
        register("m4", joined=date(2004, 7, 23)),
    ]
)
FIRST = pd.DataFrame(
    [("m1", "causing-concern", "2004-05-T1", date(2004, 8, 10)),  # two days before it is due
     ("m1", "unauthorised-absence", "2004-05-T1", date(2004, 8, 20))],  # eight days after
    columns=["member_id", "measure_id", "period", "first_submitted"],
)  # fmt: skip


def _statuses(as_at: date) -> dict[tuple[str, str], str]:
    window = collection_window(LEA, MEMBERS, FIRST, T1, as_at)
    return {(r.member_id, r.measure_id): r.status for r in window.itertuples()}


def test_the_due_date_and_the_measures_due():
    assert due_date(LEA, T1) == date(2004, 8, 12)  # 22 July + 21 days
    assert measures_due(LEA, T1) == ("causing-concern", "unauthorised-absence", "appraisals-complete")
    assert measures_due(LEA, parse_period("2004-05-H1")) == ()  # nobody returns half-termly


def test_on_the_due_date_nothing_is_overdue_and_a_later_return_is_not_yet_known():
    assert _statuses(date(2004, 8, 12)) == {
        ("m1", "causing-concern"): "on time",
        ("m1", "unauthorised-absence"): "not yet due",  # sent on 20 August: not known on the 12th
        ("m1", "appraisals-complete"): "not yet due",
        ("m2", "causing-concern"): "not yet due",
        ("m2", "unauthorised-absence"): "not yet due",
        ("m2", "appraisals-complete"): "not yet due",
    }


def test_after_the_due_date_a_late_return_is_late_and_a_missing_one_overdue():
    found = _statuses(date(2004, 9, 1))
    assert found[("m1", "causing-concern")] == "on time"
    assert found[("m1", "unauthorised-absence")] == "late"
    assert found[("m1", "appraisals-complete")] == "overdue"
    assert {found[("m2", m)] for m in measures_due(LEA, T1)} == {"overdue"}
    assert window_counts(collection_window(LEA, MEMBERS, FIRST, T1, date(2004, 9, 1))) == {
        "on time": 1, "late": 1, "overdue": 4, "not yet due": 0
    }  # fmt: skip


def test_the_chase_list_names_what_each_member_owes_by_when_and_to_whom():
    chase = chase_list(collection_window(LEA, MEMBERS, FIRST, T1, date(2004, 9, 1)))
    assert list(zip(chase["member_id"], chase["measure_id"], strict=True)) == [
        ("m1", "appraisals-complete"),
        ("m2", "appraisals-complete"), ("m2", "causing-concern"), ("m2", "unauthorised-absence"),
    ]  # fmt: skip
    assert set(chase["due"]) == {date(2004, 8, 12)}
    assert chase.loc[0, "send_to"] == "Personnel"  # the owner of the appraisals indicator


def test_send_to_is_the_organisation_when_no_indicator_uses_the_measure():
    assert send_to(LEA, "childcare-places") == "Early Years and Childcare"
    assert send_to(LEA, "no-such-measure") == LEA.organisation
