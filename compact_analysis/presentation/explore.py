"""Charts for exploring one period in JupyterLab (notebooks/explore.ipynb), drawn from a prepared paper.

Each indicator's progress along its trajectory, the month-by-month process chart of each monthly
figure, and how many members of each sector count toward an indicator. The notebook only calls these,
so what an analyst sees there is drawn by the same code as the published paper.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from compact_analysis.evaluation.slices import counts_by_sector
from compact_analysis.presentation.chart_style import INK, STYLE, TARGET
from compact_analysis.presentation.charts import Chart, png_bytes
from compact_analysis.presentation.indicator_sections import trajectory_figure, variation_figure
from compact_analysis.presentation.paper import Paper


def trajectory_charts(paper: Paper) -> list[Chart]:
    """One chart per indicator with a trajectory: its values (a multi-year plan's earlier years too) against its path."""
    return [
        trajectory_figure(paper.framework, paper.earlier_years + paper.history, result.indicator.id)
        for result in paper.evaluation.results
        if result.has_trajectory
    ]


def monthly_charts(paper: Paper) -> list[Chart]:
    """One process (XmR) chart per monthly figure with at least two months returned."""
    return [
        variation_figure(result)
        for result in paper.evaluation.results
        if result.spc is not None and result.spc.mean is not None
    ]


def sector_shares(counts: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """One indicator's rows of :func:`~compact_analysis.evaluation.slices.counts_by_sector` with the share
    of each sector's members counted (``share``, 0 to 1; a sector with no members has no share)."""
    rows = counts[counts["indicator_id"] == indicator_id].copy()
    if rows.empty:
        known = ", ".join(sorted(counts["indicator_id"].unique()))
        raise KeyError(f"no member-counted indicator {indicator_id!r}; there are {known}")
    rows["share"] = rows["counted"].where(rows["members"] > 0) / rows["members"].where(rows["members"] > 0)
    return rows.reset_index(drop=True)


def sector_chart(counts: pd.DataFrame, indicator_id: str, title: str) -> Chart:
    """Bars of members counted against members, one pair per sector, for one indicator."""
    rows = sector_shares(counts, indicator_id)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.2, 0.5 + 0.4 * len(rows)))
        ax = fig.subplots()
        ax.barh(rows["sector"], rows["members"], color="white", edgecolor=TARGET, hatch="//", label="Members")
        ax.barh(rows["sector"], rows["counted"], color=INK, label="Counted")
        ax.invert_yaxis()
        ax.set_xlabel("Member organisations")
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
    shown = "; ".join(f"{r.sector}: {r.counted} of {r.members}" for r in rows.itertuples())
    alt = f"Bar chart: {title}. Members counted of each sector's members ({shown})."
    return Chart(title, alt, png_bytes(fig), "Solid bar: members counted; hatched bar: all the sector's members.")


def sector_charts(paper: Paper) -> list[Chart]:
    """:func:`sector_chart` for every indicator that counts members."""
    counts = counts_by_sector(paper.evaluation, paper.register)
    names = {r.indicator.id: r.indicator.name for r in paper.evaluation.results}
    return [sector_chart(counts, i, f"{names[i]}: by sector") for i in dict.fromkeys(counts["indicator_id"])]
