"""The committed-members count for each demo period, checked against a count made
independently of the package: straight from the raw CSV files with the csv module."""

import csv
from datetime import date

import pytest

from compact_analysis.evaluation.evaluate import default_as_at
from compact_analysis.plan.periods import parse_period
from tests.helpers import evaluate_demo

QUARTER_ENDS = {"Q1": date(2009, 6, 30), "Q2": date(2009, 9, 30), "Q3": date(2009, 12, 31), "Q4": date(2010, 3, 31)}
COMMITTED = {"committed", "stage-2", "stage-3"}


def _independent_count(demo, quarter: str, as_at: date) -> int:
    """Members deemed on the quarter end whose latest pledge return (by period, then submitted) is committed."""
    members = {}
    with open(demo.members_file, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            joined = date.fromisoformat(row["joined"])
            left = date.fromisoformat(row["left"]) if row["left"] else date.max
            if row["deemed"] == "yes" and joined <= QUARTER_ENDS[quarter] <= left:
                members[row["member_id"]] = None
    latest = {}
    for path in demo.return_files:
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                q = row["period"][-2:]
                if row["measure_id"] != "pledge-level" or q not in QUARTER_ENDS:
                    continue
                try:
                    submitted = date.fromisoformat(row["submitted"])
                except ValueError:
                    continue
                if QUARTER_ENDS[q] > QUARTER_ENDS[quarter] or submitted > as_at or row["member_id"] not in members:
                    continue
                key = (QUARTER_ENDS[q], submitted)
                if row["member_id"] not in latest or key >= latest[row["member_id"]][0]:
                    latest[row["member_id"]] = (key, row["value"])
    return sum(1 for _, value in latest.values() if value in COMMITTED)


@pytest.mark.parametrize("quarter", ["Q1", "Q2", "Q3", "Q4"])
def test_committed_count_matches_an_independent_count(ingested_demo, compact, quarter):
    as_at = default_as_at(compact, parse_period(f"2009-10-{quarter}"))
    evaluation = evaluate_demo(ingested_demo, compact, f"2009-10-{quarter}")
    assert evaluation.result("pledge-committed").value.value == _independent_count(ingested_demo.demo, quarter, as_at)
