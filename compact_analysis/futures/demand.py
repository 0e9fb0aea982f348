"""Demand for places: cohort × participation × route mix, by area, route and year, to the target year.

Seed 003, slide 4: "Forecast Demand including local demographic trends ... historic and current
progression", "towards ... 100% participation". From the base year (the last year of the history; its
rates and shares from :func:`~compact_analysis.futures.arrays.base_arrays`):

- each year ``y`` after the base year ``b`` to the target ``T`` moves a fraction ``f = (y - b) / (T - b)``
  of the way: rate ``r + (target - r) f`` (held at ``r`` where ``r`` already meets the target, which is the
  scenario's participation times its progression rate for the age) and share ``m + shift f``. A share
  that would fall below 0 is held at 0 and the age's shares are scaled back to add up to 1;
- demand = population × rate × share, summed over the ages.

Arrays are indexed as in :mod:`compact_analysis.futures.arrays`: area, age, route, year.
"""

from __future__ import annotations

import numpy as np

from compact_analysis.futures.scenario_file import Scenario


def years_of(base_year: int, scenario: Scenario) -> list[int]:
    """The years the scenario projects: the year after the base year to the target year."""
    return list(range(base_year + 1, scenario.target_year + 1))


def fractions(base_year: int, scenario: Scenario) -> np.ndarray:
    """How far each projected year is from the base year to the target year: 1/n, 2/n, .. 1."""
    span = scenario.target_year - base_year
    return np.array([(y - base_year) / span for y in years_of(base_year, scenario)])


def rate_path(rate: np.ndarray, ages: tuple[int, ...], scenario: Scenario, base_year: int) -> np.ndarray:
    """[area, age, year]: the participation path from the base year's ``rate`` [area, age] to the target."""
    target = scenario.participation * np.array([scenario.progression.get(a, 1.0) for a in ages])
    rise = np.clip(target[None, :] - rate, 0.0, None)  # a target already met holds the rate where it is
    return rate[:, :, None] + rise[:, :, None] * fractions(base_year, scenario)[None, None, :]


def mix_path(share: np.ndarray, routes: tuple[str, ...], scenario: Scenario, base_year: int) -> np.ndarray:
    """[area, age, route, year]: the route mix moving by the scenario's shifts to the target year."""
    shift = np.array([scenario.route_shifts.get(r, 0.0) for r in routes])
    path = share[:, :, :, None] + shift[None, None, :, None] * fractions(base_year, scenario)[None, None, None, :]
    path = np.clip(path, 0.0, None)
    sums = path.sum(axis=2, keepdims=True)
    return np.divide(path, sums, out=np.zeros_like(path), where=sums > 0)


def demand(population: np.ndarray, rates: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """[area, route, year] = Σ over ages of population [area, age, year] × rate × share."""
    return np.einsum("agy,agy,agry->ary", population, rates, shares)
