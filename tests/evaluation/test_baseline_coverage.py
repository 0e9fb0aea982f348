"""Quick run of the baseline coverage benchmark: its structure, and bounds that always contain the truth."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "benchmarks"))

from bench_baseline_coverage import interval_table, mnar_response_probabilities, simulate

KEYS = {"rate", "response", "reps", "interval_coverage", "bounds_coverage", "sensitivity_2x_at_least_truth"}


@pytest.mark.parametrize("mnar", [False, True])
def test_simulation_rows_and_bounds(mnar):
    rows = simulate(reps=200, seed=1, rates=(0.2, 0.5), responses=(0.5,), mnar=mnar)
    assert [(r["rate"], r["response"]) for r in rows] == [(0.2, 0.5), (0.5, 0.5)]
    for row in rows:
        assert set(row) >= KEYS
        assert row["reps"] == 200
        assert row["bounds_coverage"] == 1.0  # k <= truth <= k+u holds by construction, whatever the replies
        assert 0.0 <= row["interval_coverage"] <= 1.0


def test_simulation_is_reproducible():
    assert simulate(reps=200, seed=7, rates=(0.3,), responses=(0.8,)) == simulate(
        reps=200, seed=7, rates=(0.3,), responses=(0.8,)
    )


def test_lookup_uses_the_shipped_interval():
    table = interval_table(50)
    # worked example k=18, h=20, u=50-18-20=12 keeps its interval [20, 27]
    assert (table["low"][18, 20], table["high"][18, 20]) == (20, 27)


def test_mnar_mechanism_doubles_the_lacking_share_among_non_responders():
    rate, response = 0.4, 0.8
    lacking, having = mnar_response_probabilities(rate, response)
    # r_l = 0.8/(2-0.8) = 2/3; r_h = (0.8 - 0.4*2/3)/0.6 = 8/9
    assert lacking == pytest.approx(2 / 3) and having == pytest.approx(8 / 9)
    replied_lacking = rate * lacking / response  # 0.4*(2/3)/0.8 = 1/3
    unanswered_lacking = rate * (1 - lacking) / (1 - response)  # 0.4*(1/3)/0.2 = 2/3
    assert unanswered_lacking == pytest.approx(2 * replied_lacking)
    assert mnar_response_probabilities(0.8, 0.8) is None  # 2*0.8/(2-0.8) = 4/3 > 1
