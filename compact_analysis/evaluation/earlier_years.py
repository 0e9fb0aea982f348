"""A multi-year plan's earlier years (issue #21 item 2): every period of a paper's cadence in the plan's years
before the paper's own, evaluated from what was known on the paper's evidence date.

A paper's own history runs from the first period of its year; a plan of several years draws its trajectory
chart across all of them, so the chart's actuals need the earlier years' figures too. A one-year plan has none.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, evaluate_period
from compact_analysis.evaluation.targets import Override
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import Period


def earlier_years(
    framework: Framework,
    observations: pd.DataFrame,
    register: pd.DataFrame,
    period: Period,
    as_at: date,
    overrides: tuple[Override, ...] = (),
    rule: str | None = None,
) -> tuple[Evaluation, ...]:
    """Each period of ``period``'s cadence in the framework's years before ``period``'s year, oldest first,
    evaluated as at ``as_at`` (so a later correction shows, as it does in the paper's own history)."""
    if len(framework.years) < 2:
        return ()
    before = [p for p in framework.periods(period.cadence) if p.year < period.year]
    return tuple(evaluate_period(framework, observations, register, p, as_at, overrides, rule) for p in before)
