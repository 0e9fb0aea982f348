"""The link chart: a plan's participation trajectory against each scenario's required LA-wide path.

Drawn like the paper's other charts (matplotlib's object API, house style, greyscale-readable line styles),
with alt text giving the figures it shows (:mod:`compact_analysis.futures.plan_link` computes them).
"""

from __future__ import annotations

from datetime import date

import matplotlib
import pandas as pd

from compact_analysis.futures.charts import _figure, _style
from compact_analysis.futures.numbers import percent
from compact_analysis.futures.plan_link import PlanPath, reach_table
from compact_analysis.futures.scenarios import ScenarioResult
from compact_analysis.presentation.chart_style import INK, STYLE, TARGET
from compact_analysis.presentation.charts import Chart, png_bytes


def year_axis(when: date) -> float:
    """A date on the chart's year axis: 31 December ``y`` is ``y`` (where the model reads academic year ``y``)."""
    return when.year - 1 + (when - date(when.year - 1, 12, 31)).days / 365.25


def link_chart(path: PlanPath, results: list[ScenarioResult]) -> Chart:
    """The plan's trajectory (and latest value) for one indicator beside each scenario's required path."""
    history = results[0].prepared.history
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure()
        for i, result in enumerate(results):
            required = pd.concat([history.tail(1), result.required_path], ignore_index=True)
            ax.plot(required["year"], required["rate"] * 100, color=INK, label=f"Required: {result.scenario.name}",
                    **_style(i + 1))  # fmt: skip
        if path.corners:
            xs = [year_axis(d) for d, _ in path.corners]
            ax.plot(xs, [v * 100 for _, v in path.corners], color=TARGET, linewidth=2.2, label="The plan's trajectory")
            last = max(r.scenario.target_year for r in results)
            if last > xs[-1]:  # after its due date the target holds: drawn thin, dotted
                held = path.corners[-1][1] * 100
                ax.plot([xs[-1], last], [held, held], color=TARGET, linestyle=":", label="The plan's target, held")
        if path.latest is not None and path.as_at is not None:
            ax.plot([year_axis(path.as_at)], [path.latest * 100], "D", color=INK, markersize=6,
                    label=f"Latest ({path.period})")  # fmt: skip
        ax.set_title(f"{path.name}: the plan against each scenario's path")
        ax.set_xlabel("Year (academic year starting)")
        ax.set_ylabel("Participation (%)")
        ax.set_ylim(0, 105)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    table = reach_table(path, results)
    parts = [
        f"{r.name} needs {percent(r.required)} by {r.target_year}"
        + ("" if r.plan is None else f", the plan {percent(r.plan)}")
        for r in table.itertuples()
    ]
    start = (
        f"the plan's trajectory runs from {percent(path.corners[0][1])} to {percent(path.corners[-1][1])} "
        f"by {path.corners[-1][0]:%B %Y}"
        if path.corners
        else "the plan has no trajectory yet"
    )
    alt = f"Line chart of participation for {path.name}: {start}; {'; '.join(parts)}."
    return Chart(f"{path.name} against the scenarios' paths", alt, png_bytes(fig))
