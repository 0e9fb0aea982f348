"""Slicing an evaluation for exploration: by sector, by theme, and simple what-if projections.

Seed 003 asks for "modelling of future requirements": :func:`what_if_year_end`
projects a count to the year end under an assumed number of new members a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.plan.periods import months_between


def counts_by_sector(evaluation: Evaluation, register: pd.DataFrame) -> pd.DataFrame:
    """For each member-counted indicator and sector: members, members returned, members counted."""
    sectors = register.set_index("member_id")["sector"]
    deemed = evaluation.members["member_id"]
    rows = []
    for result in evaluation.results:
        if result.indicator.aggregate not in ("count-at-level", "count-yes"):
            continue
        for sector, ids in deemed.groupby(deemed.map(sectors)):
            ids = set(ids)
            rows.append(
                {
                    "indicator_id": result.indicator.id,
                    "sector": sector,
                    "members": len(ids),
                    "returned": len(ids & set(result.value.members_returned)),
                    "counted": len(ids & set(result.value.members_counted)),
                }
            )
    return pd.DataFrame(rows, columns=["indicator_id", "sector", "members", "returned", "counted"])


def indicators_of_theme(evaluation: Evaluation, theme_id: str) -> pd.DataFrame:
    """The summary table rows for the priorities grouped under one theme of the framework."""
    theme = next((t for t in evaluation.framework.themes if t.id == theme_id), None)
    if theme is None:
        known = ", ".join(t.id for t in evaluation.framework.themes) or "none"
        raise KeyError(f"no theme {theme_id!r} in {evaluation.framework.id} (themes: {known})")
    table = evaluation.table()
    return table[table["priority"].isin(theme.priorities)].reset_index(drop=True)


def what_if_year_end(current: int, per_month: int, as_at: date, due: date, ceiling: int) -> int:
    """The count at ``due`` if ``per_month`` more members join each remaining month, capped at ``ceiling``."""
    return min(ceiling, current + per_month * months_between(as_at, due))


@dataclass(frozen=True)
class Scenario:
    """A what-if projection of one indicator to its target date, with the sentence the explorer shows."""

    indicator_id: str
    per_month: int
    now: int
    projected: int
    target: int
    due: date
    meets_target: bool
    text: str


def scenario(evaluation: Evaluation, indicator_id: str, per_month: int) -> Scenario:
    """Seed 003's "modelling of future requirements": the year-end count if ``per_month`` more members count each month.

    For a member-counted indicator with a numeric target; capped at the deemed members (nobody counts twice).
    """
    result = evaluation.result(indicator_id)
    if result.target_value is None or result.target is None or result.value.value is None:
        raise ValueError(f"{indicator_id} has no numeric target and value to project at {evaluation.period.name}")
    if per_month < 0:
        raise ValueError("per_month must be 0 or more")
    now, target, due = int(result.value.value), int(result.target_value), result.target.due
    ceiling = (
        len(result.baseline.can_count(evaluation.period_end))
        if result.baseline is not None
        else result.value.denominator
    )
    projected = what_if_year_end(now, per_month, evaluation.period_end, due, ceiling)
    meets = projected >= target
    text = (
        f"{result.indicator.name}: with {per_month} more a month from {now} at {evaluation.period_end:%-d %B %Y}, "
        f"{projected} by {due:%-d %B %Y} against a target of {target}: "
        + ("the target would be met." if meets else f"{target - projected} short of the target.")
    )
    return Scenario(indicator_id, per_month, now, projected, target, due, meets, text)
