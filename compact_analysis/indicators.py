"""Indicator values as at a period end, per member and in total.

Members who have not returned are counted as "no return", never as zero.
A level implies the ones below it: a member at stage 3 counts toward stage 2
and toward commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .framework import Framework, Indicator


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value with the members behind it."""

    indicator_id: str
    value: float | None
    members_counted: tuple[str, ...]
    members_returned: tuple[str, ...]
    members_without_return: tuple[str, ...]
    denominator: int

    @property
    def response_rate(self) -> float | None:
        return len(self.members_returned) / self.denominator if self.denominator else None


def latest_state(observations: pd.DataFrame, measure_id: str, period_end: date) -> pd.DataFrame:
    """Each member's latest value of a measure for a period ending on or before ``period_end``."""
    rows = observations[(observations["measure_id"] == measure_id) & (observations["period_end"] <= period_end)]
    rows = rows.sort_values(["member_id", "period_end", "submitted"])
    return rows.groupby("member_id", as_index=False).tail(1).reset_index(drop=True)


def members_at_or_above(state: pd.DataFrame, levels: list[str], level: str) -> pd.DataFrame:
    """Rows of ``state`` whose level is ``level`` or higher on the ordered scale."""
    rank = {name: i for i, name in enumerate(levels)}
    return state[state["value"].map(rank).fillna(-1) >= rank[level]]


def indicator_value(
    framework: Framework,
    indicator: Indicator,
    observations: pd.DataFrame,
    members: pd.DataFrame,
    period_start: date,
    period_end: date,
) -> IndicatorValue:
    """Value of one indicator for the members given (normally the deemed members at the period end)."""
    ids = set(members["member_id"])
    if indicator.measure is None or indicator.aggregate in ("none", "gap-closed", "milestone"):
        return IndicatorValue(indicator.id, None, (), (), tuple(sorted(ids)), len(ids))
    measure = framework.measure(indicator.measure)
    if indicator.aggregate == "sum":
        rows = observations[
            (observations["measure_id"] == measure.id)
            & (observations["period_end"] >= period_start)
            & (observations["period_end"] <= period_end)
            & observations["member_id"].isin(ids)
        ]
        returned = set(rows["member_id"])
        counted = rows
        value = float(rows["value_number"].sum())
    else:
        state = latest_state(observations, measure.id, period_end)
        state = state[state["member_id"].isin(ids)]
        returned = set(state["member_id"])
        if indicator.aggregate == "count-at-level":
            counted = members_at_or_above(state, framework.scale(measure.scale).levels, indicator.level)
        else:  # count-yes
            counted = state[state["value"] == "yes"]
        value = float(len(counted))
    return IndicatorValue(
        indicator.id,
        value,
        tuple(sorted(set(counted["member_id"]))),
        tuple(sorted(returned)),
        tuple(sorted(ids - returned)),
        len(ids),
    )
