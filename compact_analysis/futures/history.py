"""The areas (area -> consortium) and the participation and route-mix history, read and checked.

Seed 003, slide 4: "How much should be LA wide (or across SRG) and how much at consortium level?", so
every area belongs to one consortium. The history counts young people by year, area, single year of
age and route, with those in no education or training under :data:`NOT_PARTICIPATING`, so the cohort of
each past year is the sum of its rows and no separate population file is needed for past years.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from compact_analysis.errors import Failure
from compact_analysis.futures.codes import ROUTES, FuturesCode
from compact_analysis.futures.table_checks import (
    duplicates,
    has_columns,
    known,
    not_blank,
    read_text_table,
    whole_numbers,
)

AREAS_FILE = "areas.csv"
PARTICIPATION_FILE = "participation.csv"
AREA_COLUMNS = ("area", "name", "consortium")
PARTICIPATION_COLUMNS = ("year", "area", "age", "route", "young_people")
#: The route value of young people in no education or training (counted in the cohort, not in demand).
NOT_PARTICIPATING = "Not participating"


def read_areas(folder: Path, failures: list[Failure]) -> pd.DataFrame:
    """``areas.csv``: area (the ONS area code the cohort file uses), name, consortium; one row an area."""
    name = f"{folder.name}/{AREAS_FILE}"
    frame = read_text_table(folder / AREAS_FILE, name, failures)
    if frame is None or not has_columns(frame, name, AREA_COLUMNS, failures):
        return pd.DataFrame(columns=list(AREA_COLUMNS))
    for column in AREA_COLUMNS:
        not_blank(frame, name, column, failures)
    duplicates(frame, name, ["area"], failures)
    return frame[list(AREA_COLUMNS)]


def read_participation(folder: Path, areas: pd.DataFrame, failures: list[Failure]) -> pd.DataFrame:
    """``participation.csv``: young people by year, area, age and route (whole numbers, at least 0)."""
    name = f"{folder.name}/{PARTICIPATION_FILE}"
    frame = read_text_table(folder / PARTICIPATION_FILE, name, failures)
    if frame is None or not has_columns(frame, name, PARTICIPATION_COLUMNS, failures):
        return pd.DataFrame(columns=list(PARTICIPATION_COLUMNS))
    numbers = {column: whole_numbers(frame, name, column, failures) for column in ("year", "age", "young_people")}
    known(frame, name, "route", (*ROUTES, NOT_PARTICIPATING), FuturesCode.UNKNOWN_ROUTE, failures)
    known(frame, name, "area", areas["area"], FuturesCode.UNKNOWN_AREA, failures)
    duplicates(frame, name, ["year", "area", "age", "route"], failures)
    out = frame[["area", "route"]].assign(**numbers)
    return out[list(PARTICIPATION_COLUMNS)]
