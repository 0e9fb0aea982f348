"""The gap between demand and places by route, unit (area, consortium or LA-wide) and year.

Seed 003, slide 4: "How much should be LA wide (or across SRG) and how much at consortium level?": the
same gap is summed at each level. A positive gap is places missing; a negative one, spare places.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The levels a gap is summed at: each area, each consortium, the whole local authority.
LEVELS = ("area", "consortium", "all")
#: The unit name of the LA-wide level.
LA_WIDE = "All areas"
GAP_COLUMNS = ["unit", "route", "year", "demand", "demand_low", "demand_high", "places", "gap"]


def gap(
    units: list[str],
    membership: np.ndarray,
    routes: tuple[str, ...],
    years: list[int],
    demand: tuple[np.ndarray, np.ndarray, np.ndarray],
    places: np.ndarray,
) -> pd.DataFrame:
    """unit, route, year, demand (and its low and high bounds), places, gap = demand - places.

    ``membership`` is unit × area (1 where the area belongs to the unit); ``demand`` the central, low and
    high demand and ``places`` the places, each [area, route, year] over ``years``.
    """
    summed = [np.einsum("ua,ary->ury", membership, values).ravel() for values in (*demand, places)]
    n_units, n_routes, n_years = len(units), len(routes), len(years)
    frame = pd.DataFrame(
        {
            "unit": np.repeat(np.array(units, dtype=object), n_routes * n_years),
            "route": np.tile(np.repeat(np.array(routes, dtype=object), n_years), n_units),
            "year": np.tile(np.array(years), n_units * n_routes),
            "demand": summed[0],
            "demand_low": summed[1],
            "demand_high": summed[2],
            "places": summed[3],
        }
    )
    frame["gap"] = frame["demand"] - frame["places"]
    return frame[GAP_COLUMNS]
