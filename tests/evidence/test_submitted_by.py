"""The store's files and quarantine as at an evidence date: only rows submitted by then count."""

from __future__ import annotations

import csv
from datetime import date

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.evidence.submitted_by import files_as_at, quarantine_as_at
from compact_analysis.plan.members import load_register

HEADER = ["member_id", "measure_id", "period", "value", "comment", "submitted", "correction"]


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])


def _ingest(tmp_path, compact, ingested_demo, files):
    register = load_register(ingested_demo.demo.members_file)
    store = tmp_path / "store.duckdb"
    with open_store(store) as con:
        for name, rows in files.items():
            _write(tmp_path / name, rows)
            ingest_returns(con, tmp_path / name, compact, register)
    return store


def test_a_file_sent_on_both_sides_of_the_date_counts_only_the_rows_sent_by_then(tmp_path, compact, ingested_demo):
    early = ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10", ""]
    late = ["M004", "pledge-level", "2009-10-Q2", "committed", "", "2009-12-01", ""]
    bad_early = ["M005", "pledge-level", "2009-10-Q1", "stage-9", "", "2009-07-11", ""]  # level-not-on-scale
    bad_late = ["M006", "pledge-level", "2009-10-Q2", "stage-9", "", "2009-12-02", ""]
    undated = ["M007", "pledge-level", "2009-10-Q1", "committed", "", "31/13/2009", ""]  # type-error in submitted
    store = _ingest(
        tmp_path,
        compact,
        ingested_demo,
        {
            "mixed.csv": [early, early, late, late, late, bad_early, bad_late, undated],
            "later.csv": [["M008", "pledge-level", "2009-10-Q3", "committed", "", "2010-01-05", ""]],
        },
    )
    with open_store(store, read_only=True) as con:
        before = files_as_at(con, date(2009, 7, 9))
        july = files_as_at(con, date(2009, 7, 10))
        november = files_as_at(con, date(2009, 11, 14))
        december = files_as_at(con, date(2009, 12, 2))
        q_july = quarantine_as_at(con, date(2009, 7, 10))
        q_november = quarantine_as_at(con, date(2009, 11, 14))
        q_december = quarantine_as_at(con, date(2009, 12, 2))
    # Nothing was sent before 10 July: no file is listed.
    assert before.empty
    # On 10 July: the early row and its exact duplicate (1 accepted + 1 duplicate), and the undated row,
    # which counts from the file's earliest readable date (10 July): 3 rows read.
    counts = ["name", "rows_read", "accepted", "quarantined", "duplicates"]
    assert july[counts].values.tolist() == [["mixed.csv", 3, 1, 1, 1]]
    # By 14 November: also bad_early (11 July): 4 rows; later.csv (5 January 2010) is not yet listed.
    assert november[counts].values.tolist() == [["mixed.csv", 4, 1, 2, 1]]
    # By 2 December: every row of mixed.csv (late + 2 copies, bad_late): all 8, as its reconciliation said.
    assert december[counts].values.tolist() == [["mixed.csv", 8, 2, 3, 3]]
    assert q_july["code"].tolist() == ["type-error"]
    assert sorted(q_november["code"]) == ["level-not-on-scale", "type-error"]
    assert len(q_december) == 3


def test_a_file_with_no_readable_date_is_listed_in_no_paper(tmp_path, compact, ingested_demo):
    store = _ingest(
        tmp_path,
        compact,
        ingested_demo,
        {"undated.csv": [["M003", "pledge-level", "2009-10-Q1", "committed", "", "someday", ""]]},
    )
    with open_store(store, read_only=True) as con:
        assert files_as_at(con, date(2010, 12, 31)).empty
        assert quarantine_as_at(con, date(2010, 12, 31)).empty


def test_a_store_from_before_dated_quarantine_counts_its_rows_from_the_files_first_date(
    tmp_path, compact, ingested_demo
):
    late = ["M004", "pledge-level", "2009-10-Q2", "committed", "", "2009-12-01", ""]
    bad_late = ["M006", "pledge-level", "2009-10-Q2", "stage-9", "", "2009-12-02", ""]
    early = ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10", ""]
    store = _ingest(tmp_path, compact, ingested_demo, {"mixed.csv": [early, late, late, bad_late]})
    with open_store(store) as con:  # undo migrations 4 and 5, as a store written by the previous release
        con.execute("ALTER TABLE quarantine DROP COLUMN submitted; DROP TABLE duplicate_rows")
        con.execute("DROP TABLE exception_resolutions; DROP SEQUENCE exception_resolution_ids")
        con.execute("DELETE FROM schema_migrations WHERE version >= 4")
    with open_store(store, read_only=True) as con:
        july = files_as_at(con, date(2009, 7, 10))
        q_july = quarantine_as_at(con, date(2009, 7, 10))
    # Accepted rows keep their dates (early only); the undated quarantined row and duplicate count from
    # the file's earliest date, 10 July: 1 accepted + 1 quarantined + 1 duplicate.
    assert july[["rows_read", "accepted", "quarantined", "duplicates"]].values.tolist() == [[3, 1, 1, 1]]
    assert q_july["code"].tolist() == ["level-not-on-scale"]
