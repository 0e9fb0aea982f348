"""An XmR chart figure in the house style of `chart_style.py`, readable in greyscale.

Figures are built with matplotlib's object API (:class:`~matplotlib.figure.Figure`), never pyplot, so
importing this module leaves the plotting backend of an analyst's Jupyter session as it was.
"""

from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure

from compact_analysis.evaluation.spc import CONCERN, IMPROVEMENT, NEUTRAL, XmR
from compact_analysis.presentation.chart_style import INK, STYLE, TARGET

MARKERS = {IMPROVEMENT: ("^", "Special cause: improvement"), CONCERN: ("v", "Special cause: concern"),
           NEUTRAL: ("s", "Special cause: neutral")}  # fmt: skip


def xmr_chart(x: XmR, title: str, ylabel: str) -> Figure:
    """Values with mean and process limits, special-cause points marked by shape (not only colour).

    The figure belongs to no pyplot state, so there is nothing to close; limits are labelled
    provisional when they are.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.2, 2.6))
        ax = fig.subplots()
        positions = range(len(x.points))
        ax.plot(positions, x.points["value"], marker="o", markersize=3, color=INK, label="Value")
        if x.mean is not None:
            limits = "Provisional process limits" if x.provisional else "Process limits"
            ax.axhline(x.mean, color=TARGET, label=f"Mean ({x.mean:.3g})")
            ax.axhline(x.upper_limit, linestyle="--", color=TARGET, label=limits)
            ax.axhline(x.lower_limit, linestyle="--", color=TARGET)
        for variation, (marker, label) in MARKERS.items():
            special = x.points[x.points["variation"] == variation]
            if len(special):
                ax.scatter(special.index, special["value"], marker=marker, s=40, color=INK, zorder=3, label=label)
        labels, common = short_labels(x.points["label"].tolist())
        ax.set_xticks(list(positions), labels)
        ax.set_xlabel(f"Month of {common}" if common else "Month")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper left", fontsize=7, bbox_to_anchor=(1.0, 1.0))
    return fig


def short_labels(labels: list[str]) -> tuple[list[str], str]:
    """Period names without the year they share ('2009-10-M04' -> 'M04', year '2009-10'), so ticks fit level."""
    years = {label.rsplit("-", 1)[0] for label in labels if label.count("-") >= 2}
    if len(years) == 1 and all(label.count("-") >= 2 for label in labels):
        return [label.rsplit("-", 1)[1] for label in labels], years.pop()
    return labels, ""
