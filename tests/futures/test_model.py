"""The futures model's arithmetic on the hand-built case (tests/futures/hand_case.py), worked by hand.

Fractions of the way to the target year: 2011 1/3, 2012 2/3, 2013 1.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from compact_analysis.futures.arrays import base_arrays, grid_of
from compact_analysis.futures.demand import mix_path, rate_path
from compact_analysis.futures.scenarios import comparison, evaluate_all
from compact_analysis.futures.supply import quality, supply
from tests.futures.hand_case import APP, AREAS, COHORT, DIP, FULL, GEN, MET, PARTICIPATION, PROVISION


def _results():
    return evaluate_all(AREAS, COHORT, PARTICIPATION, PROVISION, [FULL, MET])


def _at(frame: pd.DataFrame, **where) -> pd.Series:
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, where
    return frame.iloc[0]


# Arrays: area (A, B), age (16), route (Apprenticeships, Diplomas, General, Foundation Learning Tier), year.
GRID = grid_of(AREAS, PARTICIPATION, 2013)


def test_base_rates_and_mix():
    rate, share = base_arrays(PARTICIPATION, GRID)
    assert rate[:, 0] == pytest.approx([0.8, 0.6])  # 80 and 60 of 100
    assert share[0, 0, 2] == pytest.approx(5 / 8)  # A's General qualifications: 50 of 80
    assert share[1, 0, 1] == 0.0  # B's Diplomas
    assert share[1, 0, 3] == 0.0  # nobody in the Foundation Learning Tier


def test_paths_move_in_equal_steps():
    rate, share = base_arrays(PARTICIPATION, GRID)
    path = rate_path(rate, GRID.ages, FULL, 2010)
    # B: 0.6 + (1 - 0.6) x 1/3 in 2011; A reaches 1.0 in 2013
    assert path[1, 0, 0] == pytest.approx(0.6 + 0.4 / 3)
    assert path[0, 0, 2] == pytest.approx(1.0)
    shares = mix_path(share, GRID.routes, FULL, 2010)
    # A's Apprenticeships: 1/8 + 0.15 x 1/3 = 0.175; General 5/8 - 0.05 = 0.575
    assert shares[0, 0, 0, 0] == pytest.approx(0.175)
    assert shares[0, 0, 2, 0] == pytest.approx(0.575)
    held = rate_path(rate, GRID.ages, MET, 2010)
    assert held[:, 0, :].tolist() == [[0.8] * 3, [0.6] * 3]  # both already at or above 0.6: held


def test_a_share_below_zero_is_held_at_zero_and_the_rest_rescaled():
    _, share = base_arrays(PARTICIPATION, GRID)
    # B's Diplomas (0) shifted by -0.3: held at 0; Apprenticeships 1/2 + 0.3 = 0.8, General 1/2: sum 1.3
    shifted = replace(FULL, route_shifts={DIP: -0.3, APP: 0.3})
    shares = mix_path(share, GRID.routes, shifted, 2010)[1, 0, :, 2]
    assert shares.tolist() == pytest.approx([0.8 / 1.3, 0.0, 0.5 / 1.3, 0.0])


def test_demand_by_area_route_and_year():
    demand = _results()[0].demand
    # 2013: A 120 x 1.0 x (0.275, 0.25, 0.475) = 33, 30, 57; B 200 x 1.0 x (0.65, 0, 0.35) = 130, 0, 70
    assert _at(demand, area="A", route=APP, year=2013)["demand"] == pytest.approx(33)
    assert _at(demand, area="A", route=GEN, year=2013)["demand"] == pytest.approx(57)
    assert _at(demand, area="B", route=APP, year=2013)["demand"] == pytest.approx(130)
    # 2011: A 100 x (0.8 + 0.2/3) x 0.175 = 86.667 x 0.175 = 15.1667
    assert _at(demand, area="A", route=APP, year=2011)["demand"] == pytest.approx(260 / 3 * 0.175)
    # one history year: no trend interval, and no low or high cohort: the bounds equal the central figure
    assert (demand["demand_low"] - demand["demand"]).abs().max() == pytest.approx(0)


def test_supply_carries_planned_changes_forward():
    places = supply(PROVISION, [2010, 2011, 2012, 2013])
    assert _at(places, area="A", route=APP, year=2011)["places"] == 20
    assert _at(places, area="A", route=APP, year=2013)["places"] == 30  # P1's planned change from 2012
    assert places[(places["area"] == "B") & (places["route"] == DIP)].empty
    graded = quality(PROVISION, 2013)
    # General: 60 at grade 1 of 140 places (B's 80 are grade 4)
    assert _at(graded, route=GEN)["good_share"] == pytest.approx(60 / 140)


def test_gap_la_wide_by_consortium_and_area():
    full = _results()[0]
    la = full.gaps("all")
    # 2013 LA-wide: Apprenticeships 33 + 130 = 163 demand, 30 + 100 = 130 places: gap 33
    assert _at(la, route=APP, year=2013)["gap"] == pytest.approx(33)
    assert _at(la, route=DIP, year=2013)["gap"] == pytest.approx(0)  # 30 demand, 30 places
    assert _at(la, route=GEN, year=2013)["gap"] == pytest.approx(-13)  # 57 + 70 = 127 against 140
    by_consortium = full.gaps("consortium")
    assert _at(by_consortium, unit="North", route=APP, year=2013)["gap"] == pytest.approx(3)  # 33 - 30
    assert _at(by_consortium, unit="South", route=APP, year=2013)["gap"] == pytest.approx(30)  # 130 - 100
    by_area = full.gaps("area")
    assert _at(by_area, unit="B", route=DIP, year=2013)["places"] == 0  # no provider offers it


def test_yearly_growth_needed():
    growth = _results()[0].growth("all")
    app = _at(growth, route=APP)
    assert app["shortfall"] == pytest.approx(33)
    assert app["extra_per_year"] == pytest.approx(11)  # 33 over 3 years
    assert app["next_year_places"] == pytest.approx(131)  # 120 planned for 2011, plus 11
    assert app["growth_rate"] == pytest.approx((163 / 120) ** (1 / 3) - 1)  # from 120 places now to 163
    assert not app["met"]
    gen = _at(growth, route=GEN)
    assert gen["met"] and gen["extra_per_year"] == 0 and gen["growth_rate"] == 0


def test_a_scenario_whose_target_is_already_met():
    met = _results()[1]
    # rates held: A 120 x 0.8 x (1/8, 1/4, 5/8) = 12, 24, 60; B 200 x 0.6 x (1/2, 0, 1/2) = 60, 0, 60
    la = met.gaps("all")
    assert _at(la, route=APP, year=2013)["demand"] == pytest.approx(72)
    assert _at(la, route=GEN, year=2013)["demand"] == pytest.approx(120)
    growth = met.growth("all")
    assert growth["met"].all()
    assert (growth["extra_per_year"] == 0).all()
    # the path holds: (100 x 0.8 + 200 x 0.6) / 300 in 2011
    assert _at(met.required_path, year=2011)["rate"] == pytest.approx(200 / 300)


def test_required_path_and_comparison():
    results = _results()
    # 2011: (100 x (0.8 + 0.2/3) + 200 x (0.6 + 0.4/3)) / 300 = 233.33 / 300
    assert _at(results[0].required_path, year=2011)["rate"] == pytest.approx(700 / 900)
    table = comparison(results)
    assert len(table) == 2 * 4  # two scenarios, four routes (no Foundation Learning Tier demand or places)
    row = _at(table, scenario="full", route=APP)
    assert row["gap"] == pytest.approx(33) and row["extra_per_year"] == pytest.approx(11)
    assert _at(table, scenario="met", route=APP)["met"]
