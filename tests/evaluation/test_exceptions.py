import shutil
from datetime import date
from fractions import Fraction

import pandas as pd
import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.derived_register import RESOLUTION_COLUMNS, derive_register, raised_frame
from compact_analysis.evaluation.evaluate import IndicatorResult, default_as_at, evaluate_period
from compact_analysis.evaluation.exception_rules import (
    Candidate,
    candidates_frame,
    quarantine_candidates,
    quarantine_of_period,
    slipping,
    training_candidates,
    training_counts,
    without_training,
)
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.register import history_text, reconcile, report_sections, resolve_exception
from compact_analysis.evaluation.targets import Status
from compact_analysis.evidence.store import append_exceptions, exception_events, exception_register, open_store
from compact_analysis.folder import DataFolder
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation.paper import prepare_paper
from tests.helpers import FRAMEWORKS, observations, register

# A and B return every quarter; C returns for Q2 only.
ROWS = """
A,pledge-level,2009-10-Q1,2009-06-30,stage-3,,2009-07-10
B,pledge-level,2009-10-Q1,2009-06-30,stage-3,,2009-07-10
A,pledge-level,2009-10-Q2,2009-09-30,stage-3,,2009-10-10
B,pledge-level,2009-10-Q2,2009-09-30,stage-3,,2009-10-10
C,pledge-level,2009-10-Q2,2009-09-30,committed,,2009-10-10
A,pledge-level,2009-10-Q3,2009-12-31,stage-3,,2010-01-10
B,pledge-level,2009-10-Q3,2009-12-31,stage-3,,2010-01-10
"""


def _raisings(compact, *periods):
    """Each period evaluated as at its own evidence date (period end + 45 days), as raising rows."""
    frames = []
    for name in periods:
        p = parse_period(name)
        ev = evaluate_period(compact, observations(ROWS), register(*"ABC"), p, default_as_at(compact, p))
        frames.append(raised_frame(name, ev.period_end, ev.as_at, ev.candidates))
    return pd.concat(frames, ignore_index=True)


def test_exceptions_persist_until_resolved_and_reopen_on_recurrence(compact):
    raised = _raisings(compact, "2009-10-Q1", "2009-10-Q2", "2009-10-Q3")
    none = pd.DataFrame(columns=RESOLUTION_COLUMNS)
    q1 = derive_register(raised, none, date(2009, 8, 14))
    ids = _ids(q1)
    # Q1 as at 14 Aug: committed A, B = 2 against 20 * 90/364 = 4.95 (2 < 4.45): red. C sent nothing: missing.
    assert "red:pledge-committed" in ids and "return-missing:C" in ids
    assert (q1["status"] == "open").all()
    q2 = derive_register(raised, none, date(2009, 11, 14), "2009-10-Q2")
    # C returned for Q2, so its exception is not raised again, but it stays open until someone resolves it.
    row = q2.set_index("exception_id").loc[ids["return-missing:C"]]
    assert row["status"] == "open" and not row["raised_now"]
    # The Procurement target was due to be set by 31 July: overdue from Q2, a new exception.
    assert "target-overdue:procurement-value" in _ids(q2)
    chased = pd.DataFrame(
        [("return-missing:C", ids["return-missing:C"], date(2009, 11, 20), "C's return arrived late and was chased")],
        columns=RESOLUTION_COLUMNS,
    )
    q3 = derive_register(raised, chased, date(2010, 2, 14), "2009-10-Q3")
    # C misses Q3 as well (evidence 14 February, after the resolution): the same exception reopens.
    assert _ids(q3)["return-missing:C"] == ids["return-missing:C"]
    assert (q3["kind"] == "return-missing").sum() == 1
    reopened = q3.set_index("exception_id").loc[ids["return-missing:C"]]
    assert reopened["status"] == "open" and reopened["raised_now"]
    assert "resolved" in reopened["history"] and "reopened 2009-10-Q3" in reopened["history"]
    # Every id shown at Q1 is the same at Q3.
    assert {k: _ids(q3)[k] for k in ids} == ids


