"""A paper is a record as at its evidence date: its tables list only what had been submitted by then,
and a figure nobody returned is shown as "No data", never as 0."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from compact_analysis.presentation.paper import prepare_paper
from tests.helpers import FRAMEWORKS, evaluate_rows, register

COUNTS = ["name", "rows_read", "accepted", "quarantined", "duplicates"]


@pytest.fixture(scope="module")
def q2_paper(ingested_demo):
    return prepare_paper(
        "compact-2009-10", str(ingested_demo.store.parent), "2009-10-Q2", frameworks_dir=str(FRAMEWORKS)
    )


def test_the_q2_paper_lists_only_rows_submitted_by_its_evidence_date(q2_paper):
    # Evidence up to 14 November 2009. Counted from the demo's return files (submitted column):
    # Q1.csv: all 578 rows sent by 3 August and the 328 outcome rows (issue #21 item 7, 7 July to 9 August)
    # after them: 906; Q2.csv: 578 of its first 603 rows by 14 November (25 came later) and all 352 outcome
    # rows (5 October to 7 November): 930;
    # Q3.csv: 70 rows dated 3 November (October's monthly returns, 4 of them planted faults) plus the row
    # whose date "31/13/2009" cannot be read, counted from the file's earliest date, 3 November: 71 rows,
    # 5 quarantined; its stage-backwards row, sent 29 April 2010, is not yet listed.
    # Q4.csv (from February 2010) and the corrections file (19 February 2010) are not listed at all.
    assert q2_paper.files[COUNTS].values.tolist() == [
        ["2009-10-Q1.csv", 906, 906, 0, 0],
        ["2009-10-Q2.csv", 930, 930, 0, 0],
        ["2009-10-Q3.csv", 71, 66, 5, 0],
    ]
    assert sorted(q2_paper.quarantined["row"].astype(int)) == [604, 605, 606, 607, 608]
    shown = q2_paper.data_quality() + q2_paper.inputs_appendix()
    assert "Returns ingested: rows submitted by 14 November 2009" in shown
    assert "2009-10-Q3.csv" in shown
    assert "2009-10-Q4.csv" not in shown and "2009-10-corrections.csv" not in shown and "stage-backwards" not in shown


def test_a_paper_after_the_last_return_lists_every_file_whole(ingested_demo):
    data = str(ingested_demo.store.parent)
    paper = prepare_paper("compact-2009-10", data, "2009-10-Q4", as_at="2010-12-31", frameworks_dir=str(FRAMEWORKS))
    # The demo's last return is dated 29 July 2010: by the end of 2010 every row of every file had been sent,
    # so each file is listed with the counts its ingest reconciliation gave.
    expected = [[r.file, r.rows_read, r.accepted, r.quarantined, r.duplicates] for r in ingested_demo.reconciliations]
    assert paper.files[COUNTS].values.tolist() == expected


def test_a_figure_nobody_returned_is_no_data_in_the_summary_table(q2_paper, compact):
    # A and B returned pledge levels for Q2 and nothing else: the test-event count has no return, so it is
    # shown as "No data" (the table behind exports holds no value), never as 0; the pledge count is 1 (A committed).
    rows = """
A,pledge-level,2009-10-Q2,2009-09-30,committed,,2009-10-10
B,pledge-level,2009-10-Q2,2009-09-30,not-committed,,2009-10-10
"""
    evaluation = evaluate_rows(compact, rows, register("A", "B"), "2009-10-Q2")
    table = evaluation.table().set_index("indicator_id")
    assert pd.isna(table.at["sfl-test-event", "value"]) and pd.isna(table.at["sfl-test-event", "share_of_members"])
    assert table.at["pledge-committed", "value"] == 1 and table.at["pledge-committed", "share_of_members"] == 0.5
    html = dataclasses.replace(q2_paper, evaluation=evaluation, history=(evaluation,)).summary_table()
    row = re.search(r"<tr><td>P2</td><td>Members committed to a &#x27;test the organisation&#x27; event</td>"
                    r"<td>([^<]*)</td>", html)  # fmt: skip
    assert row is not None and row.group(1) == "No data"
