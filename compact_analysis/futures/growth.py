"""The growth needed each year to close the gap by the target year: "what must change by this time next year".

Seed 003, slide 15: "How do you get from here to 2013? What's missing? How will you fill
the gaps? What do you need to be doing differently by this time next year?" For each unit and route,
with ``b`` the base year and ``T`` the target year:

- shortfall = demand in ``T`` - places planned for ``T`` (0 when the plans already meet demand: "met");
- extra places a year = shortfall / (T - b): added in equal steps on top of the planned changes;
- places needed next year = places planned for ``b + 1`` + one year's extra places;
- yearly growth rate = (demand in ``T`` / places now) ^ (1 / (T - b)) - 1, the compound growth from the
  base year's places that reaches demand by ``T`` (0 when met; none when there are no places now).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def required_growth(gaps: pd.DataFrame, places_now: pd.DataFrame, base_year: int, target_year: int) -> pd.DataFrame:
    """unit, route, places_now, planned_target, demand_target, shortfall, extra_per_year, next_year_places,
    growth_rate, met.

    ``gaps``: :func:`~compact_analysis.futures.gap.gap` for the years ``b + 1`` .. ``T``, ordered by unit and
    route as ``places_now`` (unit, route, places in the base year) is.
    """
    years = target_year - base_year
    at_target = gaps[gaps["year"] == target_year]
    keys = at_target[["unit", "route"]].to_numpy()
    if not np.array_equal(keys, places_now[["unit", "route"]].to_numpy()):
        raise ValueError("places_now must list the gaps' units and routes in the same order")
    demand = at_target["demand"].to_numpy(float)
    planned = at_target["places"].to_numpy(float)
    now = places_now["places"].to_numpy(float)
    shortfall = np.clip(demand - planned, 0.0, None)
    extra = shortfall / years
    ratio = np.divide(demand, now, out=np.full_like(demand, np.nan), where=now > 0)
    with np.errstate(invalid="ignore"):  # no places now: no growth rate (NaN), said as "–"
        rate = np.where(shortfall > 0, ratio ** (1 / years) - 1, 0.0)
    return pd.DataFrame(
        {
            "unit": keys[:, 0],
            "route": keys[:, 1],
            "places_now": now,
            "planned_target": planned,
            "demand_target": demand,
            "shortfall": shortfall,
            "extra_per_year": extra,
            "next_year_places": gaps[gaps["year"] == base_year + 1]["places"].to_numpy(float) + extra,
            "growth_rate": rate,
            "met": shortfall == 0,
        }
    )
