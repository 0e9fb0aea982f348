"""Any number of scenarios evaluated at once: demand with its interval, places, gaps and growth needed.

:func:`prepare` does the work every scenario shares (base rates and mix, places for every year, the
participation trend) once; :func:`evaluate` projects one scenario; :func:`comparison` sets the
scenarios side by side, LA-wide, by route.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from compact_analysis.futures.demand import base_rates, demand, mix_path, rate_path, years_of
from compact_analysis.futures.gap import gap, to_level
from compact_analysis.futures.growth import required_growth
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.supply import supply
from compact_analysis.futures.uncertainty import la_rates, trend, widened


@dataclass(frozen=True)
class Prepared:
    """What every scenario shares: the base year's rates and mix, places by year, the participation trend."""

    areas: pd.DataFrame
    cohort: pd.DataFrame
    base_year: int
    rates: pd.DataFrame
    mix: pd.DataFrame
    places: pd.DataFrame
    trend: pd.DataFrame  # year, rate, half_width from the base year to the last target year
    history: pd.DataFrame  # year, rate: the LA-wide participation history


def prepare(areas, cohort, participation, provision, scenarios: list[Scenario]) -> Prepared:
    """Compute once what :func:`evaluate` needs for each of ``scenarios``."""
    base = int(participation["year"].max())
    last = max(s.target_year for s in scenarios)
    rates, mix = base_rates(participation)
    history = la_rates(participation)
    years = list(range(base, last + 1))
    return Prepared(areas, cohort, base, rates, mix, supply(provision, years), trend(history, years), history)


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's projection: demand (with its interval) and places by area, route and year."""

    scenario: Scenario
    prepared: Prepared
    demand: pd.DataFrame  # area, route, year, demand, demand_low, demand_high
    required_path: pd.DataFrame  # year, rate: the LA-wide participation rate the scenario assumes
    _cache: dict = field(default_factory=dict, compare=False, repr=False)  # gaps and growth by level

    @property
    def years(self) -> list[int]:
        return years_of(self.prepared.base_year, self.scenario)

    def gaps(self, level: str = "all") -> pd.DataFrame:
        """:func:`~compact_analysis.futures.gap.gap` at ``level`` for the scenario's years (computed once)."""
        if ("gaps", level) not in self._cache:
            places = self.prepared.places[self.prepared.places["year"].isin(self.years)]
            self._cache["gaps", level] = gap(self.demand, places, self.prepared.areas, level)
        return self._cache["gaps", level].copy()

    def growth(self, level: str = "all") -> pd.DataFrame:
        """:func:`~compact_analysis.futures.growth.required_growth` at ``level`` (computed once)."""
        if ("growth", level) not in self._cache:
            now = self.prepared.places[self.prepared.places["year"] == self.prepared.base_year]
            now = to_level(now.drop(columns="year"), self.prepared.areas, level, ["places"])
            growth = required_growth(self.gaps(level), now, self.prepared.base_year, self.scenario.target_year)
            self._cache["growth", level] = growth
        return self._cache["growth", level].copy()


def _population(cohort: pd.DataFrame, variant: str, fallback: str, years: list[int]) -> pd.DataFrame:
    chosen = variant if (cohort["variant"] == variant).any() else fallback
    rows = cohort[(cohort["variant"] == chosen) & cohort["year"].isin(years)]
    return rows[["area", "age", "year", "population"]]


def evaluate(prepared: Prepared, scenario: Scenario) -> ScenarioResult:
    """Project one scenario: central demand from its variant, the interval from the low and high ones."""
    base, years = prepared.base_year, years_of(prepared.base_year, scenario)
    rates = rate_path(prepared.rates, scenario, base)
    shares = mix_path(prepared.mix, scenario, base)
    cohort = prepared.cohort
    central_population = _population(cohort, scenario.variant, scenario.variant, years)
    central = demand(central_population, rates, shares)
    low = demand(_population(cohort, "low", scenario.variant, years), widened(rates, prepared.trend, -1), shares)
    high = demand(_population(cohort, "high", scenario.variant, years), widened(rates, prepared.trend, +1), shares)
    keys = ["area", "route", "year"]
    both = central.merge(low.rename(columns={"demand": "demand_low"}), on=keys)
    both = both.merge(high.rename(columns={"demand": "demand_high"}), on=keys)
    weighted = rates.merge(central_population, on=["area", "age", "year"])
    weighted["learners"] = weighted["rate"] * weighted["population"]
    totals = weighted.groupby("year")[["learners", "population"]].sum()
    path = (totals["learners"] / totals["population"]).rename("rate").reset_index()
    return ScenarioResult(scenario, prepared, both, path)


def evaluate_all(areas, cohort, participation, provision, scenarios: list[Scenario]) -> list[ScenarioResult]:
    """Every scenario, in the order given."""
    prepared = prepare(areas, cohort, participation, provision, scenarios)
    return [evaluate(prepared, s) for s in scenarios]


def comparison(results: list[ScenarioResult]) -> pd.DataFrame:
    """One row per scenario and route, LA-wide at each scenario's target year: demand (low, high), places
    planned, gap, extra places a year, places needed next year, yearly growth rate, met."""
    rows = []
    for result in results:
        target = result.gaps("all")
        target = target[target["year"] == result.scenario.target_year]
        growth = result.growth("all").set_index("route")
        for row in target.itertuples(index=False):
            grown = growth.loc[row.route]
            rows.append(
                {
                    "scenario": result.scenario.id,
                    "name": result.scenario.name,
                    "target_year": result.scenario.target_year,
                    "route": row.route,
                    "demand": row.demand,
                    "demand_low": row.demand_low,
                    "demand_high": row.demand_high,
                    "places": row.places,
                    "gap": row.gap,
                    "extra_per_year": grown["extra_per_year"],
                    "next_year_places": grown["next_year_places"],
                    "growth_rate": grown["growth_rate"],
                    "met": bool(grown["met"]),
                }
            )
    return pd.DataFrame(rows)
