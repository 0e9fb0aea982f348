"""Supply: the places offered by route, area and year, planned changes included.

A provision row holds the places a provider offers from its year on: the supply of a year is, for each
provider, area and route, the row of the latest year up to it (so a row for a later year is a planned
change). Quality (seed 003, "audit of current availability and quality"): the share of places at
grade 1 or 2 (outstanding or good).
"""

from __future__ import annotations

import pandas as pd

KEY = ["provider", "area", "route"]


def supply(provision: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """area, route, year, places for each of ``years`` (0 where no provider offers the route)."""
    frames = []
    for year in years:
        offered = provision[provision["year"] <= year].sort_values("year").drop_duplicates(KEY, keep="last")
        places = offered.groupby(["area", "route"], as_index=False)["places"].sum()
        frames.append(places.assign(year=year))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["area", "route", "places", "year"])
    out["places"] = out["places"].astype(float)
    return out[["area", "route", "year", "places"]]


def quality(provision: pd.DataFrame, year: int) -> pd.DataFrame:
    """route, places, good_places, good_share: places offered in ``year`` and those graded 1 or 2."""
    offered = provision[provision["year"] <= year].sort_values("year").drop_duplicates(KEY, keep="last")
    offered = offered.assign(good=offered["places"].where(offered["grade"] <= 2, 0))
    out = offered.groupby("route", as_index=False).agg(places=("places", "sum"), good_places=("good", "sum"))
    out["good_share"] = (out["good_places"] / out["places"].where(out["places"] > 0)).astype(float)
    return out
