"""The uncertainty every table and download carries beside a number (issue #24 item 8, Code of Practice Q3)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd

from compact_analysis.evaluation.baseline import DerivedTarget
from compact_analysis.evaluation.trend import TrendForecast
from compact_analysis.presentation.indicator_tables import UNCERTAINTY_COLUMNS, sources_frame, uncertainty
from compact_analysis.presentation.uncertainty_words import chance_words, uncertainty_cell


def test_a_trend_gives_its_projection_and_interval_and_a_derived_target_its_ranges():
    trend = TrendForecast(4, "quarter", 10.0, 20.0, "higher", 2.0, 16.0, 12.0, 20.0)
    derived = DerivedTarget(5, 3, 8, None, "5 (3 to 8)", (4, 7))
    result = SimpleNamespace(forecast=trend, baseline=SimpleNamespace(target=derived))
    got = uncertainty(result)
    # By hand: the trend's own projection 16 with its interval 12 to 20; the target's bounds 3-8, interval 4-7.
    assert (got["projection_at_due"], got["projection_low"], got["projection_high"]) == (16.0, 12.0, 20.0)
    assert (got["target_low"], got["target_high"], got["target_interval_low"], got["target_interval_high"]) == (
        3.0, 8.0, 4.0, 7.0,
    )  # fmt: skip
    assert got["chance_of_meeting_target"] is None  # a trend gives an interval, not a chance


def test_without_a_forecast_or_baseline_every_uncertainty_cell_is_empty():
    got = uncertainty(SimpleNamespace(forecast=None, baseline=None))
    assert list(got) == list(UNCERTAINTY_COLUMNS) and set(got.values()) == {None}


def test_the_returns_behind_a_value_are_each_members_latest_by_the_period_end():
    sources = pd.DataFrame(
        [
            ("M1", "x", "Q1", date(2009, 6, 30), "1", date(2009, 7, 10), "q1.csv", None, 2),
            ("M1", "x", "Q2", date(2009, 9, 30), "2", date(2009, 10, 9), "q2.csv", None, 5),
            ("M1", "x", "Q3", date(2009, 12, 31), "3", date(2010, 1, 9), "q3.csv", None, 4),
            ("M2", "x", "Q1", date(2009, 6, 30), "4", date(2009, 7, 1), "q1.csv", None, 3),
            ("M2", "y", "Q2", date(2009, 9, 30), "9", date(2009, 10, 1), "q2.csv", None, 9),
        ],
        columns=["member_id", "measure_id", "period", "period_end", "value", "submitted", "file", "sheet", "row"],
    )
    indicator = SimpleNamespace(measure="x", aggregate="count-at-level")
    evaluation = SimpleNamespace(period_end=date(2009, 9, 30), result=lambda _: SimpleNamespace(indicator=indicator))
    got = sources_frame(sources, evaluation, "i")
    # By hand: at 30 September M1's latest is Q2 (row 5 of q2.csv; Q3 is later), M2's is Q1 (row 3); y is not x.
    assert got[["member_id", "period", "file", "row"]].values.tolist() == [
        ["M1", "Q2", "q2.csv", 5],
        ["M2", "Q1", "q1.csv", 3],
    ]


def test_the_uncertainty_cell_says_the_same_figures_short():
    trend = TrendForecast(4, "quarter", 10.0, 20.0, "higher", 2.0, 16.0, 12.0, 20.0)
    derived = DerivedTarget(5, 3, 8, None, "5 (3 to 8)", (4, 7))
    cell = uncertainty_cell(SimpleNamespace(forecast=trend, baseline=SimpleNamespace(target=derived)))
    # By hand, from the figures above: the trend's 16 with 12 to 20; the target's bounds 3-8 and interval 4-7.
    assert cell == "trend 16 (12 to 20) by the due date; target 3 to 8 over the bounds (95%: 4 to 7)"
    assert uncertainty_cell(SimpleNamespace(forecast=None, baseline=None)) is None


def test_a_chance_is_never_rounded_to_a_certainty():
    # 0.9987 would print as 100%: a model's chance is never a certainty, so it reads >99%.
    assert [chance_words(p) for p in (0.9987, 0.004, 0.323)] == [">99%", "<1%", "32%"]
