"""The synthetic training generator: deterministic from a seed, any size, ingests cleanly but for planted rows."""

import duckdb
import pandas as pd

from compact_analysis.training_config import load_training_config
from compact_analysis.training_demo import budgets_frame, generate_training_demo, training_frame, write_training_parquet
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


def _beyond_tolerance_by_hand(records: pd.DataFrame, budgets: pd.DataFrame) -> pd.Series:
    """Each budget line's projected outturn at 2009-10-Q3 against its budget, worked without the pack code.

    Q3 ends on 31 December 2009, nine months in: outturn = spend from 1 April to 31 December × 12 ÷ 9,
    half a penny up; beyond tolerance when |outturn − budget| > budget ÷ 10. Returns +1 over, −1 under, 0 within.
    """
    keys = ["member_id", "directorate", "priority"]
    to_date = records[records["start_date"] <= pd.Timestamp("2009-12-31")]
    spend = to_date.assign(**{k: to_date[k].astype(str) for k in keys}).groupby(keys)["cost_pence"].sum()
    lines = budgets.set_index(keys)
    pence = lines["budget"].str.replace(".", "", regex=False).astype("int64")
    outturn = (spend.reindex(lines.index, fill_value=0) * 24 + 9) // 18
    beyond = (outturn - pence).abs() * 10 > pence
    return beyond * ((outturn > pence).astype(int) * 2 - 1)


def test_default_demo_budgets_track_spend_with_a_few_lines_beyond_tolerance():
    records = training_frame(2009, 20_000)
    budgets = budgets_frame(records, 2009)
    assert len(budgets) == records.groupby(["member_id", "directorate", "priority"], observed=True).ngroups
    flags = _beyond_tolerance_by_hand(records, budgets)
    share = (flags != 0).mean()
    assert 0.03 <= share <= 0.08  # "a handful": roughly 3-8% of lines, the rest within 10%
    assert (flags > 0).sum() >= 10 and (flags < 0).sum() >= 10  # both directions


def test_demo_budgets_are_deterministic_and_round(tmp_path):
    records = training_frame(4, 3000)
    pd.testing.assert_frame_equal(budgets_frame(records, 4), budgets_frame(records, 4))
    assert not budgets_frame(records, 4).equals(budgets_frame(records, 5))
    pounds = budgets_frame(records, 4)["budget"].str.removesuffix(".00").astype(int)
    assert (pounds >= 1).all()
    # three significant figures at most: 26700, 4810, 523, 7 ...
    assert all(len(str(p).rstrip("0")) <= 3 for p in pounds)


def test_the_ingested_demo_shows_the_same_lines_beyond_tolerance(tmp_path):
    """Through ingest and the pack, the paper flags exactly the lines worked out by hand above."""
    from compact_analysis.training import ingest_training, init_training_demo, load_training_pack

    init_training_demo(tmp_path, seed=2009, rows=20_000)
    ingest_training(tmp_path)
    variance = load_training_pack(tmp_path, "2009-10-Q3").pack.variance
    flags = _beyond_tolerance_by_hand(
        training_frame(2009, 20_000), pd.read_csv(tmp_path / "training" / "budgets.csv", dtype=str)
    )
    assert int(variance["beyond_tolerance"].sum()) == int((flags != 0).sum())
