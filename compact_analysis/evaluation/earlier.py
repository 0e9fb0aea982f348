"""The period before a paper's, of the same cadence, to compare statuses with.

Within a year the paper's own history holds it; for the first period of a year (always, for an annual
paper) it is the last period of the year before. There is an earlier status to compare with only when
that period has a figure someone returned, as known on the paper's evidence date.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.evaluate import Evaluation, evaluate_period
from compact_analysis.evaluation.targets import Override
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import Period


def has_figures(evaluation: Evaluation) -> bool:
    """True when some member had returned a figure of some indicator for the evaluation's period."""
    return any(r.value.members_returned for r in evaluation.results)


def earlier_evaluation(
    framework: Framework,
    observations: pd.DataFrame,
    register: pd.DataFrame,
    period: Period,
    as_at: date,
    overrides: tuple[Override, ...] = (),
    rule: str | None = None,
    known: tuple[Evaluation, ...] = (),
) -> Evaluation | None:
    """The period before ``period`` (same cadence) evaluated from what was known on ``as_at`` by ``rule`` (the
    run's, as the rest of a paper's history); None when the framework cannot place it (no term dates) or nobody
    had returned any of its figures. ``known``: evaluations already made on the same evidence (a multi-year
    plan's earlier years), so the period is not evaluated twice."""
    try:
        before = period.previous(framework.terms)
        before.bounds(framework.terms)
    except PeriodError:
        return None
    evaluation = next((e for e in known if e.period == before), None)
    if evaluation is None:
        evaluation = evaluate_period(framework, observations, register, before, as_at, overrides, rule)
    return evaluation if has_figures(evaluation) else None
