"""The paper's finance section: capital beside revenue, budget against spend (seed 002's financial monitoring).

The figures are :mod:`compact_analysis.evaluation.finance`'s, in whole pounds (:func:`.money`); a variance is
said in words ("£90,000 over budget") as well as signed, and a line with nothing returned says "No data",
never £0. A framework without budgeted plans gets no section at all.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.finance import FinanceLine, finance_lines
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.money import money

NO_DATA = "No data"


def variance_words(pence: int | None) -> str:
    """'£90,000 over budget', '£5 under budget', 'on budget'; 'No data' when unknown."""
    if pence is None:
        return NO_DATA
    if pence == 0:
        return "on budget"
    return f"{money(abs(pence), 'never')} {'over' if pence > 0 else 'under'} budget"


def _pounds(pence: int | None) -> str:
    return NO_DATA if pence is None else money(pence, "never")


def finance_frame(lines: list[FinanceLine]) -> pd.DataFrame:
    """The finance table's rows as the paper shows them."""
    return pd.DataFrame(
        {
            "Line": [f"{line.name} ({line.cadence})" for line in lines],
            "To the end of": [line.through.name if line.through else "no period ended yet" for line in lines],
            "Annual budget": [money(line.budget_pence, "never") for line in lines],
            "Spend to date": [_pounds(line.spend_pence) for line in lines],
            "Profile to date": [_pounds(line.profile_pence) for line in lines],
            "Forecast outturn": [_pounds(line.outturn_pence) for line in lines],
            "Variance": [variance_words(line.variance_pence) for line in lines],
        }
    )


def finance_section(paper) -> ui.Html:
    """The section for a period paper (its framework, observations and period end); empty without budgets."""
    lines = finance_lines(paper.framework, paper.observations, paper.evaluation.period_end)
    if not lines:
        return ui.Html("")
    caption = f"Budget and spend to {paper.evaluation.period_end:%-d %B %Y}"
    return ui.Html(
        ui.heading("Finance")
        + ui.paragraph(
            "Capital is monitored quarterly and revenue monthly. Profile to date assumes an even spend through "
            "the year; the forecast outturn continues the year's spend so far at the same rate to twelve months; "
            "the variance is the forecast outturn less the annual budget."
        )
        + ui.table(finance_frame(lines), caption, nowrap=("To the end of",))
    )
