import shutil
from datetime import date
from fractions import Fraction

import pandas as pd
import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ParameterError
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
from compact_analysis.evaluation.register import (
    _history_text,
    reconcile,
    record_exceptions,
    register_view,
    report_sections,
    resolve_exception,
)
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


def _record(con, compact, period):
    p = parse_period(period)
    log = (exception_register(con), exception_events(con))
    ev = evaluate_period(compact, observations(ROWS), register(*"ABC"), p, default_as_at(compact, p), exception_log=log)
    return ev, record_exceptions(con, ev)


def _ids(view):
    return dict(
        zip(view["kind"] + ":" + view["indicator_id"].fillna(view["member_id"]), view["exception_id"], strict=True)
    )


def test_exceptions_persist_until_resolved_and_reopen_on_recurrence(tmp_path, compact):
    with open_store(tmp_path / "store.duckdb") as con:
        _, q1 = _record(con, compact, "2009-10-Q1")
        ids = _ids(q1)
        # Q1 as at 14 Aug: committed A, B = 2 against 20 * 90/364 = 4.95 (2 < 4.45): red. C sent nothing: missing.
        assert "red:pledge-committed" in ids and "return-missing:C" in ids
        assert (q1["status"] == "open").all()
        _, q2 = _record(con, compact, "2009-10-Q2")
        # C returned for Q2, so its exception is not raised again, but it stays open until someone resolves it.
        row = q2.set_index("exception_id").loc[ids["return-missing:C"]]
        assert row["status"] == "open" and not row["raised_now"]
        # The Procurement target was due to be set by 31 July: overdue from Q2, a new exception.
        assert "target-overdue:procurement-value" in _ids(q2)
        resolve_exception(con, ids["return-missing:C"], "C's return arrived late and was chased", date(2009, 11, 20))
        _, q3 = _record(con, compact, "2009-10-Q3")
        # C misses Q3 as well: the same exception reopens; no duplicate id.
        assert _ids(q3)["return-missing:C"] == ids["return-missing:C"]
        assert (q3["kind"] == "return-missing").sum() == 1
        reopened = q3.set_index("exception_id").loc[ids["return-missing:C"]]
        assert reopened["status"] == "open" and reopened["raised_now"]
        assert "resolved" in reopened["history"] and "reopened 2009-10-Q3" in reopened["history"]
        # Recording the same period again adds nothing.
        before = len(exception_events(con))
        _record(con, compact, "2009-10-Q3")
        assert len(exception_events(con)) == before
    # The register persists in the store file across connections.
    with open_store(tmp_path / "store.duckdb", read_only=True) as con:
        view = register_view(exception_register(con), exception_events(con))
        assert set(_ids(view).values()) == set(_ids(q3).values())


def test_resolving_is_checked(tmp_path, compact):
    with open_store(tmp_path / "store.duckdb") as con:
        _, q1 = _record(con, compact, "2009-10-Q1")
        eid = q1["exception_id"].iloc[0]
        with pytest.raises(ParameterError, match="no exception EX-9999"):
            resolve_exception(con, "EX-9999", "note", date(2009, 12, 1))
        with pytest.raises(ParameterError, match="needs a note"):
            resolve_exception(con, eid, " ", date(2009, 12, 1))
        with pytest.raises(ParameterError, match="cannot be resolved on"):
            resolve_exception(con, eid, "too early", date(2009, 1, 1))
        resolve_exception(con, eid, "dealt with", date(2009, 12, 1))
        with pytest.raises(ParameterError, match="already resolved"):
            resolve_exception(con, eid, "again", date(2009, 12, 2))
        # A report as at a date before the resolution still shows it open.
        before = register_view(exception_register(con), exception_events(con), date(2009, 11, 30))
        assert before.set_index("exception_id").loc[eid, "status"] == "open"


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


def test_command_line_update_list_resolve(tmp_path, ingested_demo):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    runner = CliRunner()
    fw = ["--frameworks-dir", str(FRAMEWORKS)]
    done = runner.invoke(main, ["exceptions", "update", "--data", str(data), "--period", "2009-10-Q1", *fw])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(main, ["exceptions", "list", "--data", str(data)])
    # The demo plants members that never return: each is an open "return-missing" exception.
    never = ingested_demo.demo.never_return
    assert all(f"return-missing    {m}" in listed.output for m in never), listed.output
    first = listed.output.split()[0]
    done = runner.invoke(
        main, ["exceptions", "resolve", first, "--data", str(data), "--note", "chased", "--date", "2009-12-01"]
    )
    assert done.exit_code == 0 and "resolved" in done.output
    resolved = runner.invoke(main, ["exceptions", "list", "--data", str(data), "--status", "resolved"])
    assert first in resolved.output and "chased" in resolved.output
    bad = runner.invoke(
        main, ["exceptions", "resolve", "EX-9999", "--data", str(data), "--note", "x", "--date", "2009-12-01"]
    )
    assert bad.exit_code == 2 and bad.output.startswith("error: ")


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


