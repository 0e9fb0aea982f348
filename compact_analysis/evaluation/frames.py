"""An evaluation as tidy tables for analysts (issue #23): typed columns, one row per indicator or member.

:func:`evaluation_frame` is :meth:`Evaluation.to_frame`: a ``period`` column, dates as ``datetime64``,
counts as nullable integers (``Int64``: a count is never shown as ``17.0``, and a missing one stays
missing), figures as nullable floats (``Float64``; no return is ``<NA>``, never 0) and statuses as an
ordered categorical (the order of :class:`~compact_analysis.evaluation.status.StatusCode`, then any
analyst's override text in the order met). :func:`baseline_frame` names the members of a baseline's
three lists with their names and sectors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from compact_analysis.evaluation.status import StatusCode

if TYPE_CHECKING:  # the records are built from these; importing them here would be circular
    from compact_analysis.evaluation.results import Evaluation, IndicatorResult

DATE_COLUMNS = ("period_start", "period_end", "as_at")
COUNT_COLUMNS = ("counted", "returned", "not_returned", "members")
FIGURE_COLUMNS = ("value", "target", "expected_now", "previous", "year_earlier")
STATUS_COLUMNS = ("status", "computed_status")
#: The baseline's three named lists, in the order a paper shows them.
BASELINE_LISTS = ("lacking", "having", "unanswered")


def evaluation_frame(evaluation: Evaluation) -> pd.DataFrame:
    """One row per indicator, typed for analysis (see the module's docstring for the dtypes)."""
    rows = [_row(evaluation, r) for r in evaluation.results]
    frame = pd.DataFrame(rows, columns=list(_row_columns()))
    return typed(frame)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the dtypes of :func:`evaluation_frame` (also for several periods' rows concatenated)."""
    frame = frame.copy()
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in FIGURE_COLUMNS:
        frame[column] = pd.array(frame[column].tolist(), dtype="Float64") if len(frame) else frame[column]
    codes = [str(c) for c in StatusCode]
    extra = [c for column in STATUS_COLUMNS for c in frame[column].dropna().unique() if c not in codes]
    categories = pd.CategoricalDtype([*codes, *dict.fromkeys(extra)], ordered=True)
    for column in STATUS_COLUMNS:
        frame[column] = frame[column].astype(categories)
    return frame


def _row_columns() -> tuple[str, ...]:
    return ("period", "period_start", "period_end", "as_at", "priority", "indicator_id", "indicator", "value",
            "target", "expected_now", "status", "status_label", "computed_status", "direction", "previous",
            "year_earlier", "counted", "returned", "not_returned", "members")  # fmt: skip


def _row(evaluation: Evaluation, r: IndicatorResult) -> dict[str, object]:
    value = r.value
    return {
        "period": evaluation.period.name,
        "period_start": evaluation.period_start,
        "period_end": evaluation.period_end,
        "as_at": evaluation.as_at,
        "priority": r.priority_id,
        "indicator_id": r.indicator.id,
        "indicator": r.indicator.name,
        "value": value.shown,
        "target": r.target_value,
        "expected_now": None if r.expected is None else float(r.expected),
        "status": str(r.status.code),
        "status_label": r.status.label,
        "computed_status": str(r.rule_status.code),
        "direction": str(r.direction),
        "previous": r.previous_value,
        "year_earlier": r.year_earlier_value,
        "counted": len(value.members_counted) if value.shown is not None else None,
        "returned": len(value.members_returned),
        "not_returned": len(value.members_without_return),
        "members": value.denominator,
    }


def baseline_frame(evaluation: Evaluation, indicator_id: str) -> pd.DataFrame:
    """The members of an indicator's baseline lists with their names and sectors, one row each.

    ``list`` is ``lacking`` (counted in the gap), ``having`` (already there at the baseline) or
    ``unanswered``; a member no longer deemed at the period end keeps its row, its name ``<NA>``.
    """
    result = evaluation.result(indicator_id)
    if result.baseline is None:
        raise KeyError(f"indicator {indicator_id!r} has no baseline lists (only a share of a baseline gap has)")
    ids = [(m, name) for name in BASELINE_LISTS for m in getattr(result.baseline, name)]
    lists = pd.DataFrame(ids, columns=["member_id", "list"])
    members = evaluation.members[["member_id", "name", "sector"]].drop_duplicates("member_id")
    found = lists.merge(members, on="member_id", how="left")[["member_id", "name", "sector", "list"]]
    found["list"] = found["list"].astype(pd.CategoricalDtype(list(BASELINE_LISTS), ordered=True))
    return found


def indicator_history(frames: list[pd.DataFrame], indicator_id: str) -> pd.DataFrame:
    """One indicator's rows of several periods' :func:`evaluation_frame`, oldest period first."""
    if not frames:
        return typed(pd.DataFrame(columns=list(_row_columns())))
    rows = pd.concat([f[f["indicator_id"] == indicator_id].astype(object) for f in frames], ignore_index=True)
    return typed(rows.sort_values("period_end", kind="stable").reset_index(drop=True))
