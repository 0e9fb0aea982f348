"""Training records and budgets: every row stored or quarantined, learner keys mapped to surrogates."""

import duckdb
import pandas as pd
import pytest

from compact_analysis.errors import InputError
from compact_analysis.training.config import load_training_config
from compact_analysis.training.records import (
    TrainingReason,
    current_budgets,
    ingest_training_budgets,
    ingest_training_records,
    training_quarantine,
)

HEADER = "member_id,directorate,learner_key,course,category,start_date,end_date,hours,cost,funding_source,status\n"
GOOD = [
    "M001,Alpha,LK-aaa,Numeracy L1,skills-for-life,2009-04-10,2009-04-12,3.5,115.00,core-budget,completed",
    "M001,Alpha,LK-aaa,Literacy L1,skills-for-life,2009-05-03,,2,50,skills-for-life-grant,Enrolled",
    'M002,Beta,LK-bbb,Kent Manager,leadership-management,2009-07-15,2009-07-16,1.25,"1,500.50",leadership-grant,completed',
]
BAD = [
    ("M003,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,10,core-budget,completed", "unknown-member"),
    ("M001,Alpha,LK-ccc,X,knitting,2009-04-10,,1,10,core-budget,completed", "unknown-category"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,10,lottery,completed", "unknown-funding-source"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,10/04/2009,,1,10,core-budget,completed", "type-error"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,2009-04-01,1,10,core-budget,completed", "constraint-error"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,twelve,core-budget,completed", "type-error"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,-4.00,core-budget,completed", "constraint-error"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,10.001,core-budget,completed", "type-error"),
    ("M001,Alpha,,X,skills-for-life,2009-04-10,,1,10,core-budget,completed", "missing-cell"),
    ("M001,Alpha,LK-ccc,X,skills-for-life,2009-04-10,,1,10,core-budget,passed", "constraint-error"),
]
MEMBERS = pd.Series(["M001", "M002"])


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _write(path, lines):
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_rows_stored_with_exact_pence_and_minutes(con, tmp_path):
    result = ingest_training_records(con, _write(tmp_path / "r.csv", GOOD), load_training_config(), MEMBERS)
    assert (result.rows_read, result.accepted, result.quarantined) == (3, 3, 0)
    rows = con.execute(
        "SELECT learner_id, priority, minutes, cost_pence, status FROM training_records ORDER BY source_row"
    ).fetchall()
    # 3.5 h = 210 min, 2 h = 120, 1.25 h = 75; £115.00 = 11500p, £50 = 5000p, £1,500.50 = 150050p
    assert rows == [
        (1, "P2", 210, 11500, "completed"),
        (1, "P2", 120, 5000, "enrolled"),
        (2, "P6", 75, 150050, "completed"),
    ]


def test_each_bad_row_quarantined_with_its_code(con, tmp_path):
    lines = GOOD + [line for line, _ in BAD]
    result = ingest_training_records(con, _write(tmp_path / "r.csv", lines), load_training_config(), MEMBERS)
    assert result.balanced and (result.accepted, result.quarantined) == (3, len(BAD))
    failures = training_quarantine(con)
    by_row = failures.groupby("row")["code"].apply(set).to_dict()
    for offset, (_, code) in enumerate(BAD):
        assert code in by_row[len(GOOD) + offset + 2], (offset, code)  # header is row 1
    assert set(failures["code"]) <= {reason.value for reason in TrainingReason}


def test_learner_keys_keep_their_surrogate_across_files_and_reingest_is_a_no_op(con, tmp_path):
    config = load_training_config()
    ingest_training_records(con, _write(tmp_path / "a.csv", GOOD[:1]), config)
    second = "M001,Alpha,LK-zzz,Y,apprenticeship,2009-06-01,,7,900.00,apprenticeship-levy,enrolled"
    ingest_training_records(con, _write(tmp_path / "b.csv", [second, GOOD[1]]), config)
    again = ingest_training_records(con, tmp_path / "b.csv", config)
    assert again.already_ingested
    keys = dict(con.execute("SELECT learner_key, learner_id FROM learner_keys").fetchall())
    assert keys == {"LK-aaa": 1, "LK-zzz": 2}
    assert con.execute("SELECT count(*) FROM training_records").fetchall()[0][0] == 3


def test_missing_column_stops_with_a_clear_error(con, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("member_id,cost\nM001,10\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        ingest_training_records(con, path, load_training_config())


def test_budgets_latest_file_wins_and_bad_rows_quarantined(con, tmp_path):
    config = load_training_config()
    first = tmp_path / "b1.csv"
    first.write_text(
        'member_id,directorate,priority,year,budget\nM001,Alpha,P2,2009-10,300.00\nM001,Alpha,P6,2009-10,"1,000"\n',
        encoding="utf-8",
    )
    second = tmp_path / "b2.csv"
    second.write_text(
        "member_id,directorate,priority,year,budget\nM001,Alpha,P2,2009-10,450.50\n"
        "M001,Alpha,P9,2009-10,10\nM001,Alpha,P3,2009-11,10\nM001,Alpha,P3,2009-10,lots\n",
        encoding="utf-8",
    )
    ingest_training_budgets(con, first, config)
    result = ingest_training_budgets(con, second, config)
    assert (result.accepted, result.quarantined) == (1, 3)
    assert set(training_quarantine(con)["code"]) == {"unknown-priority", "type-error"}
    budgets = current_budgets(con, "2009-10")
    # P2 superseded by the second file (£450.50 = 45050p); P6 kept from the first (£1,000 = 100000p)
    assert budgets[["priority", "budget_pence"]].values.tolist() == [["P2", 45050], ["P6", 100000]]


def test_config_problems_are_named(tmp_path):
    bad = tmp_path / "config.yaml"
    bad.write_text("budget_variance_tolerance: lots\ncategories: {}\nfunding_sources:\n  g: {ring_fenced: true}\n")
    with pytest.raises(InputError) as caught:
        load_training_config(bad)
    message = str(caught.value)
    assert "budget_variance_tolerance" in message and "categories" in message and "needs a purpose" in message
