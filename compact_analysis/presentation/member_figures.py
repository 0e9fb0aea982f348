"""A member's own part in a figure (issue #21), for its scorecard: its sum, mean, rate or running total.

Computed by the same :func:`~compact_analysis.evaluation.indicators.indicator_value` as the partnership's
figure, over this member alone, so it reads the same returns (only those of the indicator's cadence).
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.figures import since_of
from compact_analysis.evaluation.indicators import Evidence, indicator_value
from compact_analysis.presentation.figure_words import figure_number
from compact_analysis.presentation.member_returns import number_text

#: The "Counts toward it" words of a figure, with the code that colours the badge (as the scorecard's others).
IN_TOTAL = ("in-total", "In the total")
NO_RETURN = ("no-return", "No return")


def _how(evaluation: Evaluation, result: IndicatorResult) -> str:
    ind = result.indicator
    if ind.aggregate == "mean":
        return "One of the members' figures averaged"
    if ind.aggregate == "rate":
        return "Both figures added to the partnership's numerator and denominator"
    if ind.aggregate == "cumulative-sum":
        return f"Added to the running total from {since_of(evaluation.framework, ind):%-d %B %Y}"
    return "Added to the partnership's total"


def member_figure(
    evaluation: Evaluation,
    result: IndicatorResult,
    observations: pd.DataFrame,
    member_id: str,
    evidence: Evidence | None = None,
) -> tuple[str, tuple[str, str], str]:
    """(the member's figure in words, its "counts toward it" code and word, how it counts).

    ``evidence``: the member's own observations indexed once (:class:`Evidence`), for many indicators.
    """
    ind = result.indicator
    mine = observations[observations["member_id"] == member_id]
    alone = pd.DataFrame({"member_id": [member_id]})
    found = indicator_value(
        evaluation.framework, ind, mine, alone, evaluation.period_start, evaluation.period_end, evidence
    )
    if not found.members_returned or found.value is None:
        return "no return", NO_RETURN, _how(evaluation, result)
    shown = number_text(found.value) if ind.aggregate == "sum" else figure_number(found.value, ind.unit)
    return shown, IN_TOTAL, _how(evaluation, result)
