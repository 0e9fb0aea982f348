"""Training records and budgets under the returns' number rules: nothing rounded, overflowed or guessed (#22, 9)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.training.config import load_training_config
from compact_analysis.training.records import ingest_training_budgets, ingest_training_records, training_quarantine

HEADER = "member_id,directorate,learner_key,course,category,start_date,end_date,hours,cost,funding_source,status\n"
ROW = 'M001,Alpha,LK-{k},X,skills-for-life,2009-04-10,,{hours},"{cost}",core-budget,completed\n'
MEMBERS = pd.Series(["M001"])


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def test_training_numbers_are_never_rounded_or_overflowed(con, tmp_path):
    """Training costs 1,5 / 1_000 / 12.345 / a 25-digit amount / NaN, hours 2000.004 and 3.333, and 1,500 and 2.5 h.
    The seven quarantined as type-error (never 15, 1000, 12.35, a DuckDB error or 2000 hours); 1,500 is 150000p."""
    cells = [("1", "1,5"), ("1", "1_000"), ("1", "12.345"), ("1", "9" * 25), ("1", "NaN"), ("2000.004", "10")]
    cells += [("3.333", "10"), ("2.5", "1,500")]
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "".join(ROW.format(k=i, hours=h, cost=c) for i, (h, c) in enumerate(cells)))
    result = ingest_training_records(con, path, load_training_config(), MEMBERS)
    assert result.balanced and (result.accepted, result.quarantined) == (1, 7)
    failed = training_quarantine(con)
    assert sorted(zip(failed["row"], failed["column"], failed["code"], strict=True)) == [
        (2, "cost", "type-error"),
        (3, "cost", "type-error"),
        (4, "cost", "type-error"),
        (5, "cost", "type-error"),
        (6, "cost", "type-error"),
        (7, "hours", "type-error"),
        (8, "hours", "type-error"),
    ]
    # 2.5 h = 150 minutes; £1,500 = 150,000 pence
    assert con.execute("SELECT minutes, cost_pence FROM training_records").fetchall() == [(150, 150000)]


def test_budgets_follow_the_same_rules(con, tmp_path):
    """Budgets 1,5 and 12.345 and a 20-digit amount, and one of 12,000.
    The three quarantined as type-error; 12,000 stored as 1,200,000 pence."""
    path = tmp_path / "budgets.csv"
    rows = [("P2", "1,5"), ("P3", "12.345"), ("P4", "9" * 20), ("P6", "12,000")]
    path.write_text(
        "member_id,directorate,priority,year,budget\n" + "".join(f'M001,Alpha,{p},2009-10,"{b}"\n' for p, b in rows)
    )
    result = ingest_training_budgets(con, path, load_training_config())
    assert (result.accepted, result.quarantined) == (1, 3)
    assert set(training_quarantine(con)["code"]) == {"type-error"}
    assert con.execute("SELECT budget_pence FROM training_budgets").fetchall() == [(1_200_000,)]


def test_a_training_file_naming_a_column_twice(con, tmp_path):
    """A training-records file whose header names cost twice.
    InputError duplicate-column naming the file and the column; nothing stored."""
    path = tmp_path / "records.csv"
    path.write_text(HEADER.replace("funding_source", "cost") + ROW.format(k=1, hours=1, cost=10))
    with pytest.raises(InputError, match=r"records\.csv: column cost appears more than once") as caught:
        ingest_training_records(con, path, load_training_config(), MEMBERS)
    assert caught.value.code == ErrorCode.DUPLICATE_COLUMN
