"""stage-backwards and a recurring milestone (issue #21): a new cycle may start again from an earlier stage.

tests/data/frameworks/recurring.yaml: a survey due 31 December each year, so a new cycle starts on
1 January 2010 and on 1 January 2011.
"""

from __future__ import annotations

import csv
from pathlib import Path

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store, quarantine
from compact_analysis.plan.framework import load_framework
from tests.helpers import register

RECURRING = Path(__file__).resolve().parent.parent / "data" / "frameworks" / "recurring.yaml"
HEADER = ["member_id", "measure_id", "period", "value", "comment", "submitted"]


def _ingest(tmp_path, rows):
    path = tmp_path / "survey.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, load_framework(RECURRING), register("P"))
        found = quarantine(con)
    return result, [(int(r.row), r.code) for r in found.itertuples()]


def test_in_progress_after_last_cycles_delivery_is_accepted(tmp_path):
    rows = [
        ["P", "survey", "2009-10-Q3", "delivered", "", "2009-12-20"],  # cycle 1 (to 31 Dec 2009)
        ["P", "survey", "2009-10-Q4", "in-progress", "", "2010-04-10"],  # cycle 2 starts again: accepted
        ["P", "survey", "2010-11-Q4", "not-started", "", "2011-04-10"],  # cycle 3 (from 1 Jan 2011): accepted
    ]
    result, failures = _ingest(tmp_path, rows)
    assert (result.accepted, failures) == (3, [])


def test_a_stage_going_back_within_one_cycle_is_still_quarantined(tmp_path):
    rows = [
        ["P", "survey", "2010-11-Q1", "delivered", "", "2010-07-10"],  # cycle 2 (1 Jan-31 Dec 2010)
        ["P", "survey", "2010-11-Q2", "in-progress", "", "2010-10-10"],  # same cycle, lower stage
    ]
    result, failures = _ingest(tmp_path, rows)
    # The file's row 3 (after the header) goes backwards.
    assert (result.accepted, failures) == (1, [(3, "stage-backwards")])
