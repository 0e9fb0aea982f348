"""The cohort: population by single year of age, area and year, in the layout of the ONS projections.

The Office for National Statistics publishes its sub-national population projections (SNPP) as CSV
files with the columns ``AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP`` and then one column per
year (``2010, 2011, ...``), a row per area and single year of age (``0`` .. ``89``, ``90 and over``,
``All ages``), persons in the "persons" file. Each variant (principal, low, high) is its own file:
``futures/cohort-principal.csv`` (required), ``cohort-low.csv``, ``cohort-high.csv``. A published file
may hold every local authority: only the areas in ``areas.csv`` are read, and only ``persons`` rows
of the ``Population`` component (the published persons file holds nothing else).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from compact_analysis.errors import Failure
from compact_analysis.futures.codes import VARIANTS, FuturesCode
from compact_analysis.futures.table_checks import has_columns, is_number, read_text_table

ID_COLUMNS = ("AREA_CODE", "AREA_NAME", "COMPONENT", "SEX", "AGE_GROUP")
COHORT_COLUMNS = ("variant", "area", "age", "year", "population")


def cohort_file(variant: str) -> str:
    return f"cohort-{variant}.csv"


def _years(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.isdigit() and len(c) == 4]


def _one_variant(folder: Path, variant: str, areas: set[str], failures: list[Failure]) -> pd.DataFrame | None:
    path = folder / cohort_file(variant)
    if variant != "principal" and not path.exists():
        return None  # optional: a scenario naming it is refused (scenario_file.check_variants)
    name = f"{folder.name}/{cohort_file(variant)}"
    frame = read_text_table(path, name, failures)
    if frame is None or not has_columns(frame, name, ID_COLUMNS, failures):
        return None
    years = _years(frame)
    if not years:
        failures.append(Failure(name, 1, None, "", FuturesCode.MISSING_COLUMN, "no year columns such as 2010"))
        return None
    chosen = frame[
        frame["AREA_CODE"].isin(areas)
        & frame["SEX"].str.lower().eq("persons")
        & frame["COMPONENT"].str.lower().eq("population")
        & frame["AGE_GROUP"].str.isdigit()
    ]
    for column in years:
        for index, value in chosen[column][~chosen[column].map(is_number)].items():
            message = f"population must be a number, at least 0 ({chosen.at[index, 'AREA_CODE']}, age {chosen.at[index, 'AGE_GROUP']})"
            failures.append(Failure(name, int(index) + 2, column, value, FuturesCode.NOT_A_NUMBER, message))
    long = chosen.melt(id_vars=["AREA_CODE", "AGE_GROUP"], value_vars=years, var_name="year", value_name="population")
    long["population"] = pd.to_numeric(long["population"], errors="coerce")
    for _, row in long[long["population"] < 0].iterrows():
        message = f"population cannot be negative ({row['AREA_CODE']}, age {row['AGE_GROUP']})"
        failures.append(Failure(name, None, row["year"], str(row["population"]), FuturesCode.NEGATIVE, message))
    return pd.DataFrame(
        {
            "variant": variant,
            "area": long["AREA_CODE"],
            "age": long["AGE_GROUP"].astype(int),
            "year": long["year"].astype(int),
            "population": long["population"].astype(float),
        }
    )


def read_cohort(folder: Path, areas: pd.DataFrame, failures: list[Failure]) -> pd.DataFrame:
    """Every variant's cohort as one long frame: variant, area, age, year, population."""
    wanted = set(areas["area"])
    frames = [f for v in VARIANTS if (f := _one_variant(folder, v, wanted, failures)) is not None]
    if not frames:
        return pd.DataFrame(columns=list(COHORT_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def missing_ages(
    cohort: pd.DataFrame, areas: list[str], ages: list[int], years: list[int], folder: str, failures: list[Failure]
) -> None:
    """A failure for each variant, area, age and year the model needs that the cohort does not hold."""
    for variant, rows in cohort.groupby("variant", sort=False):
        have = set(zip(rows["area"], rows["age"], rows["year"], strict=True))
        name = f"{folder}/{cohort_file(str(variant))}"
        for area in areas:
            for age in ages:
                gone = [y for y in years if (area, age, y) not in have]
                if gone:
                    message = f"{area} has no population of age {age} for {', '.join(map(str, gone))}"
                    failures.append(Failure(name, None, "AGE_GROUP", str(age), FuturesCode.MISSING_AGE, message))
