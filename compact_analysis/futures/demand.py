"""Demand for places: cohort × participation × route mix, by area, route and year, to the target year.

Seed 003, slide 4: "Forecast Demand including local demographic trends ... historic and current
progression", "towards ... 100% participation". From the base year (the last year of the history):

- participation rate of an area and age = young people in any route / all young people;
- route mix = young people in a route / young people in any route;
- each year ``y`` after the base year ``b`` to the target ``T`` moves a fraction ``f = (y - b) / (T - b)``
  of the way: rate ``r + (target - r) f`` (held at ``r`` where ``r`` already meets the target, which is the
  scenario's participation times its progression rate for the age) and share ``m + shift f``. A share
  that would fall below 0 is held at 0 and the age's shares are scaled back to add up to 1;
- demand = population × rate × share, summed over the ages.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.futures.codes import ROUTES
from compact_analysis.futures.history import NOT_PARTICIPATING
from compact_analysis.futures.scenario_file import Scenario


def base_rates(participation: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rates: area, age, rate) and (mix: area, age, route, share) in the last year of the history."""
    latest = participation[participation["year"] == participation["year"].max()]
    total = latest.groupby(["area", "age"])["young_people"].sum().astype(float)
    learners = latest[latest["route"] != NOT_PARTICIPATING]
    by_route = learners.groupby(["area", "age", "route"])["young_people"].sum().astype(float)
    index = pd.MultiIndex.from_product(
        [total.index.levels[0], total.index.levels[1], ROUTES], names=by_route.index.names
    )
    by_route = by_route.reindex(index, fill_value=0.0)
    in_any = by_route.groupby(["area", "age"]).sum()
    rates = (in_any / total).rename("rate").reset_index()
    share = (by_route / in_any.reindex(by_route.droplevel("route").index).to_numpy()).fillna(0.0)
    return rates, share.rename("share").reset_index()


def years_of(base_year: int, scenario: Scenario) -> list[int]:
    """The years the scenario projects: the year after the base year to the target year."""
    return list(range(base_year + 1, scenario.target_year + 1))


def _fractions(base_year: int, scenario: Scenario) -> pd.DataFrame:
    years = years_of(base_year, scenario)
    span = scenario.target_year - base_year
    return pd.DataFrame({"year": years, "f": [(y - base_year) / span for y in years]})


def rate_path(rates: pd.DataFrame, scenario: Scenario, base_year: int) -> pd.DataFrame:
    """area, age, year, rate: the participation path from the base year's rate to the scenario's target."""
    path = rates.merge(_fractions(base_year, scenario), how="cross")
    target = scenario.participation * path["age"].map(lambda a: scenario.progression.get(int(a), 1.0))
    rise = (target - path["rate"]).clip(lower=0.0)  # a target already met holds the rate where it is
    path["rate"] = path["rate"] + rise * path["f"]
    return path.drop(columns="f")


def mix_path(mix: pd.DataFrame, scenario: Scenario, base_year: int) -> pd.DataFrame:
    """area, age, route, year, share: the route mix moving by the scenario's shifts to the target year."""
    path = mix.merge(_fractions(base_year, scenario), how="cross")
    shift = path["route"].map(lambda r: scenario.route_shifts.get(r, 0.0))
    path["share"] = (path["share"] + shift * path["f"]).clip(lower=0.0)
    sums = path.groupby(["area", "age", "year"])["share"].transform("sum")
    path["share"] = (path["share"] / sums.where(sums > 0, 1.0)).astype(float)
    return path.drop(columns="f")


def demand(population: pd.DataFrame, rates: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """area, route, year, demand = Σ over ages of population × rate × share.

    ``population``: area, age, year, population (one variant); ``rates`` and ``shares`` as the paths give.
    """
    joined = shares.merge(rates, on=["area", "age", "year"]).merge(population, on=["area", "age", "year"])
    joined["demand"] = joined["population"] * joined["rate"] * joined["share"]
    return joined.groupby(["area", "route", "year"], as_index=False)["demand"].sum()
