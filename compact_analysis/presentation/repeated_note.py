"""The paper's data-quality note on figures the same as the previous period's (:mod:`~compact_analysis.evaluation.repeated`).

"3 figures were the same as the previous period's and may not have been updated: Alpha College (A), Staff
enrolling on Skills for Life courses in 2009-10-M05: 12; ...". Members' names are typed by people, so the
note is escaped where it becomes HTML (:func:`compact_analysis.presentation.html.paragraph`).
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.evaluation.repeated import EXCEPTION_RUNS, RepeatedFigure, repeated_figures
from compact_analysis.presentation import html as ui


def repeated_sentence(figures: list[RepeatedFigure], names: dict[str, str], measures: dict[str, str]) -> str:
    """The note in words ('' when nothing repeated); a figure the same for three periods or more says so."""
    if not figures:
        return ""
    items = []
    for f in figures:
        running = f" ({f.runs} periods running)" if f.runs >= EXCEPTION_RUNS else ""
        member = f"{names.get(f.member_id, f.member_id)} ({f.member_id})"
        items.append(f"{member}, {measures.get(f.measure_id, f.measure_id)} in {f.period}: {f.value:,g}{running}")
    were = "figure was" if len(figures) == 1 else "figures were"
    return (
        f"{len(figures)} {were} the same as the previous period's and may not have been updated: "
        + "; ".join(items)
        + "."
    )


def repeated_note(evaluation: Evaluation, observations: pd.DataFrame, register: pd.DataFrame) -> ui.Html:
    """The note as an escaped paragraph, or nothing when no figure repeated."""
    figures = repeated_figures(observations, evaluation.framework, evaluation.period_start, evaluation.period_end)
    names = dict(zip(register["member_id"].astype(str), register["name"].astype(str), strict=True))
    measures = {m.id: m.name for m in evaluation.framework.measures}
    text = repeated_sentence(figures, names, measures)
    return ui.paragraph(text) if text else ui.Html("")
