"""A multi-year plan's figure with no trajectory, drawn across the years (issue #21 item 2).

A running total monitored without a target (new apprentice starts since April 2017) or a rate judged against
a floor each year has no trajectory chart; in a plan of several years the paper still draws its value at each
period end from the plan's first year to this one, with the floor or ceiling in force at each (dotted).
"""

from __future__ import annotations

from datetime import timedelta
from math import nan

import matplotlib
from matplotlib.figure import Figure

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.evaluation.floors import threshold_in_force
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation.chart_style import INK, STYLE, TARGET
from compact_analysis.presentation.chart_ticks import chart_ticks
from compact_analysis.presentation.charts import Chart, png_bytes, y_limits

#: Target kinds drawn as a line at their value in force: "at least" and "no more than".
THRESHOLDS = ("floor", "ceiling")


def _in_force(evaluation: Evaluation, indicator_id: str) -> float | None:
    """The floor or ceiling in force at the period's end (judged, or no data), None when none is."""
    target, end = evaluation.result(indicator_id).target, evaluation.period_end
    if target is None or target.kind not in THRESHOLDS:
        return None
    if (target.applies_from is not None and end < target.applies_from) or (
        target.until is not None and end > target.until
    ):
        return None
    return float(threshold_in_force(target, end))


def figure_chart(framework: Framework, history: tuple[Evaluation, ...], indicator_id: str) -> Chart | None:
    """The figure at each period end of ``history`` (a multi-year plan's earlier years first), with any floor or
    ceiling in force; None for a one-year plan or fewer than two periods with a figure."""
    shown = [(ev.period_end, ev.result(indicator_id).value.shown) for ev in history]
    if len(framework.years) < 2 or sum(v is not None for _, v in shown) < 2:
        return None
    indicator = history[-1].result(indicator_id).indicator
    ticks = chart_ticks(framework, history[0].period, history[-1].period)
    lines = [(ev.period_end, _in_force(ev, indicator_id)) for ev in history]
    kind = next((ev.result(indicator_id).target.kind for ev in history if _in_force(ev, indicator_id)), "floor")
    labels = dict(ticks)
    words = ", ".join(f"{labels.get(d, d)}: {'no data' if v is None else f'{v:,g}'}" for d, v in shown)
    alt = f"Line chart: {indicator.name}, at each period end ({words})."
    caption = "The figure at each period end (solid line, dots; a period with no figure breaks the line)."
    if any(v is not None for _, v in lines):
        alt += f" The {kind} in force is dotted."
        caption += f" The {kind} in force in each period is dotted."
    fig = _draw(indicator.name, ticks, shown, lines, kind, indicator.unit)
    return Chart(indicator.name, alt.replace("\n", " "), png_bytes(fig), caption)


def _draw(title, ticks, shown, lines, kind, unit) -> Figure:
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.2, 2.8))
        ax = fig.subplots()
        points = [(d, v) for d, v in shown if v is not None]
        gaps = [nan if v is None else v for _, v in shown]  # a year with no figure breaks the line, never bridged
        ax.plot([d for d, _ in shown], gaps, marker="o", color=INK, label="Actual")
        levels = [(d, v) for d, v in lines if v is not None]
        if levels:
            ax.plot([d for d, _ in lines], [nan if v is None else v for _, v in lines], linestyle=":", marker="_",
                    markersize=14, color=TARGET, label=kind.capitalize())  # fmt: skip
        ax.set_xticks([d for d, _ in ticks], [label for _, label in ticks])
        days = [d for d, _ in ticks]
        ax.set_xlim(min(days) - timedelta(days=60), max(days) + timedelta(days=60))
        ax.set_ylim(*y_limits([v for _, v in points] + [v for _, v in levels]))
        ax.set_ylabel(unit.capitalize())
        ax.set_xlabel("Period end")
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8)
    return fig
