"""The synthetic training generator: deterministic from a seed, any size, ingests cleanly but for planted rows."""

import duckdb
import pandas as pd

from compact_analysis.training_config import load_training_config
from compact_analysis.training_demo import generate_training_demo, training_frame, write_training_parquet
from compact_analysis.training_records import ingest_training_budgets, ingest_training_records, training_quarantine


def test_same_seed_same_records_other_seed_differs():
    pd.testing.assert_frame_equal(training_frame(5, 2000), training_frame(5, 2000))
    assert not training_frame(5, 2000).equals(training_frame(6, 2000))


def test_records_are_within_the_year_and_consistent():
    frame = training_frame(1, 5000, members=10)
    assert len(frame) == 5000 and frame["member_id"].nunique() == 10
    assert frame["start_date"].min() >= pd.Timestamp("2009-04-01")
    assert frame["start_date"].max() <= pd.Timestamp("2010-03-31")
    assert (frame["end_date"] >= frame["start_date"]).all() and (frame["cost_pence"] > 0).all()
    # each learner belongs to one member and one directorate
    assert (frame.groupby("learner_id", observed=True)[["member_id", "directorate"]].nunique() == 1).all().all()


def test_demo_files_ingest_with_only_the_planted_rows_quarantined(tmp_path):
    demo = generate_training_demo(tmp_path, seed=3, rows=800)
    con = duckdb.connect()
    records = ingest_training_records(con, demo.records_file, load_training_config())
    budgets = ingest_training_budgets(con, demo.budgets_file, load_training_config())
    assert (records.rows_read, records.accepted, records.quarantined) == (803, 800, 3)
    assert budgets.quarantined == 0 and budgets.accepted > 0
    assert set(training_quarantine(con)["code"]) == {"type-error", "unknown-category", "constraint-error"}


def test_parquet_has_the_rows_asked_for(tmp_path):
    path = write_training_parquet(tmp_path / "r.parquet", seed=1, rows=2500, chunk=1000)
    [(count, learners_type)] = duckdb.sql(
        f"SELECT count(*), any_value(typeof(learner_id)) FROM read_parquet('{path}')"
    ).fetchall()
    assert (count, learners_type) == (2500, "INTEGER")
