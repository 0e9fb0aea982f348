"""The tables behind an indicator page and the period's data download (issue #24 items 5 and 8).

Open SDG gives every indicator a page with its chart, its table over periods and a CSV of it; these are
those tables, built from the evaluations the paper already holds (no figure is computed here): one row a
period with the status and the uncertainty around the number (Code of Practice Q3: bounds, intervals and
the chance of meeting the target appear wherever the number does), one row a deemed member, and one row a
return behind the value (file, sheet, row and submitted date).
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.figures import kind_of, since_of
from compact_analysis.evaluation.forecast import Forecast
from compact_analysis.evaluation.frames import evaluation_frame
from compact_analysis.evaluation.trend import TrendForecast

#: The uncertainty columns every per-period table and download carries (empty where it does not apply).
UNCERTAINTY_COLUMNS = (
    "projection_at_due", "projection_low", "projection_high", "chance_of_meeting_target",
    "target_low", "target_high", "target_interval_low", "target_interval_high",
)  # fmt: skip
PERIOD_COLUMNS = (
    "period", "period_end", "as_at", "indicator_id", "indicator", "value", "target", "expected_now", "status",
    "status_label", "direction", "counted", "returned", "not_returned", "members", *UNCERTAINTY_COLUMNS,
)  # fmt: skip
MEMBER_COLUMNS = ("member_id", "name", "sector", "returned", "counted")
SOURCE_COLUMNS = ("member_id", "measure_id", "period", "value", "file", "sheet", "row", "submitted")


def uncertainty(result: IndicatorResult) -> dict[str, float | None]:
    """The bounds, interval and chance around one result: the forecast's projection at the due date with its
    prediction interval (a trend) or the model's chance of meeting the target (a member count), and a derived
    target's range over the baseline's bounds and 95% interval. None where the result has none."""
    out: dict[str, float | None] = dict.fromkeys(UNCERTAINTY_COLUMNS)
    forecast = result.forecast
    if isinstance(forecast, Forecast):
        out["projection_at_due"] = float(forecast.run_rate_projection)
        out["chance_of_meeting_target"] = forecast.probability
    elif isinstance(forecast, TrendForecast):
        out["projection_at_due"], out["projection_low"], out["projection_high"] = (
            forecast.projection, forecast.low, forecast.high,
        )  # fmt: skip
    if result.baseline is not None:
        derived = result.baseline.target
        out["target_low"], out["target_high"] = float(derived.low), float(derived.high)
        if derived.interval is not None:
            out["target_interval_low"], out["target_interval_high"] = map(float, derived.interval)
    return out


def periods_frame(
    history: tuple[Evaluation, ...], indicator_id: str, frames: list[pd.DataFrame] | None = None
) -> pd.DataFrame:
    """One row a period of ``history`` (oldest first) for one indicator: value, target, status, direction,
    members counted and returned, and the uncertainty around them (:func:`uncertainty`). ``frames`` are the
    history's :func:`evaluation_frame` when already made (a pack makes them once for all its indicators)."""
    frames = frames if frames is not None else [evaluation_frame(e) for e in history]
    rows = []
    for evaluation, frame in zip(history, frames, strict=True):
        row = frame[frame["indicator_id"] == indicator_id].iloc[0].to_dict()
        row.update(uncertainty(evaluation.result(indicator_id)))
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(PERIOD_COLUMNS))
    for column in ("period_end", "as_at"):
        out[column] = pd.to_datetime(out[column]).dt.date
    for column in ("counted", "returned", "not_returned", "members"):
        out[column] = out[column].astype("Int64")  # a count is never 17.0
    return out


def evaluation_download(evaluation: Evaluation) -> pd.DataFrame:
    """The whole evaluation of a period, one row an indicator, with the uncertainty columns."""
    frames = [evaluation_frame(evaluation)]
    rows = [periods_frame((evaluation,), r.indicator.id, frames) for r in evaluation.results]
    return pd.concat(rows, ignore_index=True)


def members_frame(evaluation: Evaluation, indicator_id: str) -> pd.DataFrame:
    """Each deemed member for an indicator counted per member: returned ("yes"/"no") and counted ("yes"/"no").

    Empty (with its columns) for an indicator the partnership reports or a figure that is not a count."""
    result = evaluation.result(indicator_id)
    value = result.value
    if value.kind != "count" or result.indicator.aggregate in ("milestone", "none"):
        return pd.DataFrame(columns=list(MEMBER_COLUMNS))
    members = evaluation.members[["member_id", "name", "sector"]].drop_duplicates("member_id")
    returned, counted = set(value.members_returned), set(value.members_counted)
    out = members.assign(
        returned=["yes" if m in returned else "no" for m in members["member_id"]],
        counted=["yes" if m in counted else "no" for m in members["member_id"]],
    )
    return out.sort_values("member_id", kind="stable").reset_index(drop=True)[list(MEMBER_COLUMNS)]


def sources_frame(sources: pd.DataFrame, evaluation: Evaluation, indicator_id: str) -> pd.DataFrame:
    """The returns behind an indicator's value, with file, sheet, row and submitted date (``sources`` from
    :func:`.evidence.sources.observation_sources`).

    A count of members reads each member's latest return of its measure for a period ending by the period
    end (:func:`~compact_analysis.evaluation.indicators.latest_state`): that one row a member. A figure
    (:mod:`~compact_analysis.evaluation.figures`) reads the returns of its measure (and a rate's denominator)
    for periods ending in the period, or since ``since`` for a running total or a rate: every such row."""
    indicator = evaluation.result(indicator_id).indicator
    if kind_of(indicator.aggregate) == "count":
        rows = sources[(sources["measure_id"] == indicator.measure) & (sources["period_end"] <= evaluation.period_end)]
        rows = rows.sort_values(["member_id", "period_end", "submitted"], kind="stable")
        return rows.groupby("member_id", as_index=False).tail(1)[list(SOURCE_COLUMNS)].reset_index(drop=True)
    measures = [m for m in (indicator.measure, indicator.denominator) if m]
    running = indicator.aggregate == "cumulative-sum" or (indicator.aggregate == "rate" and indicator.since)
    start = since_of(evaluation.framework, indicator) if running else evaluation.period_start
    window = sources["period_end"].between(start, evaluation.period_end) & sources["measure_id"].isin(measures)
    rows = sources[window].sort_values(["member_id", "measure_id", "period_end"], kind="stable")
    return rows[list(SOURCE_COLUMNS)].reset_index(drop=True)
