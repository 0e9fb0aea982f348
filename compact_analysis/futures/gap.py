"""The gap between demand and places by route, unit (area, consortium or LA-wide) and year.

Seed 003, slide 4: "How much should be LA wide (or across SRG) and how much at consortium level?":
the same gap is summed at each level. A positive gap is places missing; a negative one, spare places.
"""

from __future__ import annotations

import pandas as pd

#: The levels a gap is summed at: each area, each consortium, the whole local authority.
LEVELS = ("area", "consortium", "all")
#: The unit name of the LA-wide level.
LA_WIDE = "All areas"
DEMAND_COLUMNS = ["demand", "demand_low", "demand_high"]


def to_level(frame: pd.DataFrame, areas: pd.DataFrame, level: str, values: list[str]) -> pd.DataFrame:
    """``frame`` (by area and other keys) summed to ``level``: its ``area`` column becomes ``unit``."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    keys = [c for c in frame.columns if c not in (*values, "area")]
    if level == "area":
        unit = frame["area"]
    elif level == "consortium":
        unit = frame["area"].map(dict(zip(areas["area"], areas["consortium"], strict=True)))
    else:
        unit = pd.Series(LA_WIDE, index=frame.index)
    return frame.assign(unit=unit).groupby(["unit", *keys], as_index=False)[values].sum()


def gap(demand: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, level: str) -> pd.DataFrame:
    """unit, route, year, demand (and its low and high bounds), places, gap = demand - places.

    ``demand``: area, route, year and :data:`DEMAND_COLUMNS`; ``places``: area, route, year, places for the
    same years (a route with no places has a gap of all its demand).
    """
    joined = demand.merge(places, on=["area", "route", "year"], how="left").fillna({"places": 0.0})
    summed = to_level(joined, areas, level, [*DEMAND_COLUMNS, "places"])
    summed["gap"] = summed["demand"] - summed["places"]
    return summed.sort_values(["unit", "route", "year"], ignore_index=True)
