"""Actions' slippage and impact exceptions in the derived register: raised, resolved and reopened like the
others, and the same as at a date whatever was recorded after it (LEA demo, seed 002)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from compact_analysis.folder import DataFolder
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


@pytest.fixture(scope="module")
def lea_demo(tmp_path_factory) -> DataFolder:
    folder = DataFolder.open(tmp_path_factory.mktemp("lea"), LEA)
    folder.init_demo(seed=2004, members=12)
    folder.ingest(ingested_at=datetime(2005, 4, 30))
    folder.ingest_actions(ingested_at=datetime(2005, 4, 30))
    return folder


def _slippage(view):
    return view[view["kind"] == "slippage"].set_index("rule_key")


def test_progress_returns_are_ingested_once(lea_demo):
    again = lea_demo.ingest_actions(ingested_at=datetime(2005, 5, 1))
    assert [(a.file, a.skipped) for a in again] == [("progress-2004-05.csv", True)]


def test_an_overdue_action_opens_slippage_that_stays_open_until_resolved(lea_demo):
    # BP-3 is due 30 November 2004 and never reported: term 2's paper (as at 7 January 2005) opens it;
    # term 3's (as at 14 April 2005) still shows it open, seen again.
    term_2 = _slippage(lea_demo.exceptions_as_at(period="2004-05-T2"))
    assert list(term_2.index) == ["slippage:action BP-3"]
    assert term_2.loc["slippage:action BP-3", "status"] == "open"
    assert term_2.loc["slippage:action BP-3", "owner"] == "Personnel"
    term_3 = _slippage(lea_demo.exceptions_as_at(period="2004-05-T3"))
    assert term_3.loc["slippage:action BP-3", "history"] == "opened 2004-05-T2; seen 2004-05-T3"


def test_resolving_slippage_is_reproducible_as_at_a_date(tmp_path, lea_demo):
    copy = tmp_path / "store.duckdb"
    copy.write_bytes(lea_demo.store_path.read_bytes())
    folder = DataFolder.open(lea_demo.path, LEA, copy)
    before = folder.exceptions_as_at(period="2004-05-T2")
    eid = _slippage(before).loc["slippage:action BP-3", "exception_id"]
    folder.resolve(eid, "appraisal round finished in the spring term", date(2005, 1, 20))
    # As at 7 January the paper is as it was; as at 20 January the exception is resolved.
    again = folder.exceptions_as_at(period="2004-05-T2")
    assert again.drop(columns="history").equals(before.drop(columns="history"))
    later = _slippage(folder.exceptions_as_at(date(2005, 1, 20)))
    assert later.loc["slippage:action BP-3", "status"] == "resolved"
    # BP-3 is still not done, so term 3's raising (as at 14 April 2005) reopens it, like any other exception.
    term_3 = _slippage(folder.exceptions_as_at(period="2004-05-T3"))
    assert term_3.loc["slippage:action BP-3", "status"] == "open"
    assert "reopened 2004-05-T3" in term_3.loc["slippage:action BP-3", "history"]


def test_a_bad_progress_row_is_quarantined_with_its_reason_never_dropped(tmp_path):
    folder = DataFolder.open(tmp_path, LEA)
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "late.csv").write_text(
        "action_id,reported_on,status,done_on,note,reported_by\n"
        "BP-3,2004-12-20,done,2004-12-18,=cmd|' /C calc'!A0,Personnel\n"
        "BP-9,2004-12-20,in-progress,,,Personnel\n",
        encoding="utf-8",
    )
    [result] = folder.ingest_actions(ingested_at=datetime(2005, 1, 2))
    assert (result.rows_read, result.accepted, result.quarantined) == (2, 1, 1)
    with folder.connect(read_only=True) as con:
        kept = con.execute("SELECT action_id, note FROM action_progress").fetchall()
        held = con.execute('SELECT row, "column", code FROM action_quarantine').fetchall()
    assert kept == [("BP-3", "=cmd|' /C calc'!A0")]  # stored as written
    assert held == [(3, "action_id", "unknown-action")]
    reasons = (tmp_path / "quarantine" / "actions-late.csv").read_text(encoding="utf-8")
    assert "unknown-action" in reasons and "BP-9" in reasons