def test_the_paper_shows_exceptions_recorded_earlier_as_still_open(tmp_path, ingested_demo, compact):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    DataFolder.open(data, frameworks_dir=FRAMEWORKS).record_periods(
        ["2009-10-Q2", "2009-10-Q1"]
    )  # recorded in time order whatever the order given
    paper = prepare_paper("compact-2009-10", str(data), "2009-10-Q2", frameworks_dir=str(FRAMEWORKS))
    ev = paper.evaluation
    parts = report_sections(ev.exceptions, "2009-10-Q2", ev.period_start, ev.as_at)
    with open_store(data / "store.duckdb", read_only=True) as con:
        opened = exception_register(con)
    from_q1 = set(opened.loc[opened["opened_period"] == "2009-10-Q1", "exception_id"])
    # Nothing was resolved, so every exception opened in Q1 is still open in Q2's paper, and only those.
    assert from_q1 and set(parts["open"]["exception_id"]) == from_q1
    assert set(parts["new"]["exception_id"]) == set(opened.loc[opened["opened_period"] == "2009-10-Q2", "exception_id"])
    assert "still open from earlier periods" in paper.exceptions_register()


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


def test_an_earlier_period_rendered_after_a_later_one_shows_the_exception_from_then(tmp_path, ingested_demo, compact):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    folder = DataFolder.open(data, frameworks_dir=FRAMEWORKS)
    folder.record_period("2009-10-Q4")  # the latest period first, as `make report` does
    view = folder.record_period("2009-10-Q2")  # then a past period is re-run
    q2 = parse_period("2009-10-Q2")
    parts = report_sections(view, "2009-10-Q2", q2.start(), default_as_at(compact, q2))
    raised = view[view["raised_now"]]
    # Everything Q2's rules raise has an id: those Q4 opened first are shown from Q2, the earliest event.
    assert raised["exception_id"].notna().all() and len(raised)
    assert set(parts["new"]["exception_id"]) == set(raised["exception_id"])
    # Read in date order, such an exception opened in Q2 and was seen again in Q4 (stored: opened Q4, seen Q2).

    with open_store(data / "store.duckdb", read_only=True) as con:
        whole = register_view(exception_register(con), exception_events(con))
    both = whole[whole["exception_id"].isin(raised["exception_id"]) & whole["history"].str.contains("2009-10-Q4")]
    assert len(both) and (both["history"] == "opened 2009-10-Q2; seen 2009-10-Q4").all()


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


def test_a_resolved_data_quality_exception_reopens_only_when_new_cells_arrive(tmp_path):
    with open_store(tmp_path / "store.duckdb") as con:

        def run(detail, period, on):
            frame = candidates_frame([Candidate("data-quality", "file q.csv", None, "Analyst", detail)])
            opened, events = reconcile(exception_register(con), exception_events(con), frame, period, on)
            append_exceptions(con, opened, events)
            return events

        run("2 quarantined cell(s) (type-error)", "2009-10-Q2", date(2009, 11, 14))
        resolve_exception(con, "EX-0001", "Member re-sent the rows", date(2009, 12, 1))
        # The same two cells are still in quarantine next quarter: that is not a recurrence.
        assert run("2 quarantined cell(s) (type-error)", "2009-10-Q3", date(2010, 2, 14)).empty
        # A third cell arrives: it has recurred, and the same exception reopens.
        events = run("3 quarantined cell(s) (type-error)", "2009-10-Q4", date(2010, 5, 15))
        assert list(events["event"]) == ["reopened"] and list(events["exception_id"]) == ["EX-0001"]


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
    assert _history_text(events) == (
        "opened 2009-10-Q1; seen 2009-10-Q2, 2009-10-Q3; resolved 2010-03-01 (1 March 2010: Signed up); "
        "reopened 2009-10-Q4; seen 2010-11-Q1"
    )
