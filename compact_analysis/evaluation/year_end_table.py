"""The year-end table: every target due by a paper's period end, achieved or missed.

The rule is :mod:`.year_end`'s; this lays its verdicts out one row per target for the paper's section.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.results import Evaluation, IndicatorResult
from compact_analysis.evaluation.status import StatusCode
from compact_analysis.evaluation.target_status import has_trajectory
from compact_analysis.evaluation.year_end import is_due, margin_words

YEAR_END_COLUMNS = ["priority", "indicator_id", "indicator", "due", "target", "value", "outcome", "margin"]


def _due(result: IndicatorResult, evaluation: Evaluation) -> bool:
    """A numeric target with a number, or a milestone, whose due date has passed for this paper."""
    target = result.target
    if target is None or not (has_trajectory(target) or target.kind == "milestone"):
        return False
    return is_due(target.due, evaluation.period_end)


def _row(result: IndicatorResult) -> dict[str, object]:
    """One due target's row: a numeric target's value and margin at the due date, or a milestone's delivery."""
    target, status = result.target, result.rule_status
    row = {"priority": result.priority_id, "indicator_id": result.indicator.id, "indicator": result.indicator.name}
    row["due"] = target.due
    if target.kind == "milestone":  # delivered: achieved; overdue (not delivered after its due day): missed
        stage = str(status.inputs.get("reported", "")).replace("-", " ")
        outcome = {StatusCode.DELIVERED: "achieved", StatusCode.OVERDUE: "missed"}.get(status.code, stage)
        return {**row, "target": "delivery", "value": stage, "outcome": outcome, "margin": None}  # fmt: skip
    if status.code not in (StatusCode.ACHIEVED, StatusCode.MISSED):
        return {**row, "target": result.target_value, "value": None, "outcome": "no data", "margin": None}
    value, goal = status.inputs["value at the due date"], status.inputs["target"]
    return {**row, "target": goal, "value": value, "outcome": str(status.code),
            "margin": margin_words(value, goal, result.indicator.polarity)}  # fmt: skip


def year_end_table(evaluation: Evaluation) -> pd.DataFrame:
    """Every target due by the paper (see :func:`is_due`), achieved or missed, in framework order.

    A numeric target gives its value at the due date and the margin; a milestone is achieved when delivered,
    missed once overdue, and otherwise reads its stage (a period ending on its due day). A numeric target
    nobody had returned by its due date reads "no data". Empty before any is due.
    """
    rows = [_row(r) for r in evaluation.results if _due(r, evaluation)]
    return pd.DataFrame(rows, columns=YEAR_END_COLUMNS)