def test_recorded_training_exceptions_are_numbered_apart_and_resolving_them_is_checked(tmp_path):
    with open_store(tmp_path / "store.duckdb") as con:
        frame = candidates_frame([Candidate("budget-variance", None, "M003", "Lead", "over budget")])
        opened, events = reconcile(
            exception_register(con), exception_events(con), frame, "2009-10-Q3", date(2010, 2, 14)
        )
        append_exceptions(con, opened, events)
        assert list(opened["exception_id"]) == ["TR-0001"]  # never an EX- id: those are the derived register's
        with pytest.raises(ParameterError, match="no exception TR-9999"):
            resolve_exception(con, "TR-9999", "note", date(2010, 3, 1))
        with pytest.raises(ParameterError, match="cannot be resolved on"):
            resolve_exception(con, "TR-0001", "too early", date(2010, 1, 1))
        resolve_exception(con, "TR-0001", "budget revised", date(2010, 3, 1))
        with pytest.raises(ParameterError, match="already resolved"):
            resolve_exception(con, "TR-0001", "again", date(2010, 3, 2))


def _ids(view):
    return dict(
        zip(view["kind"] + ":" + view["indicator_id"].fillna(view["member_id"]), view["exception_id"], strict=True)
    )


def test_evaluation_carries_exceptions_without_a_store(compact):
    p = parse_period("2009-10-Q1")
    ev = evaluate_period(compact, observations(ROWS), register(*"ABC"), p, default_as_at(compact, p))
    assert set(ev.exceptions["status"]) == {"new"} and ev.exceptions["raised_now"].all()
    # Before the due date (30 June + 45 days) no return is missing yet.
    early = evaluate_period(compact, observations(ROWS), register(*"ABC"), p, date(2009, 7, 31))
    assert "return-missing" not in set(early.candidates["kind"])


def test_slipping_two_periods_running(compact):
    ind = compact.indicator("pledge-committed")
    value = IndicatorValue("pledge-committed", 14.0, (), ("A",), (), 50)
    result = IndicatorResult(
        priority_id="P1",
        indicator=ind,
        value=value,
        target=ind.targets[0],
        target_value=20.0,
        expected=Fraction(1370, 91),  # 20 * 274/364 at 31 December
        status=Status("amber", "Amber", ""),
        previous_value=9.0,
        direction="improved",
        recent=(("2009-10-Q1", 5.0, Fraction(450, 91)), ("2009-10-Q2", 9.0, Fraction(10))),
    )
    # Shortfalls: Q1 450/91 - 5 = -0.05 (ahead); Q2 10 - 9 = 1; Q3 1370/91 - 14 = 96/91 = 1.05: growing twice.
    assert result.shortfall == Fraction(96, 91)
    assert slipping(result)
    steady = IndicatorResult(
        priority_id="P1",
        indicator=ind,
        value=value,
        target=ind.targets[0],
        target_value=20.0,
        expected=Fraction(1370, 91),
        status=Status("amber", "Amber", ""),
        previous_value=9.0,
        direction="improved",
        recent=(("2009-10-Q1", 3.0, Fraction(450, 91)), ("2009-10-Q2", 9.0, Fraction(10))),
    )
    # Q1 shortfall 1.95 > Q2's 1: it did not grow in both periods.
    assert not slipping(steady)


def test_quarantine_by_member_or_by_file():
    by_member = pd.DataFrame(
        {"member_id": ["M001", "M001", "M002"], "file": "q3.csv", "code": ["type-error", "missing-cell", "type-error"]}
    )
    found = quarantine_candidates(by_member)
    assert [(c.member_id, c.detail) for c in found] == [
        ("M001", "2 quarantined cell(s) (missing-cell, type-error)"),
        ("M002", "1 quarantined cell(s) (type-error)"),
    ]
    by_file = quarantine_candidates(pd.DataFrame({"file": ["q3.csv"], "code": ["unknown-member"]}))
    assert by_file[0].rule_key == "data-quality:file q3.csv"
    # A row whose member could not be read is counted against its file, not dropped.
    mixed = pd.DataFrame({"member_id": ["M001", None], "file": "q3.csv", "code": ["type-error", "unknown-member"]})
    assert [c.rule_key for c in quarantine_candidates(mixed)] == ["data-quality:M001", "data-quality:file q3.csv"]


def test_report_sections_split_new_still_open_and_resolved_this_period():
    view = pd.DataFrame(
        {
            "exception_id": ["EX-0001", "EX-0002", "EX-0003", "EX-0004", None],
            "opened_period": ["2009-10-Q1", "2009-10-Q2", "2009-10-Q1", "2009-10-Q1", None],
            "status": ["open", "open", "resolved", "resolved", "new"],
            "resolved_on": [None, None, date(2009, 8, 1), date(2009, 6, 1), None],
        }
    )
    # Q2 runs 1 July to 30 September, evidence to 14 November.
    parts = report_sections(view, "2009-10-Q2", date(2009, 7, 1), date(2009, 11, 14))
    # Opened in Q2, or raised now and not yet recorded: new. Opened in Q1 and open: still open.
    assert list(parts["new"]["exception_id"].fillna("-")) == ["EX-0002", "-"]
    assert list(parts["open"]["exception_id"]) == ["EX-0001"]
    # Resolved on 1 August (in Q2) is shown; resolved on 1 June belongs to Q1's paper.
    assert list(parts["resolved"]["exception_id"]) == ["EX-0003"]


