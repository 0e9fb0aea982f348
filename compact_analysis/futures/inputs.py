"""All the futures inputs of a data folder, read and checked together: one located failure per problem.

``load_futures`` raises one :class:`~compact_analysis.futures.codes.FuturesInputError` holding every
failure of every file (the command line prints them as a table, then one ``error:`` line), or returns
:class:`FuturesInputs`, whose frames the model's pure functions take.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ErrorCode, Failure, InputError
from compact_analysis.futures.codes import FUTURES_FOLDER, FuturesCode, FuturesInputError
from compact_analysis.futures.cohort import missing_ages, read_cohort
from compact_analysis.futures.history import NOT_PARTICIPATING, read_areas, read_participation
from compact_analysis.futures.provision import read_provision
from compact_analysis.futures.scenario_file import SCENARIOS_FILE, Scenario, read_scenarios


@dataclass(frozen=True)
class FuturesInputs:
    """The checked inputs: areas, cohort (every variant), participation history, provision, scenarios."""

    areas: pd.DataFrame
    cohort: pd.DataFrame
    participation: pd.DataFrame
    provision: pd.DataFrame
    scenarios: list[Scenario]

    @property
    def base_year(self) -> int:
        """The latest year of the participation history: the model starts from it."""
        return int(self.participation["year"].max())

    @property
    def ages(self) -> list[int]:
        """The single years of age the history covers (and so the model projects)."""
        return sorted(int(a) for a in self.participation["age"].unique())


def futures_folder(data: str | Path) -> Path:
    return Path(data) / FUTURES_FOLDER


def _cross_checks(inputs: FuturesInputs, folder: str, failures: list[Failure]) -> None:
    """Target years after the base year; a population for each area and age the model needs."""
    base = inputs.base_year
    for i, scenario in enumerate(inputs.scenarios):
        if scenario.target_year and scenario.target_year <= base:
            message = f"target_year must be after {base}, the last year of the participation history"
            where = f"scenarios[{i}].target_year"
            failures.append(
                Failure(
                    f"{folder}/{SCENARIOS_FILE}",
                    None,
                    where,
                    str(scenario.target_year),
                    FuturesCode.TARGET_YEAR,
                    message,
                )
            )
    last = max((s.target_year for s in inputs.scenarios), default=base)
    years = list(range(base + 1, last + 1))
    missing_ages(inputs.cohort, list(inputs.areas["area"]), inputs.ages, years, folder, failures)
    latest = inputs.participation[inputs.participation["year"] == base]
    totals = latest.groupby(["area", "age"])["young_people"].sum()
    for area in inputs.areas["area"]:
        for age in inputs.ages:
            if totals.get((area, age), 0) == 0:
                message = f"{area} has no young people of age {age} in {base} (a row for {NOT_PARTICIPATING!r} counts)"
                failures.append(
                    Failure(
                        f"{folder}/participation.csv", None, "young_people", "0", FuturesCode.NO_POPULATION, message
                    )
                )


def load_futures(data: str | Path) -> FuturesInputs:
    """Read and check every futures input under ``<data>/futures``; raise one error listing every failure."""
    folder = futures_folder(data)
    if not folder.is_dir():
        message = f"{folder}: no futures folder (write one with `compact-analysis futures init-demo`; formats in docs/futures.md)"
        raise InputError(message, code=ErrorCode.FILE_NOT_FOUND)
    failures: list[Failure] = []
    areas = read_areas(folder, failures)
    cohort = read_cohort(folder, areas, failures)
    participation = read_participation(folder, areas, failures)
    provision = read_provision(folder, areas, failures)
    scenarios = read_scenarios(folder, set(cohort["variant"].unique()), failures)
    if failures:
        raise FuturesInputError(failures)
    inputs = FuturesInputs(areas, cohort, participation, provision, scenarios)
    _cross_checks(inputs, folder.name, failures)
    if failures:
        raise FuturesInputError(failures)
    return inputs
