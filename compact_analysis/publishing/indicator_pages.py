"""One page per indicator and an index of them, for a period's pack (issue #24 item 5; Open SDG as the anchor).

Open SDG's indicator page gives the indicator's metadata, its chart, its table and a CSV of it. Here each page
gives the indicator's definition from the framework, where it stands, its chart over the periods (the paper's
own chart code), its table over the periods with the uncertainty around each number, its status history,
its members, the returns behind the value and its downloads. Built from templates in one process: a page
costs a chart and a few tables, not a notebook run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.forecast import step_word
from compact_analysis.evidence.exports import write_csv
from compact_analysis.paths import safe_name
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.figure_chart import figure_chart
from compact_analysis.presentation.figure_words import figure_number
from compact_analysis.presentation.indicator_sections import trajectory_figure, variation_figure
from compact_analysis.presentation.indicator_tables import members_frame, periods_frame, sources_frame
from compact_analysis.presentation.release import Release, release_block
from compact_analysis.publishing.page_render import render_page

SHOWN_PERIOD_COLUMNS = {
    "period": "Period", "value": "Value", "target": "Target", "expected_now": "Expected now",
    "status_label": "Status", "direction": "Direction", "counted": "Counted", "returned": "Returned",
    "members": "Members", "projection_at_due": "Projection at due date", "projection_low": "Projection low",
    "projection_high": "Projection high", "chance_of_meeting_target": "Chance of meeting target",
    "target_low": "Target low", "target_high": "Target high", "target_interval_low": "Target 95% low",
    "target_interval_high": "Target 95% high",
}  # fmt: skip


def page_name(indicator_id: str) -> str:
    """The indicator's file stem inside ``indicators/`` (refused when the id cannot be a file name)."""
    return safe_name(indicator_id, "indicator id")


def value_words(result: IndicatorResult) -> str:
    """The value as the page states it: 'no return' when nobody returned it (never 0), else the number and unit."""
    if result.indicator.aggregate in ("milestone", "none"):
        return "reported by the partnership (see status)"
    if not result.value.members_returned or result.value.value is None:
        return "no return"
    shown = figure_number(result.value.value)
    return f"{shown} {unit_words(result.indicator.unit, shown)}"


def unit_words(unit: str, shown: str) -> str:
    """The unit in the number ``shown`` calls for: '1 member', '1 person', '2 members'; a unit of more than one
    word ('thousand starts', 'households (average)') or not a plain plural ('%', 'staff') stays as written."""
    if shown != "1" or " " in unit:
        return unit
    if unit == "people":
        return "person"
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def uncertainty_lines(result: IndicatorResult) -> list[str]:
    """The forecast with its chance or interval, and a derived target's range, in the package's own sentences."""
    lines = []
    if result.forecast is not None and result.target is not None and result.target.due is not None:
        step = step_word(result.forecast_step_months)
        lines.append(f"Forecast to {result.target.due:%-d %B %Y}: {result.forecast.sentence(step)}")
    if result.baseline is not None:
        lines.append(f"Target derived from the baseline: {result.baseline.target.text}")
    return lines


def chart_html(framework: Framework, history: tuple[Evaluation, ...], result: IndicatorResult) -> str:
    """The paper's chart of the indicator (trajectory, XmR or figure over the years); '' when it has none."""
    if result.has_trajectory:
        return trajectory_figure(framework, history, result.indicator.id).to_html()
    if result.spc is not None and result.spc.mean is not None:
        return variation_figure(result).to_html()
    if result.value.kind != "count":
        drawn = figure_chart(framework, history, result.indicator.id)
        return drawn.to_html() if drawn is not None else ""
    return ""


def periods_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The table over periods as shown: its columns renamed, uncertainty columns only where they hold a value."""
    keep = [
        c for c in SHOWN_PERIOD_COLUMNS if (c in frame.columns and frame[c].notna().any()) or c in ("period", "value")
    ]
    shown = frame[keep].astype(object).where(frame[keep].notna(), None)
    if "value" in shown:
        shown["value"] = shown["value"].where(shown["value"].notna(), "No data")
    if "chance_of_meeting_target" in shown:  # a probability reads as a percentage, to one place
        shown["chance_of_meeting_target"] = shown["chance_of_meeting_target"].map(
            lambda p: None if p is None else f"{p:.1%}"
        )
    return shown.rename(columns=SHOWN_PERIOD_COLUMNS)


def returns_words(evaluation: Evaluation, result: IndicatorResult) -> str:
    """What the table of returns behind the value lists (:func:`.indicator_tables.sources_frame`)."""
    end = f"{evaluation.period_end:%-d %B %Y}"
    if result.value.kind == "count":
        return f"Each member's latest return of the measure for a period ending by {end}."
    return (
        f"Every return of the measure for a period ending in the window the figure reads, up to {end}; the figure "
        "reads those of its own cadence (the paper's data quality section counts any return not read)."
    )


def status_history(frame: pd.DataFrame) -> list[str]:
    """'2009-10-Q1: On track (value 12)', one line a period, oldest first."""
    return [
        f"{row.period}: {row.status_label} (value {'no data' if pd.isna(row.value) else figure_number(row.value)})"
        for row in frame.itertuples(index=False)
    ]


def _definition(framework: Framework, result: IndicatorResult) -> dict[str, object]:
    """The definition list's values from the framework: priority, measure, how counted, polarity, groups."""
    indicator = result.indicator
    priority = next(p for p in framework.priorities if indicator in p.indicators)
    measure = ""
    if indicator.measure:
        m = framework.measure(indicator.measure)
        measure = f"{m.name} ({m.id}; {m.type}{f', {m.unit}' if m.unit else ''})"
    level = f" at level {indicator.level} or above" if indicator.level else ""
    polarity = {"higher": "higher", "lower": "lower", "none": "no direction: monitored only"}
    groups = [("Theme", t.name) for t in framework.themes if priority.id in t.priorities]
    groups += [("Perspective", p.name) for p in framework.perspectives if p.id == indicator.perspective]
    return {
        "priority": f"Priority {priority.number}: {priority.title}",
        "measure": measure,
        "counted_how": f"{indicator.aggregate}{level}, in {indicator.unit}",
        "polarity": polarity.get(str(indicator.polarity), str(indicator.polarity)),
        "groups": groups,
    }


