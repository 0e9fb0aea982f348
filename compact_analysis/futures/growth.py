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

    ``gaps``: :func:`~compact_analysis.futures.gap.gap` for the years ``b + 1`` .. ``T``; ``places_now``:
    unit, route, places in the base year.
    """
    years = target_year - base_year
    at_target = gaps[gaps["year"] == target_year].set_index(["unit", "route"])
    next_year = gaps[gaps["year"] == base_year + 1].set_index(["unit", "route"])["places"]
    now = places_now.set_index(["unit", "route"])["places"].reindex(at_target.index, fill_value=0.0)
    shortfall = (at_target["demand"] - at_target["places"]).clip(lower=0.0)
    extra = shortfall / years
    ratio = at_target["demand"] / now.where(now > 0)
    rate = np.where(shortfall > 0, ratio ** (1 / years) - 1, 0.0)
    out = pd.DataFrame(
        {
            "places_now": now,
            "planned_target": at_target["places"],
            "demand_target": at_target["demand"],
            "shortfall": shortfall,
            "extra_per_year": extra,
            "next_year_places": next_year.reindex(at_target.index) + extra,
            "growth_rate": rate,
            "met": shortfall == 0,
        }
    )
    return out.reset_index()
