"""Which members returned a period's data on time, late, or not at all, as at an evidence date.

Seed 002 asks that performance is "monitored ... until resolved"; a paper that
does not say whose returns are missing or late overstates what it knows.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

STATUSES = ("on time", "late", "missing")


def returns_timeliness(first: pd.DataFrame, members: pd.DataFrame, due: date, as_at: date) -> pd.DataFrame:
    """One row per deemed member: ``on time`` (first sent by ``due``), ``late`` (after it, by ``as_at``) or ``missing``.

    ``first`` has each member's first submission date for the period (:func:`store.first_submissions`);
    anything submitted after ``as_at`` was not known then and counts as missing.
    """
    sent = dict(zip(first["member_id"], first["first_submitted"], strict=True))
    rows = []
    for member in members.sort_values("member_id").itertuples(index=False):
        day = sent.get(member.member_id)
        if day is None or day > as_at:
            status, day = "missing", None
        else:
            status = "on time" if day <= due else "late"
        rows.append({"member_id": member.member_id, "name": member.name, "status": status, "first_submitted": day})
    return pd.DataFrame(rows, columns=["member_id", "name", "status", "first_submitted"])


def timeliness_counts(timeliness: pd.DataFrame) -> dict[str, int]:
    """How many members are on time, late and missing (every status present, zero if none)."""
    counts = timeliness["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def quarantined_in_period(quarantined: pd.DataFrame, period_start: date, period_end: date) -> pd.DataFrame:
    """Quarantined cells whose row was for a period ending within the dates (rows with no readable period excluded)."""
    if quarantined.empty or "period_end" not in quarantined.columns:
        return quarantined.iloc[0:0]
    ends = pd.to_datetime(quarantined["period_end"])
    within = ends.notna() & ends.between(pd.Timestamp(period_start), pd.Timestamp(period_end))
    return quarantined[within].reset_index(drop=True)
