"""The paper's table of the conversions the framework names (its funnels), each with its value in words.

Only the conversions the framework's ``conversions`` names are shown
(:mod:`compact_analysis.evaluation.conversions`); none, no table.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.presentation import html as ui

NOT_COMPUTABLE = "not computable"


def _figure(value: float | None) -> str:
    return "no data" if value is None or pd.isna(value) else f"{value:,g}"


def conversion_words(numerator: str, denominator: str, top: float | None, bottom: float | None, rate) -> str:
    """'10 (Staff identified ...) over 30 (Skills for Life participation): 33.3%', or why it is not computable."""
    if rate is None or pd.isna(rate):
        if top is None or pd.isna(top):
            why = f"no figure for {numerator}"
        elif bottom is None or pd.isna(bottom):
            why = f"no figure for {denominator}"
        else:
            why = f"{denominator} is 0"
        return f"Not computable: {why}."
    text = f"{_figure(top)} ({numerator}) over {_figure(bottom)} ({denominator}): {float(rate):.1%}"
    if Fraction(rate) > 1:
        text += "; above 100%, so the first figure is not part of the second: check the plan pairs them"
    return text + "."


def conversions_table(evaluation: Evaluation) -> ui.Html:
    """The named conversions of the period as a table (nothing when the framework names none)."""
    frame = evaluation.conversions()
    if frame.empty:
        return ui.Html("")
    names = {r.indicator.id: r.indicator.name for r in evaluation.results}
    rows = []
    for c in frame.itertuples(index=False):
        top, bottom = names[c.numerator], names[c.denominator]
        rows.append(
            {
                "Conversion": c.name,
                "Numerator": f"{top}: {_figure(c.numerator_value)}",
                "Denominator": f"{bottom}: {_figure(c.denominator_value)}",
                "Value": NOT_COMPUTABLE if c.rate is None else f"{float(c.rate):.1%}",
                "In words": conversion_words(top, bottom, c.numerator_value, c.denominator_value, c.rate),
            }
        )
    caption = f"Conversions the plan names at {evaluation.period.name} (one figure over another)"
    return ui.table(pd.DataFrame(rows), caption)
