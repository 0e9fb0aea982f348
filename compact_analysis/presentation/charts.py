"""Figures in one house style, readable in greyscale, each returned with its alt text.

Figures are built with matplotlib's object API (:class:`~matplotlib.figure.Figure`), never pyplot, so
importing this module leaves the plotting backend of an analyst's Jupyter session as it was.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib
from matplotlib.figure import Figure

from compact_analysis.presentation.chart_style import INK, PROJECTION, STYLE, TARGET
from compact_analysis.presentation.xmr_chart import xmr_chart


@dataclass(frozen=True)
class Chart:
    """A rendered figure: PNG bytes, a title, alt text for the HTML and a caption that says how to read it."""

    title: str
    alt: str
    png: bytes
    caption: str = ""

    def to_html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        # A <div>, not <figure>: Chromium tags a <figure> as a PDF Figure of its own with no /Alt around the
        # image's tagged Figure (which carries the alt text); a <div> leaves one Figure, with its /Alt.
        caption = f'<p class="ca-caption">{html.escape(self.caption)}</p>' if self.caption else ""
        return (
            f'<div class="ca-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}"/>'
            f"{caption}</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes, cropped to what is drawn (the legend below the axes included)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def trajectory_chart(
    title: str,
    ticks: list[tuple[date, str]],
    actuals: list[tuple[date, float | None]],
    path: list[tuple[date, float]],
    target: float,
    unit: str,
    projection: list[tuple[date, float]] | None = None,
    projection_name: str = "run-rate projection",
    from_zero: bool = True,
) -> Chart:
    """Actual values at each period end against the trajectory to the target, over the whole plan.

    The x axis runs from the trajectory's start to the later of its due date and the last tick, so a
    reader sees how far there is still to go; ``projection`` (the run-rate forecast) is drawn from the
    latest actual to the due date when given. Lines differ by style as well as shade (greyscale print),
    and the legend sits below the axes so it never covers a line. ``from_zero=False`` (a figure, not a count of
    members) lets the y axis start near the values when they lie far from 0, so a plan's yearly steps show
    (2,737 to 2,820 is a flat line on an axis from 0); the caption then says the axis does not start at 0.
    """
    low = y_limits(_drawn_values(actuals, path, target, projection), from_zero)[0]
    fig = _trajectory_figure(title, ticks, actuals, path, target, unit, projection, projection_name, from_zero)
    shown = ", ".join(
        f"{label}: {'no data' if v is None else f'{v:g}'}" for (_, label), (_, v) in _labelled(ticks, actuals)
    )
    due = path[-1][0] if path else None
    by = f" by {due:%-d %B %Y}" if due else ""
    alt = (
        f"Line chart: {title}. Actual values at each period end ({shown}) against a trajectory "
        f"to a target of {target:g}{by}."
    )
    if projection:
        alt += f" The {projection_name} reaches {float(projection[-1][1]):.0f} by the due date."
    caption = f"Actual (solid line, dots) against the trajectory (dashed) to the target (dotted) of {target:g}{by}"
    caption += f"; {projection_name} dash-dotted." if projection else "."
    if low > 0:
        caption += f" The vertical axis starts at {low:,.4g}, not 0."
    return Chart(title, alt, png_bytes(fig), caption)


def _drawn_values(actuals, path, target, projection) -> list[float]:
    """Every value a trajectory chart draws: the target, the trajectory's corners, the actuals, the projection."""
    drawn = [float(target), *(float(v) for _, v in path), *(float(v) for _, v in actuals if v is not None)]
    return drawn + [float(v) for _, v in projection or ()]


def _trajectory_figure(
    title, ticks, actuals, path, target, unit, projection, projection_name, from_zero=True
) -> Figure:
    """The lines of :func:`trajectory_chart` (same arguments), drawn in the house style."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.2, 2.8))
        ax = fig.subplots()
        ax.plot([d for d, _ in path], [float(v) for _, v in path], linestyle="--", color=TARGET, label="Trajectory")
        ax.axhline(target, linestyle=":", color=TARGET, label=f"Target ({target:g})")
        if projection:
            ax.plot(
                [d for d, _ in projection],
                [float(v) for _, v in projection],
                linestyle="-.",
                color=PROJECTION,
                label=projection_name.capitalize(),
            )
        points = [(d, v) for d, v in actuals if v is not None]
        if points:
            ax.plot([d for d, _ in points], [v for _, v in points], marker="o", color=INK, label="Actual")
        ax.set_xticks([d for d, _ in ticks], [label for _, label in ticks])
        days = [d for d, _ in path] + [d for d, _ in ticks]
        ax.set_xlim(min(days) - timedelta(days=7), max(days) + timedelta(days=7))
        ax.set_ylabel(unit.capitalize())
        ax.set_xlabel("Period end")
        ax.set_ylim(*y_limits(_drawn_values(actuals, path, target, projection), from_zero))
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=4, fontsize=8)
    return fig


def y_limits(values: list[float], from_zero: bool = True) -> tuple[float, float]:
    """The y axis for a trajectory chart: from 0 (or the lowest value, when below 0) to 10% past the highest.

    Never an empty span: a flat series at 0 gets 0 to 1 (matplotlib warns "Attempting to set identical low and
    high ylims" on a span of nothing), and a series below 0 is drawn, not cut off at 0. With ``from_zero=False``
    positive values whose spread is less than their lowest (2,737 to 2,820) get 10% of the spread either side.
    """
    if not from_zero and min(values) > 0 and max(values) - min(values) < min(values):
        spread = max(values) - min(values)
        if spread == 0:
            return min(values) * 0.9, min(values) * 1.1
        return min(values) - spread * 0.1, max(values) + spread * 0.1
    low, high = min(0.0, *values), max(0.0, *values)
    span = high - low
    if span == 0:
        return low, low + 1.0
    return (low - span * 0.1 if low < 0 else low), (high + span * 0.1 if high > 0 else high)


def _labelled(ticks: list[tuple[date, str]], actuals: list[tuple[date, float | None]]):
    """Each actual with the label of the tick on its date (the period's short name)."""
    labels = dict(ticks)
    return [((d, labels.get(d, f"{d:%-d %b %Y}")), (d, v)) for d, v in actuals]


def variation_chart(x, title: str, ylabel: str, alt: str) -> Chart:
    """An XmR chart (:mod:`compact_analysis.presentation.xmr_chart`) as a :class:`Chart` with its alt text."""
    caption = (
        "Each month's value (dots) with the mean (solid line) and process limits (dashed); "
        "special causes are marked by shape."
    )
    return Chart(title, alt, png_bytes(xmr_chart(x, title, ylabel)), caption)
