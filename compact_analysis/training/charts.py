"""The training paper's three figures, drawn with matplotlib's object API and returned with alt text.

Figures are :class:`matplotlib.figure.Figure` objects on an Agg canvas: nothing goes through pyplot,
so drawing them never changes the backend of an analyst's JupyterLab session.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from compact_analysis.presentation.chart_style import INK, STYLE, TARGET
from compact_analysis.presentation.charts import Chart, png_bytes
from compact_analysis.presentation.money import money

SIZE = (6.2, 2.6)  # inches: the width of the paper's text column
#: Every other layer of the activity mix is hatched, so neighbouring greys still differ in print.
HATCHES = ("", "//", "", "..", "", "\\\\", "")


def _figure() -> tuple[Figure, Axes]:
    """A figure of the paper's size with one axes, on its own Agg canvas (no pyplot)."""
    fig = Figure(figsize=SIZE)
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _thousands(pence: pd.Series) -> pd.Series:
    return pence / 100_000  # £ thousands, for chart axes only


def spend_vs_budget_chart(by_priority: pd.DataFrame, key: str) -> Chart:
    """Budget, spend to date and projected outturn side by side for each priority (one row each)."""
    x = range(len(by_priority))
    width = 0.27
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        ax.bar([i - width for i in x], _thousands(by_priority["budget_pence"]), width, color="white",
               edgecolor=INK, label="Budget")  # fmt: skip
        ax.bar(list(x), _thousands(by_priority["spend_pence"]), width, color=INK, label="Spend to date")
        ax.bar([i + width for i in x], _thousands(by_priority["projected_outturn_pence"]), width, color=TARGET,
               hatch="//", label="Projected outturn")  # fmt: skip
        ax.set_xticks(list(x), by_priority["priority"])
        ax.set_xlabel("Priority (named below the chart)")
        ax.set_ylabel("£ thousand")
        ax.set_title("Spend against budget by priority")
        # Below the axes, so no bar can hide behind it whatever the data.
        ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3)
    columns = ["priority", "budget_pence", "spend_pence", "projected_outturn_pence"]
    parts = "; ".join(
        f"{p}: budget {money(b)}, spent {money(s)}, projected {money(o)}"
        for p, b, s, o in by_priority[columns].itertuples(index=False)
    )
    return Chart(
        "Spend against budget by priority",
        f"Bar chart of budget, spend to date and projected outturn by priority. {parts}.",
        png_bytes(fig),
        key,
    )


def cumulative_chart(cumulative: pd.DataFrame) -> Chart:
    """Cumulative spend by month against the even budget profile, all priorities together."""
    frame = cumulative.groupby("period", as_index=False)[["cumulative_pence", "profile_pence"]].sum()
    labels = [p[-3:] for p in frame["period"]]
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        ax.plot(labels, _thousands(frame["profile_pence"]), linestyle="--", color=TARGET, label="Budget profile")
        ax.plot(labels, _thousands(frame["cumulative_pence"]), marker="o", color=INK, label="Cumulative spend")
        ax.set_ylabel("£ thousand")
        ax.set_xlabel("Month of the financial year")
        ax.set_ylim(bottom=0)
        ax.set_title("Cumulative spend against the budget profile")
        ax.legend(frameon=False, fontsize=8, loc="upper left")
    last = frame.iloc[-1]
    alt = (
        f"Line chart of cumulative training spend by month against an even budget profile. By {last['period']} "
        f"spend was {money(int(last['cumulative_pence']))} against a profile of {money(int(last['profile_pence']))}."
    )
    return Chart("Cumulative spend against the budget profile", alt, png_bytes(fig))


def _stack(ax: Axes, table: pd.DataFrame) -> None:
    """One bar layer per priority (a column of ``table``), stacked, each a grey and every other one hatched."""
    bottom = pd.Series(0.0, index=table.index)
    shades = [0.15 + 0.8 * i / max(len(table.columns) - 1, 1) for i in range(len(table.columns))]
    greys = matplotlib.colormaps["Greys"](shades)
    for number, (colour, priority) in enumerate(zip(greys, table.columns, strict=True)):
        ax.bar([p[-2:] for p in table.index], table[priority], bottom=bottom, color=colour, edgecolor=INK,
               linewidth=0.3, hatch=HATCHES[number % len(HATCHES)], label=priority)  # fmt: skip
        bottom = bottom + table[priority]


def activity_mix_chart(by_quarter: pd.DataFrame, year_totals: pd.DataFrame, year_name: str, key: str) -> Chart:
    """Enrolments by priority stacked for each quarter; the alt text gives the year-to-date totals."""
    table = by_quarter.pivot(index="period", columns="priority", values="enrolments").fillna(0)
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        _stack(ax, table)
        ax.set_xlabel(f"Quarter of {year_name}")
        ax.set_ylabel("Enrolments")
        ax.set_title("Activity mix: enrolments by priority and quarter")
        # To the right of the axes, top layer first as the bars stack, so no legend sits on a bar.
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], frameon=False, fontsize=8, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), title="Priority", title_fontsize=8)  # fmt: skip
    parts = ", ".join(
        f"{p} {int(e):,}" for p, e in zip(year_totals["priority"], year_totals["enrolments"], strict=True)
    )
    return Chart(
        "Activity mix",
        f"Stacked bar chart of enrolments by priority for each quarter. Year to date: {parts}.",
        png_bytes(fig),
        key,
    )
