"""Provision: places by provider (or consortium), area, route and year, with a quality grade.

Seed 003, slide 4: "Audit of current availability and quality". A row for a year after the history
is a planned change: the places a provider will offer from that year (until a later row changes them).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from compact_analysis.errors import Failure
from compact_analysis.futures.codes import GRADES, ROUTES, FuturesCode
from compact_analysis.futures.table_checks import (
    duplicates,
    has_columns,
    known,
    not_blank,
    read_text_table,
    whole_numbers,
)

PROVISION_FILE = "provision.csv"
PROVISION_COLUMNS = ("provider", "area", "route", "year", "places", "grade")


def read_provision(folder: Path, areas: pd.DataFrame, failures: list[Failure]) -> pd.DataFrame:
    """``provision.csv``, checked: places and years whole and at least 0, routes, areas and grades known."""
    name = f"{folder.name}/{PROVISION_FILE}"
    frame = read_text_table(folder / PROVISION_FILE, name, failures)
    if frame is None or not has_columns(frame, name, PROVISION_COLUMNS, failures):
        return pd.DataFrame(columns=list(PROVISION_COLUMNS))
    not_blank(frame, name, "provider", failures)
    numbers = {column: whole_numbers(frame, name, column, failures) for column in ("year", "places")}
    known(frame, name, "route", ROUTES, FuturesCode.UNKNOWN_ROUTE, failures)
    known(frame, name, "area", areas["area"], FuturesCode.UNKNOWN_AREA, failures)
    known(frame, name, "grade", [str(g) for g in GRADES], FuturesCode.UNKNOWN_GRADE, failures)
    duplicates(frame, name, ["provider", "area", "route", "year"], failures)
    grade = pd.to_numeric(frame["grade"].where(frame["grade"].isin([str(g) for g in GRADES])), errors="coerce")
    out = frame[["provider", "area", "route"]].assign(**numbers, grade=grade.astype("Int64"))
    return out[list(PROVISION_COLUMNS)]
