"""A Frictionless Data Package descriptor (``datapackage.json``) for a period's data download.

Issue #24 item 5: "a download of the whole evaluation per period, described by a Frictionless Data Package
descriptor so tools can read it". Each CSV is a tabular resource with a Table Schema whose field types
follow the frame's columns (https://specs.frictionlessdata.io/table-schema/): integers, numbers, dates,
and strings for the rest. Text cells are written formula-safe (:func:`.evidence.exports.write_csv`), so a
field that may carry an apostrophe-guarded value stays a ``string``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pandas.api import types

from compact_analysis.evidence.exports import write_csv

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class DataResource:
    """One table of the download: its file name (a resource name is the name without ``.csv``) and a title."""

    name: str
    title: str
    frame: pd.DataFrame
    description: str = ""


def field_type(series: pd.Series) -> str:
    """The Table Schema type of a column: ``integer``, ``number``, ``date``, ``boolean`` or ``string``."""
    if types.is_bool_dtype(series):
        return "boolean"
    if types.is_integer_dtype(series):
        return "integer"
    if types.is_numeric_dtype(series):
        return "number"
    if types.is_datetime64_any_dtype(series):
        return "date"
    present = series.dropna()
    if len(present) and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in present):
        return "date"
    if len(present) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"


def table_schema(frame: pd.DataFrame) -> dict:
    """The Table Schema of a frame: one field a column, typed by :func:`field_type`; missing values are empty."""
    return {"fields": [{"name": str(c), "type": field_type(frame[c])} for c in frame.columns], "missingValues": [""]}


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text and datetimes as their date, so each cell matches its schema type."""
    out = frame.copy()
    for column in out.columns:
        if types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date
        out[column] = out[column].map(lambda v: v.isoformat() if isinstance(v, dt.date) else v).astype(object)
    return out


def write_data_package(
    folder: Path, name: str, title: str, resources: list[DataResource], extra: dict | None = None
) -> Path:
    """Write each resource as ``folder/<name>.csv`` (formula-safe cells) and ``folder/datapackage.json``;
    ``extra`` adds package properties (the release's evidence date, its contact as a contributor)."""
    folder.mkdir(parents=True, exist_ok=True)
    described = []
    for resource in resources:
        write_csv(folder / f"{resource.name}.csv", _csv_ready(resource.frame))
        described.append(
            {
                "name": resource.name, "path": f"{resource.name}.csv", "title": resource.title,
                "description": resource.description, "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(resource.frame),
            }
        )  # fmt: skip
    descriptor = {"profile": "tabular-data-package", "name": name, "title": title, **(extra or {})}
    descriptor["resources"] = described
    path = folder / DESCRIPTOR
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    return path
