"""The uncertainty around an indicator's number in a few words, for a table cell (issue #24 item 8).

Code of Practice for Statistics Q3: uncertainty appears wherever the number does. The paper's sentences
already give each forecast and derived target in full; the summary table's "Uncertainty" column gives the
same figures short, from :func:`~compact_analysis.presentation.indicator_tables.uncertainty`.
"""

from __future__ import annotations

from compact_analysis.evaluation.evaluate import IndicatorResult
from compact_analysis.presentation.figure_words import figure_number
from compact_analysis.presentation.indicator_tables import uncertainty


def chance_words(probability: float) -> str:
    """A chance as a whole percentage, never rounded to a certainty: '>99%' and '<1%' at the ends."""
    if probability >= 0.995:
        return ">99%"
    if probability <= 0.005:
        return "<1%"
    return f"{probability:.0%}"


def uncertainty_cell(result: IndicatorResult) -> str | None:
    """'>99% chance of meeting the target', 'trend 16 (12 to 20) by the due date', 'target 3 to 8 (95%: 4 to 7)'
    joined by '; ', or None when the number has no stated uncertainty."""
    u = uncertainty(result)
    parts = []
    if u["chance_of_meeting_target"] is not None:
        parts.append(f"{chance_words(u['chance_of_meeting_target'])} chance of meeting the target")
    if u["projection_low"] is not None and u["projection_high"] is not None:
        low, high = figure_number(u["projection_low"]), figure_number(u["projection_high"])
        parts.append(f"trend {figure_number(u['projection_at_due'])} ({low} to {high}) by the due date")
    if u["target_low"] is not None:
        text = f"target {figure_number(u['target_low'])} to {figure_number(u['target_high'])} over the bounds"
        if u["target_interval_low"] is not None:
            text += f" (95%: {figure_number(u['target_interval_low'])} to {figure_number(u['target_interval_high'])})"
        parts.append(text)
    return "; ".join(parts) or None
