"""Revisions as data: each figure of an earlier period that changed since its own evidence date, with its cause.

The data set is written by hand; the expected figures are worked out in the comments.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.revisions import (
    RevisingReturn,
    Revision,
    RevisionCause,
    cited_periods,
    latest_rows,
    revisions,
    revisions_frame,
)
from compact_analysis.plan.periods import parse_period
from tests.helpers import register

COLUMNS = ["member_id", "measure_id", "period", "period_end", "value", "submitted", "is_correction", "file"]
# Q1 ends 30 June 2009, so its paper's evidence date is 14 August 2009 (45 days on); Q2's is 14 November 2009.
ROWS = [
    ("A", "sfl-participants", "2009-10-M03", "2009-06-30", "5", "2009-07-10", False, "q1.csv"),
    ("C", "sfl-participants", "2009-10-M02", "2009-05-31", "2", "2009-07-05", False, "q1.csv"),
    ("A", "pledge-level", "2009-10-Q1", "2009-06-30", "committed", "2009-07-10", False, "q1.csv"),
    ("B", "sfl-participants", "2009-10-M03", "2009-06-30", "4", "2009-09-01", False, "late.csv"),
    ("B", "pledge-level", "2009-10-Q1", "2009-06-30", "stage-2", "2009-08-20", False, "late.csv"),
    ("D", "pledge-level", "2009-10-Q1", "2009-06-30", "not-committed", "2009-08-25", False, "late.csv"),
    ("C", "sfl-participants", "2009-10-M02", "2009-05-31", "3", "2009-09-15", False, "resent.csv"),
    ("A", "sfl-participants", "2009-10-M03", "2009-06-30", "7", "2009-10-01", True, "corrections.csv"),
    ("A", "sfl-participants", "2009-10-M04", "2009-07-31", "10", "2009-08-10", False, "q2.csv"),
]


def submissions(rows=ROWS) -> pd.DataFrame:
    """Every stored row as :func:`~compact_analysis.evidence.submissions.submissions_as_at` gives it."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.insert(0, "observation_id", range(1, len(frame) + 1))
    frame["value_number"] = pd.to_numeric(frame["value"], errors="coerce")
    frame["comment"] = ""
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def q2_paper_revisions(compact, as_at=date(2009, 11, 14)):
    rows, members = submissions(), register(*"ABCD")
    evaluation = evaluate_period(compact, latest_rows(rows, as_at), members, parse_period("2009-10-Q2"), as_at)
    return {(r.indicator_id, r.period): r for r in revisions(evaluation, rows, members)}


def test_a_sum_revised_by_a_correction_a_late_return_and_a_resubmission(compact):
    found = q2_paper_revisions(compact)
    r = found["sfl-participants", "2009-10-Q1"]
    # As at 14 Aug 2009, Q1 (April-June) held A's June 5 and C's May 2 = 7. As at 14 Nov: A corrected June to 7,
    # B's June 4 arrived on 1 Sep (after 14 Aug: late), C resent May as 3 without marking it = 7 + 4 + 3 = 14.
    assert (r.published, r.now, r.size, r.published_on) == (7, 14, 7, date(2009, 8, 14))
    assert r.cause == "correction, late return and resubmission"
    assert [(x.member_id, x.value, x.file, x.cause) for x in r.returns] == [
        ("A", "7", "corrections.csv", RevisionCause.CORRECTION),
        ("B", "4", "late.csv", RevisionCause.LATE_RETURN),
        ("C", "3", "resent.csv", RevisionCause.RESUBMISSION),
    ]


def test_a_count_names_only_the_returns_that_moved_it(compact):
    found = q2_paper_revisions(compact)
    # Committed in Q1: A (1) as at 14 Aug; B's late stage-2 (which implies committed) makes 2. D's late
    # "not-committed" changed nobody's count, so it is not behind the revision.
    committed = found["pledge-committed", "2009-10-Q1"]
    assert (committed.published, committed.now, committed.cause) == (1, 2, "late return")
    assert [x.member_id for x in committed.returns] == ["B"]
    # At stage 2: nobody of A (returned, committed) as at 14 Aug, so 0 was shown (a figure, not "no return"); now B.
    stage2 = found["pledge-stage-2", "2009-10-Q1"]
    assert (stage2.published, stage2.now, stage2.size) == (0, 1, 1)


def test_unchanged_figures_and_periods_without_data_are_not_revisions(compact):
    found = q2_paper_revisions(compact)
    # Stage 3: 0 then and now; the test event and the year earlier (2008-09-Q2): no return then or now.
    assert set(found) == {
        ("sfl-participants", "2009-10-Q1"),
        ("pledge-committed", "2009-10-Q1"),
        ("pledge-stage-2", "2009-10-Q1"),
    }


def test_a_paper_before_an_earlier_period_s_own_evidence_date_lists_no_revision(compact):
    # Evidence up to 14 Aug 2009 is Q1's own evidence date: nothing had been published then to revise.
    assert q2_paper_revisions(compact, as_at=date(2009, 8, 14)) == {}


def test_latest_rows_keeps_the_last_submitted_and_on_a_tie_the_last_ingested():
    rows = submissions(
        [
            ("A", "sfl-participants", "2009-10-M03", "2009-06-30", "5", "2009-07-10", False, "a.csv"),
            ("A", "sfl-participants", "2009-10-M03", "2009-06-30", "6", "2009-07-10", False, "b.csv"),
            ("A", "sfl-participants", "2009-10-M03", "2009-06-30", "9", "2009-07-11", True, "c.csv"),
        ]
    )
    assert latest_rows(rows, date(2009, 7, 10))["value"].tolist() == ["6"]
    assert latest_rows(rows, date(2009, 7, 11))["value"].tolist() == ["9"]


def test_cited_periods_are_the_previous_the_year_earlier_and_the_charted_year(compact):
    q3 = parse_period("2009-10-Q3")
    names = [p.name for p in cited_periods(compact, q3, charted=True)]
    assert names == ["2008-09-Q3", "2009-10-Q1", "2009-10-Q2"]
    assert [p.name for p in cited_periods(compact, q3, charted=False)] == ["2008-09-Q3", "2009-10-Q2"]


def test_the_frame_gives_one_row_per_revised_figure():
    back = RevisingReturn("M1", "sfl-participants", "2009-10-M03", "4", date(2009, 9, 1), "late.csv", "late return")
    frame = revisions_frame((Revision("x", "X", "2009-10-Q1", date(2009, 8, 14), None, 4.0, (back,)),))
    assert frame.to_dict("records") == [
        {
            "indicator_id": "x",
            "indicator": "X",
            "period": "2009-10-Q1",
            "published_on": "2009-08-14",
            "as_published": None,
            "now": 4.0,
            "size": None,
            "cause": "late return",
            "returns": "M1 sfl-participants 2009-10-M03: 4, sent 2009-09-01 in late.csv (late return)",
        }
    ]
