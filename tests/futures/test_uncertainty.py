"""The demand interval: the participation trend's prediction interval and the low and high variants, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from compact_analysis.futures.scenarios import evaluate_all
from compact_analysis.futures.uncertainty import la_rates, trend
from tests.futures.hand_case import APP, AREAS, COHORT, FULL, NOT, PARTICIPATION, PROVISION

# LA-wide rates 0.70, 0.74, 0.75 in 2008-2010 (area A, age 16, 100 young people a year).
HISTORY = pd.DataFrame(
    [(y, "A", 16, APP, n) for y, n in ((2008, 70), (2009, 74), (2010, 75))]
    + [(y, "A", 16, NOT, 100 - n) for y, n in ((2008, 70), (2009, 74), (2010, 75))],
    columns=["year", "area", "age", "route", "young_people"],
)


def test_la_rates():
    assert la_rates(HISTORY)["rate"].tolist() == pytest.approx([0.70, 0.74, 0.75])


def test_trend_and_its_prediction_interval():
    # mean year 2009, Sxx = 2, slope = (0.03 + 0.02) / 2 = 0.025, line 0.73 at 2009: 0.78 at 2011.
    # residuals -0.005, 0.01, -0.005: s = sqrt(0.00015 / 1) = 0.012247; t(0.90, 1 df) = 3.0777 (tables);
    # h(2011) = 3.0777 x 0.012247 x sqrt(1 + 1/3 + 4/2) = 0.06882
    fitted = trend(la_rates(HISTORY), [2011])
    assert fitted["rate"].iloc[0] == pytest.approx(0.78)
    assert fitted["half_width"].iloc[0] == pytest.approx(3.0777 * math.sqrt(0.00015) * math.sqrt(10 / 3), rel=1e-4)


def test_short_history_has_no_trend_interval():
    fitted = trend(pd.DataFrame({"year": [2010], "rate": [0.8]}), [2011, 2012])
    assert fitted["half_width"].tolist() == [0.0, 0.0]
    assert fitted["rate"].tolist() == [0.8, 0.8]


def test_low_and_high_variants_bound_demand():
    # the low cohort is 10% smaller, the high 10% larger: with no trend interval (one history year)
    # the bounds are demand x 0.9 and x 1.1, except where a rate is capped at 1 (it is not widened here).
    low = COHORT.assign(variant="low", population=COHORT["population"] * 0.9)
    high = COHORT.assign(variant="high", population=COHORT["population"] * 1.1)
    cohort = pd.concat([COHORT, low, high], ignore_index=True)
    demand = evaluate_all(AREAS, cohort, PARTICIPATION, PROVISION, [FULL])[0].demand
    row = demand[(demand["area"] == "A") & (demand["route"] == APP) & (demand["year"] == 2013)].iloc[0]
    assert row["demand_low"] == pytest.approx(33 * 0.9)  # 29.7
    assert row["demand_high"] == pytest.approx(33 * 1.1)  # 36.3
