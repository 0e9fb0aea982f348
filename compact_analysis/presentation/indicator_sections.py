"""The paper's per-indicator sections: each priority's indicators with value, status, forecast and charts.

Separate from :mod:`compact_analysis.presentation.paper` because it is the longest part of the paper:
one block per indicator, plus the baseline behind a derived target, the XmR chart of a monthly figure
and the trajectory chart of this year's actuals against the path to the target.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult, trajectory_path
from compact_analysis.evaluation.forecast import step_word
from compact_analysis.evaluation.trend import TrendForecast
from compact_analysis.evidence.commentary import Comment
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.baseline_block import baseline_block
from compact_analysis.presentation.chart_ticks import chart_ticks
from compact_analysis.presentation.charts import trajectory_chart, variation_chart
from compact_analysis.presentation.commentary_blocks import indicator_commentary
from compact_analysis.presentation.cycle_record import cycle_record_table
from compact_analysis.presentation.direction_marks import direction_html
from compact_analysis.presentation.figure_chart import figure_chart
from compact_analysis.presentation.figure_words import figure_value_words
from compact_analysis.presentation.pack_links import indicator_link
from compact_analysis.presentation.period_changes import revision_sentence
from compact_analysis.presentation.step_words import step_sentence
from compact_analysis.presentation.travel_words import compared_with


def priority_sections(
    framework: Framework,
    history: tuple[Evaluation, ...],
    register: pd.DataFrame,
    commentary: Mapping[str, Comment] | None = None,
) -> ui.Html:
    """Each priority's heading and outcome, then a block per indicator (``history[-1]`` is this period; a
    multi-year plan's history starts with its earlier years, for the trajectory charts) with its owner's
    ``commentary`` for the period, or whose is awaited (:mod:`.commentary_blocks`)."""
    commentary = commentary or {}
    evaluation = history[-1]
    parts = []
    for priority in framework.priorities:
        parts.append(ui.heading(f"Priority {priority.number}: {priority.title}", 3))
        parts.append(ui.paragraph(f"Outcome sought: {priority.outcome}"))
        for indicator in priority.indicators:
            result = evaluation.result(indicator.id)
            parts.append(indicator_block(framework, history, register, result))
            parts.append(indicator_commentary(result, commentary.get(indicator.id)))
    return ui.Html("".join(parts))


def indicator_block(
    framework: Framework, history: tuple[Evaluation, ...], register: pd.DataFrame, result: IndicatorResult
) -> ui.Html:
    """One indicator: where it comes from in the plan, its value and status, forecast, charts and baseline."""
    indicator = result.indicator
    parts = [
        ui.heading(indicator.name, 4),
        ui.Html(f'<p class="ca-source">From the plan: {ui.escape(indicator.source)}</p>'),
        indicator_link(indicator.id),  # the page the pack publishes beside the paper (issue #24 item 5)
    ]
    revised = revision_sentence(indicator, history[-1].period_end)
    if revised:
        parts.append(ui.paragraph(revised))
    if indicator.aggregate in ("milestone", "none"):  # reported by the partnership, not members
        parts.append(
            ui.Html(
                f"<p>Status: {ui.status_badge(result.status.code, result.status.label)} "
                f"({ui.escape(result.status.reason)}). Owner: {ui.escape(indicator.owner)}.</p>"
            )
        )
        parts.append(cycle_record_table(indicator.name, result.cycles))  # a recurring milestone's record
        return ui.Html("".join(parts))
    parts.append(_value_and_status(result))
    if step_sentence(result, history[-1].period_end):  # a multi-year plan's yearly target in force
        parts.append(ui.paragraph(step_sentence(result, history[-1].period_end)))
    if result.forecast is not None:
        step = step_word(result.forecast_step_months)  # an annual figure's run-rate is "a year" (issue 21)
        parts.append(ui.paragraph(f"Forecast to {result.target.due:%-d %B %Y}: {result.forecast.sentence(step)}"))
    if result.spc is not None and result.spc.mean is not None:
        parts.append(ui.paragraph(f"Month by month (statistical process control): {result.spc.summary.rstrip('.')}."))
        parts.append(ui.Html(variation_figure(result).to_html()))
    if result.baseline is not None:
        parts.append(baseline_block(result.baseline, register, history[-1].period_end, indicator.name))
    if result.has_trajectory:
        parts.append(ui.Html(trajectory_figure(framework, history, indicator.id).to_html()))
    elif result.value.kind != "count":  # a multi-year plan's figure with no trajectory, across the years
        drawn = figure_chart(framework, history, indicator.id)
        parts.append(ui.Html(drawn.to_html() if drawn is not None else ""))
    return ui.Html("".join(parts))


def _value_and_status(result: IndicatorResult) -> ui.Html:
    """The sentence giving a member-reported indicator's value, status, direction of travel and owner."""
    indicator = result.indicator
    value = "no return" if not result.value.members_returned else f"{result.value.value:g}"
    who = f"{len(result.value.members_returned)} of {result.value.denominator} members returned"
    if result.value.kind != "count" and result.value.members_returned:  # a figure says what it is (issue #21)
        value, _, who = figure_value_words(indicator, result.value, "")
    computed = ""
    if result.override is not None and result.computed_status is not None:
        computed = f" The rule gave {ui.escape(result.computed_status.label)}."
    previous_words, year_words = compared_with(result)  # a running total compares its steps
    year = ""
    if result.direction_year != "not comparable" and year_words:
        year = f"; {year_words}: {direction_html(result.direction_year)}"
    return ui.Html(
        f"<p>Value: <strong>{ui.escape(value)}</strong> "
        f"({ui.escape(who)}). "
        f"Status: {ui.status_badge(result.status.code, result.status.label)} "
        f"({ui.escape(result.status.reason)}).{computed} "
        f"Direction of travel: {direction_html(result.direction)}{previous_words}{year}. "
        f"Owner: {ui.escape(indicator.owner)}.</p>"
    )