def test_training_exceptions_join_the_register_and_persist(tmp_path, ingested_demo):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    found = pd.DataFrame(
        {
            "kind": ["budget-variance", "ring-fence-misuse"],
            "member": ["M003", "M004"],
            "directorate": ["Adult care", "Schools"],
            "priority": ["P2", "P1"],
            "period": "2009-10-Q3",
            "detail": ["projected outturn £1,200.00 against budget £1,000.00", "£50.00 of SfL grant spent on P1"],
        }
    )
    candidates = training_candidates(found)
    assert list(candidates["rule_key"]) == ["budget-variance:M003/Adult care/P2", "ring-fence-misuse:M004/Schools/P1"]
    folder = DataFolder.open(data)  # no framework needed: the register alone
    first = folder.record_training_exceptions("2009-10-Q3", candidates, date(2009, 12, 31))
    assert list(first["status"]) == ["open", "open"]
    # The next quarter the variance persists and the misuse does not: both stay open, no duplicate.
    again = folder.record_training_exceptions("2009-10-Q4", candidates.iloc[:1], date(2010, 3, 31))
    assert len(again) == 2 and set(again["status"]) == {"open"}
    assert "seen 2009-10-Q4" in again.set_index("kind").loc["budget-variance", "history"]
    # The Q4 evaluation paper counts them (both opened in Q3, still open) and lists only the plan's own.

    paper = prepare_paper("compact-2009-10", str(data), "2009-10-Q4", frameworks_dir=str(FRAMEWORKS))
    html = paper.exceptions_register()
    assert "projected outturn £1,200.00" not in html and "of SfL grant spent on P1" not in html
    assert "training budget line materially off budget" not in html
    assert (
        "0 budget variances and 0 cases of ring-fence misuse new this period, 1 budget variance and "
        "1 case of ring-fence misuse still open from earlier periods"
    ) in html


def test_quarantined_rows_raise_their_exception_in_their_own_period_only():
    q = pd.DataFrame(
        {
            "member_id": ["M001", "M002", None],
            "file": "q.csv",
            "code": "type-error",
            "period_end": pd.to_datetime(["2009-09-30", "2009-12-31", None]),
        }
    )
    # Q2 (July to September): M001's row and the row with no readable period; M002's row waits for Q3.
    rows = quarantine_of_period(q, date(2009, 7, 1), date(2009, 9, 30))
    assert [c.rule_key for c in quarantine_candidates(rows)] == ["data-quality:M001", "data-quality:file q.csv"]


def test_the_evaluation_paper_counts_training_exceptions_and_lists_the_rest():
    frame = pd.DataFrame({"kind": ["red", "budget-variance", "budget-variance", "ring-fence-misuse", "return-missing"]})
    sections = {"new": frame, "open": frame.iloc[:1], "resolved": frame.iloc[0:0]}
    assert training_counts(sections) == {
        "new": {"budget-variance": 2, "ring-fence-misuse": 1},
        "open": {"budget-variance": 0, "ring-fence-misuse": 0},
        "resolved": {"budget-variance": 0, "ring-fence-misuse": 0},
    }
    kept = without_training(sections)
    assert kept["new"]["kind"].tolist() == ["red", "return-missing"] and kept["open"]["kind"].tolist() == ["red"]


def test_history_lists_successive_sightings_under_one_seen():
    events = pd.DataFrame(
        {
            "event": ["opened", "seen", "seen", "resolved", "reopened", "seen"],
            "period": ["2009-10-Q1", "2009-10-Q2", "2009-10-Q3", None, "2009-10-Q4", "2010-11-Q1"],
            "on_date": [date(2009, 8, 14), date(2009, 11, 14), date(2010, 2, 14), date(2010, 3, 1), date(2010, 5, 15),
                        date(2010, 8, 14)],
            "note": [None, None, None, "Signed up", None, None],
        }
    )  # fmt: skip
    assert history_text(events) == (
        "opened 2009-10-Q1; seen 2009-10-Q2, 2009-10-Q3; resolved 2010-03-01 (1 March 2010: Signed up); "
        "reopened 2009-10-Q4; seen 2010-11-Q1"
    )
