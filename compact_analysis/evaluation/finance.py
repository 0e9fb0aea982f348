"""Finance beside performance: each financial-monitoring plan's budget, spend to date, forecast outturn, variance.

Seed 002 lists "2 Financial Monitoring reports - Capital, Revenue" and times them "Capital - quarterly",
"Revenue - monthly"; "significant issues re: ... budgets" go to EMT. A plan with a ``budget`` (whole
pounds a year) and a ``spend`` measure (the partnership's spend in each period of the plan's cadence) is
reported at a paper's period end as at its evidence date, with the training monitor's arithmetic
(:mod:`compact_analysis.evaluation.budget`), exact in pence:

* **through**: the last period of the plan's cadence, in the financial year of the paper's period end,
  ending on or before it (a capital line in a paper to 17 December runs to the quarter ending 30 September);
* **spend to date**: the sum of the returned spend for that year's periods up to it (None, "No data", when
  nothing was returned; never 0);
* **profile to date** = budget × months ÷ 12; **forecast outturn** = spend × 12 ÷ months;
  **variance** = forecast outturn − budget (positive: an overspend).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from compact_analysis.evaluation.budget import months_into_year, profile_to_date, projected_outturn
from compact_analysis.plan.periods import Period, periods_of_year


@dataclass(frozen=True)
class FinanceLine:
    """One financial-monitoring plan at a paper's period end (money in whole pence; None: not known)."""

    plan_id: str
    name: str
    cadence: str
    through: Period | None
    months: int
    budget_pence: int
    spend_pence: int | None
    profile_pence: int | None
    outturn_pence: int | None

    @property
    def variance_pence(self) -> int | None:
        """Forecast outturn − budget: positive is an overspend."""
        return None if self.outturn_pence is None else self.outturn_pence - self.budget_pence


def spend_pence(observations: pd.DataFrame, measure: str, start: date, end: date) -> int | None:
    """The sum of a measure's returned values for periods ending from ``start`` to ``end``, in pence (exact,
    from the values as written); None when nothing was returned."""
    rows = observations[
        (observations["measure_id"] == measure)
        & (observations["period_end"] >= start)
        & (observations["period_end"] <= end)
    ]
    if rows.empty:
        return None
    return int(sum(Decimal(str(v)) * 100 for v in rows["value"]))


def finance_line(plan, framework, observations: pd.DataFrame, period_end: date) -> FinanceLine:
    """A plan's line at ``period_end`` (module notes)."""
    year = Period(period_end.year if period_end.month >= 4 else period_end.year - 1, "Y", 1)
    ended = [
        p
        for p in periods_of_year(year.year_name, plan.cadence, framework.terms)
        if p.end(framework.terms) <= period_end
    ]
    budget = plan.budget * 100
    if not ended:
        return FinanceLine(plan.id, plan.name, plan.cadence, None, 0, budget, None, None, None)
    through = ended[-1]
    months = months_into_year(through.end(framework.terms))
    spent = spend_pence(observations, plan.spend, year.start(), through.end(framework.terms))
    outturn = None if spent is None else int(projected_outturn(spent, months))
    return FinanceLine(
        plan.id, plan.name, plan.cadence, through, months, budget, spent, int(profile_to_date(budget, months)), outturn
    )


def finance_lines(framework, observations: pd.DataFrame, period_end: date) -> list[FinanceLine]:
    """Every financial-monitoring plan with a budget, at ``period_end``, in the framework's order."""
    return [finance_line(p, framework, observations, period_end) for p in framework.plans if p.budget is not None]
