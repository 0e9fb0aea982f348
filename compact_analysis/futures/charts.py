"""The futures paper's figures: one range (fan) chart per route, and participation against the paths.

Drawn with matplotlib's object API on an Agg canvas (no pyplot), in the house style, readable in greyscale:
each scenario has its own line style and marker, its demand interval a light band, and the planned places
a heavy step line. Each chart comes with alt text giving the figures it shows.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from compact_analysis.futures.numbers import percent, places
from compact_analysis.futures.scenarios import ScenarioResult
from compact_analysis.presentation.chart_style import INK, STYLE, TARGET
from compact_analysis.presentation.charts import Chart, png_bytes

SIZE = (6.2, 2.8)  # inches: the width of the paper's text column
LINES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "P")


def _figure() -> tuple[Figure, object]:
    fig = Figure(figsize=SIZE)
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _style(i: int) -> dict:
    return {"linestyle": LINES[i % len(LINES)], "marker": MARKERS[i % len(MARKERS)], "markersize": 3.5}


def route_chart(results: list[ScenarioResult], route: str) -> Chart:
    """LA-wide demand for ``route`` under each scenario with its interval, and the places planned."""
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        parts = []
        for i, result in enumerate(results):
            rows = result.gaps("all")
            rows = rows[rows["route"] == route]
            ax.fill_between(
                rows["year"], rows["demand_low"], rows["demand_high"], color=TARGET, alpha=0.15, linewidth=0
            )
            ax.plot(rows["year"], rows["demand"], color=INK, label=f"Demand: {result.scenario.name}", **_style(i))
            last = rows.iloc[-1]
            parts.append(
                f"{result.scenario.name}: demand {places(last['demand'])} places in {int(last['year'])} "
                f"(range {places(last['demand_low'])} to {places(last['demand_high'])})"
            )
        supply = results[0].prepared.places_frame()
        supply = supply[supply["route"] == route]
        ax.step(supply["year"], supply["places"], where="post", color=INK, linewidth=2.2, label="Places planned")
        ax.set_title(f"{route}: demand under each scenario and places planned")
        ax.set_xlabel("Year (academic year starting)")
        ax.set_ylabel("Places (LA-wide)")
        ax.set_ylim(bottom=0)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    last_places = supply.iloc[-1] if len(supply) else None
    planned = (
        f"places planned reach {places(last_places['places'])} by {int(last_places['year'])}"
        if last_places is not None
        else "no places planned"
    )
    alt = f"Range chart of LA-wide demand for {route} places by year under each scenario, shaded between its low and high bounds, with the places planned as a step line. {'; '.join(parts)}; {planned}."
    caption = "Shaded: each scenario's demand interval (low and high population variants, participation trend's 80% prediction interval)."
    return Chart(f"{route}: demand and places", alt, png_bytes(fig), caption)


def trajectory_chart(results: list[ScenarioResult]) -> Chart:
    """The LA-wide participation rate so far and its trend, against each scenario's required path."""
    prepared = results[0].prepared
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        history = prepared.history
        ax.plot(
            history["year"],
            history["rate"] * 100,
            color=INK,
            linewidth=2.2,
            marker="o",
            markersize=4,
            label="Participation so far",
        )
        trend = prepared.trend
        ax.fill_between(trend["year"], (trend["rate"] - trend["half_width"]) * 100, (trend["rate"] + trend["half_width"]) * 100,
                        color=TARGET, alpha=0.2, linewidth=0)  # fmt: skip
        ax.plot(
            trend["year"], trend["rate"] * 100, color=TARGET, linestyle=(0, (1, 1)), label="Current trajectory (trend)"
        )
        parts = []
        for i, result in enumerate(results):
            path = pd.concat([history.tail(1), result.required_path], ignore_index=True)
            ax.plot(
                path["year"], path["rate"] * 100, color=INK, label=f"Required: {result.scenario.name}", **_style(i + 1)
            )
            end = result.required_path.iloc[-1]
            parts.append(f"{result.scenario.name} needs {percent(end['rate'])} by {int(end['year'])}")
        ax.set_title("Participation: the current trajectory against each scenario's path")
        ax.set_xlabel("Year (academic year starting)")
        ax.set_ylabel("Participation (%)")
        ax.set_ylim(0, 105)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    last, end = history.iloc[-1], trend.iloc[-1]
    alt = (
        f"Line chart of the LA-wide participation rate: {percent(last['rate'])} in {int(last['year'])}, its trend "
        f"reaching {percent(end['rate'])} by {int(end['year'])}; {'; '.join(parts)}."
    )
    return Chart("Participation against the scenarios' paths", alt, png_bytes(fig))
