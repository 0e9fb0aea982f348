"""A measure's ``decimals``: a return giving more places is quarantined with its reason, never rounded."""

from __future__ import annotations

import csv
from datetime import date

import duckdb
import pytest

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.number_rules import places_sql
from compact_analysis.evidence.store import observations_as_at, open_store, quarantine
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.members import load_register


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("62.5", 1),  # one digit after the point
        ("62.50", 1),  # a trailing zero is not a place: 62.50 = 62.5
        ("100", 0),
        ("1.25e1", 1),  # 12.5
        ("1500e-3", 1),  # 1.5
        ("£1,250.75", 2),
        ("0.000", 0),  # zero
        ("-0.125", 3),
    ],
)
def test_decimal_places_are_counted_from_the_text(text, places):
    con = duckdb.connect()
    assert con.execute(f"SELECT {places_sql('t')} FROM (SELECT ? AS t)", [text]).fetchone()[0] == places


def _framework(compact) -> Framework:
    """The compact framework with one more measure: a percentage given to one decimal place."""
    data = compact.model_dump()
    data["measures"].append(
        {"id": "pass-rate", "name": "Pass rate", "type": "number", "unit": "%", "minimum": 0, "maximum": 100,
         "decimals": 1}
    )  # fmt: skip
    return Framework.model_validate(data)


def test_more_places_than_the_measure_allows_are_quarantined_not_rounded(tmp_path, compact, ingested_demo):
    framework = _framework(compact)
    path = tmp_path / "return.csv"
    rows = [
        ["member_id", "measure_id", "period", "value", "comment", "submitted"],
        ["M003", "pass-rate", "2009-10-Q1", "62.5", "", "2009-07-10"],  # one place: kept
        ["M004", "pass-rate", "2009-10-Q1", "62.55", "", "2009-07-10"],  # two: quarantined, not 62.6
        ["M005", "pass-rate", "2009-10-Q1", "70.50", "", "2009-07-10"],  # 70.5: one place, kept
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, framework, register)
        found = quarantine(con)
        kept = observations_as_at(con, date(2009, 7, 10))
    assert (result.accepted, result.quarantined) == (2, 1)
    assert [(int(r.row), r.column, r.value, r.code) for r in found.itertuples()] == [
        (3, "value", "62.55", "constraint-error")
    ]
    assert "at most 1" in found["message"].iloc[0] and "not rounded" in found["message"].iloc[0]
    assert sorted(kept["value_number"]) == [62.5, 70.5]
