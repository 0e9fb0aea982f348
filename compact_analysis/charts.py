"""Figures in one house style, readable in greyscale, each returned with its alt text."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 110,
    "savefig.dpi": 110,
}
INK = "#1b1b1b"
TARGET = "#5a5a5a"


@dataclass(frozen=True)
class Chart:
    """A rendered figure: PNG bytes, a title and alt text for the HTML."""

    title: str
    alt: str
    png: bytes

    def to_html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<figure class="ca-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}"/>'
            f"<figcaption>{html.escape(self.title)}</figcaption></figure>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def trajectory_chart(
    title: str,
    period_labels: list[str],
    actuals: list[float | None],
    expected: list[float],
    target: float,
    unit: str,
) -> Chart:
    """Actual values by period against the straight-line trajectory and the target."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.2, 2.6))
        x = range(len(period_labels))
        ax.plot(x, expected, linestyle="--", color=TARGET, label="Trajectory")
        ax.axhline(target, linestyle=":", color=TARGET, label=f"Target ({target:g})")
        points = [(i, v) for i, v in zip(x, actuals, strict=True) if v is not None]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", color=INK, label="Actual")
        ax.set_xticks(list(x), period_labels)
        ax.set_ylabel(unit.capitalize())
        ax.set_xlabel("Period")
        ax.set_ylim(bottom=0)
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper left", fontsize=8)
    shown = ", ".join(
        f"{label}: {'no data' if v is None else f'{v:g}'}" for label, v in zip(period_labels, actuals, strict=True)
    )
    alt = f"Line chart of {title.lower()}. Actual values by period ({shown}) against a trajectory to a target of {target:g}."
    return Chart(title, alt, _png(fig))


def variation_chart(x, title: str, ylabel: str, alt: str) -> Chart:
    """An XmR chart (:mod:`compact_analysis.spc_chart`) as a :class:`Chart` with its alt text."""
    from .spc_chart import xmr_chart

    return Chart(title, alt, _png(xmr_chart(x, title, ylabel)))
