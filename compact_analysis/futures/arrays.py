"""The inputs as dense arrays over area × age × route × year, so every scenario is a few array operations.

Axes, in this order everywhere: area (``Grid.areas``, as ``areas.csv`` lists them), age, route
(:data:`~compact_analysis.futures.codes.ROUTES`), year. 150 areas × 3 ages × 4 routes × 12 years is 21,600
numbers a scenario: joining long frames for each (the first version) took seconds; arrays take milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from compact_analysis.futures.codes import ROUTES
from compact_analysis.futures.gap import LA_WIDE
from compact_analysis.futures.history import NOT_PARTICIPATING
from compact_analysis.futures.supply import supply


@dataclass(frozen=True)
class Grid:
    """The axes: areas (with their consortia), ages, routes, and the years from the base to the last target."""

    areas: tuple[str, ...]
    consortia: tuple[str, ...]  # each area's, in the same order
    ages: tuple[int, ...]
    base_year: int
    last_year: int
    routes: tuple[str, ...] = ROUTES

    @property
    def years(self) -> list[int]:
        """The projected years: the year after the base year to the last target year."""
        return list(range(self.base_year + 1, self.last_year + 1))

    def units(self, level: str) -> tuple[list[str], np.ndarray]:
        """The units of a level (sorted) and the membership matrix unit × area (1 where the area is in it)."""
        if level == "area":
            keys = list(self.areas)
        elif level == "consortium":
            keys = list(self.consortia)
        elif level == "all":
            keys = [LA_WIDE] * len(self.areas)
        else:
            raise ValueError("level must be area, consortium or all")
        names = sorted(set(keys))
        matrix = np.zeros((len(names), len(self.areas)))
        matrix[[names.index(k) for k in keys], range(len(self.areas))] = 1.0
        return names, matrix


def grid_of(areas: pd.DataFrame, participation: pd.DataFrame, last_year: int) -> Grid:
    ages = tuple(sorted(int(a) for a in participation["age"].unique()))
    base = int(participation["year"].max())
    return Grid(tuple(areas["area"]), tuple(areas["consortium"]), ages, base, last_year)


def _codes(values: pd.Series, categories) -> np.ndarray:
    """Each value's position in ``categories`` (unique), -1 for a value not among them."""
    return pd.Index(list(categories)).get_indexer(values)


def base_arrays(participation: pd.DataFrame, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """(rate [area, age], share [area, age, route]) in the base year.

    Rate = young people in any route / all young people; share = young people in the route / in any route
    (0 where nobody is in any route).
    """
    latest = participation[participation["year"] == grid.base_year]
    counts = np.zeros((len(grid.areas), len(grid.ages), len(grid.routes) + 1))
    route = _codes(latest["route"], [*grid.routes, NOT_PARTICIPATING])
    np.add.at(
        counts,
        (_codes(latest["area"], grid.areas), _codes(latest["age"], grid.ages), route),
        latest["young_people"].to_numpy(float),
    )
    total = counts.sum(axis=2)
    learners = counts[:, :, : len(grid.routes)]
    in_any = learners.sum(axis=2)
    rate = np.divide(in_any, total, out=np.zeros_like(total), where=total > 0)
    share = np.divide(learners, in_any[:, :, None], out=np.zeros_like(learners), where=in_any[:, :, None] > 0)
    return rate, share


def population(cohort: pd.DataFrame, variant: str, grid: Grid) -> np.ndarray:
    """[area, age, year] of one variant over the projected years (0 where the cohort has no figure)."""
    rows = cohort[(cohort["variant"] == variant) & cohort["year"].between(grid.base_year + 1, grid.last_year)]
    out = np.zeros((len(grid.areas), len(grid.ages), len(grid.years)))
    index = (
        _codes(rows["area"], grid.areas),
        _codes(rows["age"], grid.ages),
        rows["year"].to_numpy() - grid.base_year - 1,
    )
    keep = (index[0] >= 0) & (index[1] >= 0)
    out[tuple(i[keep] for i in index)] = rows["population"].to_numpy(float)[keep]
    return out


def places(provision: pd.DataFrame, grid: Grid) -> np.ndarray:
    """[area, route, year] of the places offered from the base year to the last year (index 0: the base year)."""
    frame = supply(provision, list(range(grid.base_year, grid.last_year + 1)))
    out = np.zeros((len(grid.areas), len(grid.routes), grid.last_year - grid.base_year + 1))
    index = (
        _codes(frame["area"], grid.areas),
        _codes(frame["route"], grid.routes),
        frame["year"].to_numpy() - grid.base_year,
    )
    np.add.at(out, index, frame["places"].to_numpy(float))
    return out
