"""Synthetic futures inputs from a fixed seed: fictional areas, consortia and providers.

Nothing here is real: the area codes (``Z99...``), names and providers are invented, and the folder is
marked synthetic so every paper built from it says so on its first page. The cohort follows the layout of
the ONS sub-national population projections (one file per variant); the history runs 2005-2009 for ages
16-18; three scenarios aim at 2013, 2015 and 2020 (seed 003, slide 15: "How do you get from here to
2013? (2015? 2020?)").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.futures.codes import FUTURES_FOLDER, ROUTES
from compact_analysis.futures.cohort import ID_COLUMNS, cohort_file
from compact_analysis.futures.history import AREAS_FILE, NOT_PARTICIPATING, PARTICIPATION_FILE
from compact_analysis.futures.provision import PROVISION_FILE
from compact_analysis.futures.scenario_file import SCENARIOS_FILE

AREAS = [
    ("Z99000001", "Ashcombe", "Northern Vale Consortium"),
    ("Z99000002", "Brackenridge", "Northern Vale Consortium"),
    ("Z99000003", "Carrowby", "Eastern Shore Consortium"),
    ("Z99000004", "Dunmere", "Eastern Shore Consortium"),
    ("Z99000005", "Eldwick", "Western Hills Consortium"),
    ("Z99000006", "Fernhollow", "Western Hills Consortium"),
]
HISTORY_YEARS = range(2005, 2010)
PROJECTION_YEARS = range(2009, 2021)
AGES = (16, 17, 18)
COHORT_AGES = range(14, 20)
#: A route's base share of learners, and how it drifted a year over the history.
MIX = {"Apprenticeships": (0.08, 0.004), "Diplomas": (0.01, 0.008), "General qualifications": (0.71, -0.01),
       "Foundation Learning Tier": (0.20, -0.002)}  # fmt: skip
#: Provider name patterns and the routes they offer.
PROVIDERS = [
    ("{p} College", ("General qualifications", "Diplomas", "Foundation Learning Tier")),
    ("{p} Training Ltd", ("Apprenticeships", "Foundation Learning Tier")),
    ("{p} High School Sixth Form", ("General qualifications", "Diplomas")),
]

SCENARIOS_YAML = """\
# Named assumption sets for the futures paper (docs/futures.md). Synthetic: made up for the demo.
scenarios:
  - id: entitlement-2013
    name: Entitlement by 2013
    description: Participation to 90% by 2013, Diplomas growing as the entitlement is rolled out.
    target_year: 2013
    variant: principal
    participation: 0.9
    route_shifts:
      Diplomas: 0.06
      General qualifications: -0.06
  - id: participation-2015
    name: Full participation by 2015
    description: Every 16 and 17 year old participating by 2015; most 18 year olds in 14-19 provision.
    target_year: 2015
    variant: principal
    participation: 1.0
    route_shifts:
      Apprenticeships: 0.05
      Diplomas: 0.05
      General qualifications: -0.10
    progression:
      18: 0.85
  - id: high-growth-2020
    name: High population growth to 2020
    description: Full participation by 2020 on the high population projection, apprenticeships to the fore.
    target_year: 2020
    variant: high
    participation: 1.0
    route_shifts:
      Apprenticeships: 0.10
      Diplomas: 0.04
      General qualifications: -0.10
      Foundation Learning Tier: -0.04
"""


@dataclass(frozen=True)
class FuturesDemo:
    """What :func:`write_futures_demo` wrote."""

    folder: Path
    files: list[Path]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _population(rng: np.random.Generator) -> dict[tuple[str, int], float]:
    """Each area's population of each age in 2009 (single years of age): a size an area, ages within 4%."""
    sizes = {code: float(rng.integers(900, 2600)) for code, _, _ in AREAS}
    return {(code, age): round(sizes[code] * rng.uniform(0.96, 1.04)) for code, _, _ in AREAS for age in COHORT_AGES}


def _cohort_rows(base: dict[tuple[str, int], float], variant: str) -> list[list[object]]:
    """SNPP rows: a row per area and age, a column per year; the variants drift 1% a year apart."""
    spread = {"principal": 0.0, "low": -0.01, "high": 0.01}[variant]
    rows = []
    for code, name, _ in AREAS:
        for age in COHORT_AGES:
            # the 2009 cohort ages on (a year group younger than 14 in 2009 is taken as the 14 year olds)
            values = [
                round(base[(code, max(age - (y - 2009), 14))] * (1 + (0.004 + spread) * (y - 2009)), 1)
                for y in PROJECTION_YEARS
            ]
            rows.append([code, name, "Population", "persons", str(age), *values])
    return rows


def _history_rows(rng: np.random.Generator, base: dict[tuple[str, int], float]) -> list[list[object]]:
    rows = []
    for code, _, _ in AREAS:
        lift = rng.uniform(-0.04, 0.04)
        for year in HISTORY_YEARS:
            t = year - 2005
            for age in AGES:
                people = int(base[(code, age)] * (1 - 0.006 * (2009 - year)))
                rate = min(0.97, 0.74 + lift + 0.015 * t - 0.09 * (age - 16) + rng.normal(0, 0.012))
                shares = np.array([max(0.0, s + d * t) for s, d in MIX.values()])
                counts = np.floor(people * rate * shares / shares.sum()).astype(int)
                rows += [[year, code, age, route, int(n)] for route, n in zip(MIX, counts, strict=True)]
                rows.append([year, code, age, NOT_PARTICIPATING, people - int(counts.sum())])
    return rows


def _provision_rows(rng: np.random.Generator, history: list[list[object]]) -> list[list[object]]:
    learners = {}
    for year, code, _, route, n in history:
        if year == 2009 and route != NOT_PARTICIPATING:
            learners[(code, route)] = learners.get((code, route), 0) + n
    rows = []
    for code, name, _ in AREAS:
        for route in ROUTES:
            offering = [p for p, routes in PROVIDERS if route in routes]
            for pattern in offering:
                places = int(learners.get((code, route), 0) * rng.uniform(0.95, 1.1) / len(offering))
                provider, grade = pattern.format(p=name), int(rng.choice([1, 2, 2, 3, 3, 4]))
                rows.append([provider, code, route, 2009, places, grade])
                if route == "Diplomas" and rng.random() < 0.5:  # a planned expansion of the new Diplomas
                    rows.append([provider, code, route, 2011, int(places * 2), grade])
    return rows


def write_futures_demo(data: str | Path, seed: int = 2009) -> FuturesDemo:
    """Write ``<data>/futures/`` (areas, three cohort variants, history, provision, scenarios) from ``seed``."""
    folder = Path(data) / FUTURES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    base = _population(rng)
    history = _history_rows(rng, base)
    years = [str(y) for y in PROJECTION_YEARS]
    files = [_write(folder / AREAS_FILE, ["area", "name", "consortium"], [list(a) for a in AREAS])]
    for variant in ("principal", "low", "high"):
        files.append(_write(folder / cohort_file(variant), [*ID_COLUMNS, *years], _cohort_rows(base, variant)))
    files.append(_write(folder / PARTICIPATION_FILE, ["year", "area", "age", "route", "young_people"], history))
    header = ["provider", "area", "route", "year", "places", "grade"]
    files.append(_write(folder / PROVISION_FILE, header, _provision_rows(rng, history)))
    (folder / SCENARIOS_FILE).write_text(SCENARIOS_YAML, encoding="utf-8")
    (folder / SYNTHETIC_MARKER_FILE).write_text(
        "synthetic: every area, provider and figure is invented\n", encoding="utf-8"
    )
    return FuturesDemo(folder, [*files, folder / SCENARIOS_FILE])