def indicator_page(
    framework: Framework,
    history: tuple[Evaluation, ...],
    result: IndicatorResult,
    sources: pd.DataFrame,
    release: Release,
    synthetic: bool = False,
    commentary: str = "",
    frames: list[pd.DataFrame] | None = None,
) -> tuple[str, dict[str, pd.DataFrame]]:
    """One indicator's page (HTML) and its tables (periods, members, returns) for the downloads.

    ``history`` runs oldest first to this period (a multi-year plan's earlier years first, as the paper's
    chart); ``commentary`` is already-escaped HTML of the owner's commentary, '' when there is none; ``frames``
    the history's evaluation frames, made once for every indicator of a pack.
    """
    evaluation, indicator = history[-1], result.indicator
    name = page_name(indicator.id)
    tables = {
        "periods": periods_frame(history, indicator.id, frames),
        "members": members_frame(evaluation, indicator.id),
        "returns": sources_frame(sources, evaluation, indicator.id),
    }
    members = tables["members"].rename(columns={"member_id": "Member"}).rename(columns=str.capitalize)
    returns = tables["returns"].rename(columns={"member_id": "Member", "measure_id": "Measure", "period": "Period", "value": "Value",
                                                "file": "File", "sheet": "Sheet", "row": "Row",
                                                "submitted": "Submitted"})  # fmt: skip
    period = evaluation.period.name
    downloads = [(f"{name}.csv", "Table over the periods (CSV)"), (f"{name}.json", "Everything on this page (JSON)")]
    if not members.empty:
        downloads.append((f"{name}-members.csv", "Members (CSV)"))
    downloads += [(f"{name}-returns.csv", "Returns behind the value (CSV)"),
                  ("../data/datapackage.json", f"The whole evaluation at {period} (data package)")]  # fmt: skip
    html = render_page(
        "indicator.html.j2",
        f"{indicator.name} ({indicator.id}): {framework.title}, {period}",
        indicator=indicator, framework_title=framework.title, period=period, synthetic=synthetic,
        returns_words=returns_words(evaluation, result),
        status_badge=ui.Html(ui.status_badge(result.status.code, result.status.label)),
        status_reason=result.status.reason, value_words=value_words(result), direction=str(result.direction),
        uncertainty=uncertainty_lines(result), chart=ui.Html(chart_html(framework, history, result)),
        no_chart="the indicator has no target path or series to draw.",
        periods_table=ui.table(periods_display(tables["periods"]), f"{indicator.name} by period", status_columns=None),
        status_history=status_history(tables["periods"]), commentary=ui.Html(commentary),
        members_table=ui.table(members, f"{indicator.name}: members at {period}") if not members.empty else "",
        sources_table=ui.table(returns, f"{indicator.name}: returns behind the value at {period}",
                               member_columns=("Member", "Value")),  # each table its own named scroll region
        downloads=downloads, release=release_block(release, "../"), **_definition(framework, result),
    )  # fmt: skip
    return html, tables


def write_indicator(folder: Path, html: str, tables: dict[str, pd.DataFrame], about: dict) -> None:
    """Write ``<id>.html``, ``<id>.csv`` (periods), ``<id>-members.csv``, ``<id>-returns.csv`` and ``<id>.json``
    into ``folder`` (CSV cells formula-safe; ``about`` is the JSON's description of the indicator)."""
    name = page_name(about["id"])
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    write_csv(folder / f"{name}.csv", tables["periods"])
    if not tables["members"].empty:
        write_csv(folder / f"{name}-members.csv", tables["members"])
    write_csv(folder / f"{name}-returns.csv", tables["returns"])
    records = {key: json.loads(frame.to_json(orient="records", date_format="iso")) for key, frame in tables.items()}
    (folder / f"{name}.json").write_text(json.dumps({"indicator": about, **records}, indent=1) + "\n", encoding="utf-8")
