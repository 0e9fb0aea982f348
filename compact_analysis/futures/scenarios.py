"""Any number of scenarios evaluated at once: demand with its interval, places, gaps and growth needed.

:func:`prepare` does the work every scenario shares (the inputs as arrays, base rates and mix, places for
every year, the participation trend) once; :func:`evaluate` projects one scenario; :func:`comparison` sets
the scenarios side by side, LA-wide, by route.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from compact_analysis.futures.arrays import Grid, base_arrays, grid_of, places, population
from compact_analysis.futures.demand import demand, mix_path, rate_path, years_of
from compact_analysis.futures.gap import gap
from compact_analysis.futures.growth import required_growth
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.uncertainty import la_rates, trend, widened


@dataclass(frozen=True)
class Prepared:
    """What every scenario shares: the grid, base rates and mix, populations, places, the participation trend."""

    grid: Grid
    rate: np.ndarray  # [area, age] in the base year
    share: np.ndarray  # [area, age, route] in the base year
    populations: dict[str, np.ndarray]  # variant -> [area, age, year]
    places: np.ndarray  # [area, route, year], the base year first
    trend: pd.DataFrame  # year, rate, half_width from the base year to the last target year
    history: pd.DataFrame  # year, rate: the LA-wide participation history

    @property
    def base_year(self) -> int:
        return self.grid.base_year

    def places_frame(self) -> pd.DataFrame:
        """year, route, places: LA-wide places planned from the base year on."""
        years = list(range(self.grid.base_year, self.grid.last_year + 1))
        total = self.places.sum(axis=0)
        return pd.DataFrame(
            {
                "year": np.tile(years, len(self.grid.routes)),
                "route": np.repeat(self.grid.routes, len(years)),
                "places": total.ravel(),
            }
        )


def prepare(areas, cohort, participation, provision, scenarios: list[Scenario]) -> Prepared:
    """Compute once what :func:`evaluate` needs for each of ``scenarios``."""
    grid = grid_of(areas, participation, max(s.target_year for s in scenarios))
    rate, share = base_arrays(participation, grid)
    variants = {str(v) for v in cohort["variant"].unique()}
    populations = {v: population(cohort, v, grid) for v in variants}
    history = la_rates(participation)
    fitted = trend(history, list(range(grid.base_year, grid.last_year + 1)))
    return Prepared(grid, rate, share, populations, places(provision, grid), fitted, history)


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's projection: demand (central, low, high) [area, route, year] and the path it assumes."""

    scenario: Scenario
    prepared: Prepared
    demands: tuple[np.ndarray, np.ndarray, np.ndarray]
    required_path: pd.DataFrame  # year, rate: the LA-wide participation rate the scenario assumes
    _cache: dict = field(default_factory=dict, compare=False, repr=False)  # gaps and growth by level

    @property
    def years(self) -> list[int]:
        return years_of(self.prepared.base_year, self.scenario)

    @property
    def demand(self) -> pd.DataFrame:
        """area, route, year, demand, demand_low, demand_high."""
        frame = self.gaps("area").rename(columns={"unit": "area"})
        return frame[["area", "route", "year", "demand", "demand_low", "demand_high"]]

    def gaps(self, level: str = "all") -> pd.DataFrame:
        """:func:`~compact_analysis.futures.gap.gap` at ``level`` for the scenario's years (computed once)."""
        if ("gaps", level) not in self._cache:
            grid = self.prepared.grid
            units, membership = grid.units(level)
            planned = self.prepared.places[:, :, 1 : len(self.years) + 1]
            self._cache["gaps", level] = gap(units, membership, grid.routes, self.years, self.demands, planned)
        return self._cache["gaps", level].copy()

    def growth(self, level: str = "all") -> pd.DataFrame:
        """:func:`~compact_analysis.futures.growth.required_growth` at ``level`` (computed once)."""
        if ("growth", level) not in self._cache:
            grid = self.prepared.grid
            units, membership = grid.units(level)
            now = membership @ self.prepared.places[:, :, 0]  # [unit, route] in the base year
            now = pd.DataFrame(
                {
                    "unit": np.repeat(np.array(units, dtype=object), len(grid.routes)),
                    "route": np.tile(np.array(grid.routes, dtype=object), len(units)),
                    "places": now.ravel(),
                }
            )
            growth = required_growth(self.gaps(level), now, self.prepared.base_year, self.scenario.target_year)
            self._cache["growth", level] = growth
        return self._cache["growth", level].copy()


def evaluate(prepared: Prepared, scenario: Scenario) -> ScenarioResult:
    """Project one scenario: central demand from its variant, the interval from the low and high ones."""
    grid, base = prepared.grid, prepared.base_year
    n = scenario.target_year - base
    rates = rate_path(prepared.rate, grid.ages, scenario, base)
    shares = mix_path(prepared.share, grid.routes, scenario, base)
    own = prepared.populations[scenario.variant][:, :, :n]
    low_population = prepared.populations.get("low", prepared.populations[scenario.variant])[:, :, :n]
    high_population = prepared.populations.get("high", prepared.populations[scenario.variant])[:, :, :n]
    half = prepared.trend["half_width"].to_numpy()[1 : n + 1]
    demands = (
        demand(own, rates, shares),
        demand(low_population, widened(rates, half, -1), shares),
        demand(high_population, widened(rates, half, +1), shares),
    )
    learners = np.einsum("agy,agy->y", own, rates)
    people = own.sum(axis=(0, 1))
    path = pd.DataFrame(
        {
            "year": years_of(base, scenario),
            "rate": np.divide(learners, people, out=np.zeros_like(people), where=people > 0),
        }
    )
    return ScenarioResult(scenario, prepared, demands, path)


def evaluate_all(areas, cohort, participation, provision, scenarios: list[Scenario]) -> list[ScenarioResult]:
    """Every scenario, in the order given."""
    prepared = prepare(areas, cohort, participation, provision, scenarios)
    return [evaluate(prepared, s) for s in scenarios]


def comparison(results: list[ScenarioResult]) -> pd.DataFrame:
    """One row per scenario and route, LA-wide at each scenario's target year: demand (low, high), places
    planned, gap, extra places a year, places needed next year, yearly growth rate, met."""
    frames = []
    for result in results:
        target = result.gaps("all")
        target = target[target["year"] == result.scenario.target_year].drop(columns=["unit", "year"])
        growth = result.growth("all")[["route", "extra_per_year", "next_year_places", "growth_rate", "met"]]
        scenario = result.scenario
        frames.append(
            target.merge(growth, on="route").assign(
                scenario=scenario.id, name=scenario.name, target_year=scenario.target_year
            )
        )
    columns = ["scenario", "name", "target_year", "route", "demand", "demand_low", "demand_high", "places", "gap",
               "extra_per_year", "next_year_places", "growth_rate", "met"]  # fmt: skip
    return pd.concat(frames, ignore_index=True)[columns]
