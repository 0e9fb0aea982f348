"""Small hand-built data sets for engine tests: observations and registers written inline as CSV."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pandas as pd

OBS_HEADER = "member_id,measure_id,period,period_end,value,value_number,submitted\n"


def observations(text: str) -> pd.DataFrame:
    """Observations as ``observations_as_at`` returns them, from CSV rows (header optional)."""
    body = text.strip() + "\n"
    if not body.startswith("member_id"):
        body = OBS_HEADER + body
    frame = pd.read_csv(StringIO(body), dtype={"value": str, "comment": str})
    frame["value_number"] = pd.to_numeric(frame["value"], errors="coerce")
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    if "comment" not in frame:
        frame["comment"] = ""
    return frame


def register(*ids: str, joined: date = date(2008, 4, 1), left: dict[str, date] | None = None) -> pd.DataFrame:
    """A register of deemed members, all joined on ``joined``; ``left`` gives last days."""
    left = left or {}
    return pd.DataFrame(
        {
            "member_id": list(ids),
            "name": [f"Member {i}" for i in ids],
            "sector": "other",
            "code": "",
            "joined": joined,
            "left": [left.get(i) for i in ids],
            "deemed": True,
        }
    )
