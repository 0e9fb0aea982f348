from datetime import date

import pandas as pd

from compact_analysis.evaluation.returns import quarantined_in_period, returns_timeliness, timeliness_counts
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import first_submissions, open_store
from compact_analysis.plan.members import load_register
from tests.helpers import register


def test_on_time_late_and_missing_by_the_first_submission():
    members = register(*"ABCDE")
    first = pd.DataFrame(
        {
            "member_id": ["A", "B", "C", "D"],
            # Q2 ends 30 Sep; due 14 Nov (45 days); the paper's evidence date 14 Nov too, or later.
            "first_submitted": [date(2009, 10, 10), date(2009, 11, 14), date(2009, 11, 20), date(2010, 1, 5)],
        }
    )
    frame = returns_timeliness(first, members, due=date(2009, 11, 14), as_at=date(2009, 12, 31))
    # A and B by the due date (B on it): on time; C after it but known by 31 Dec: late;
    # D sent only on 5 Jan, after the evidence date, and E never: missing.
    assert list(frame["status"]) == ["on time", "on time", "late", "missing", "missing"]
    assert timeliness_counts(frame) == {"on time": 2, "late": 1, "missing": 2}


def test_a_late_correction_does_not_make_an_on_time_return_late(tmp_path, compact, ingested_demo):
    path = tmp_path / "q2.csv"
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted,correction\n"
        "M003,sfl-enrolled,2009-10-M07,4,,2010-03-01,yes\n"  # the correction, after Q3's 14 February due date
        "M003,sfl-enrolled,2009-10-M07,3,,2009-11-05,\n"  # the original, on time
        "M004,sfl-enrolled,2009-10-M09,2,,2010-02-20,\n",  # late
        encoding="utf-8",
    )
    with open_store(tmp_path / "store.duckdb") as con:
        ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
        # Q3 is October to December: M07 (October) and M09 (December) both fall in it.
        first = first_submissions(con, date(2009, 10, 1), date(2009, 12, 31))
    assert list(first.itertuples(index=False, name=None)) == [
        ("M003", date(2009, 11, 5)),
        ("M004", date(2010, 2, 20)),
    ]


def test_quarantined_rows_of_the_period_only():
    q = pd.DataFrame(
        {"file": "x.csv", "code": "type-error", "period_end": [date(2009, 9, 30), date(2009, 12, 31), None]}
    )
    # Only the row for a period ending in Q2 (1 July to 30 September 2009); the unreadable period is not guessed.
    assert len(quarantined_in_period(q, date(2009, 7, 1), date(2009, 9, 30))) == 1
    # The store hands DATE columns over as timestamps (NaT for none): the same answer.
    q["period_end"] = pd.to_datetime(q["period_end"])
    assert len(quarantined_in_period(q, date(2009, 7, 1), date(2009, 9, 30))) == 1