def variation_figure(result: IndicatorResult):
    """The XmR chart of a monthly figure, with alt text giving its mean, limits and verdict."""
    x = result.spc
    title = f"{result.indicator.name}: monthly values with process limits"
    alt = (
        f"XmR chart of {result.indicator.name}, {len(x.points)} months: mean {x.mean:,.1f}, process limits "
        f"{x.lower_limit:,.1f} to {x.upper_limit:,.1f}. {x.summary}"
    )
    return variation_chart(x, title, result.indicator.unit.capitalize(), alt)


def trajectory_figure(framework: Framework, history: tuple[Evaluation, ...], indicator_id: str):
    """The indicator's trajectory chart: the actuals of ``history`` (this year's; a multi-year plan's earlier
    years too, :mod:`.chart_ticks`) against the whole path to its target."""
    fw, current = framework, history[-1]
    result = current.result(indicator_id)
    ticks = chart_ticks(fw, history[0].period, current.period)
    actuals = [
        (
            ev.period_end,
            ev.result(indicator_id).value.value if ev.result(indicator_id).value.members_returned else None,
        )
        for ev in history
    ]
    projection = None
    forecast = result.forecast
    drawn = forecast is not None and forecast.run_rate_projection is not None and forecast.now != forecast.target
    if drawn and result.target.due > current.period_end:
        projection = [(current.period_end, forecast.now), (result.target.due, forecast.run_rate_projection)]
    path = [(day, float(value)) for day, value in trajectory_path(fw, result)]
    return trajectory_chart(
        result.indicator.name, ticks, actuals, path, float(result.target_value), result.indicator.unit, projection,
        "trend projection" if isinstance(forecast, TrendForecast) else "run-rate projection",
        from_zero=result.value.kind == "count",
    )  # fmt: skip
