"""Budget arithmetic in whole pence, shared by the training monitor (seed 001) and the LEA's finance (seed 002).

Seed 001 asks for "regular reports on spend and activity"; seed 002 monitors "Capital - quarterly" and
"Revenue - monthly" and "significant issues re: ... budgets". Both use the same rules, exact in integer
pence (halves round up):

* months into the financial year at a period's last day: April = 1 ... March = 12;
* profile to date = budget × months ÷ 12 (an even spend through the year);
* projected (forecast) outturn = spend to date × 12 ÷ months (the run-rate of the year so far);
* variance = outturn − budget (positive: an overspend).
"""

from __future__ import annotations

from datetime import date


def months_into_year(end: date) -> int:
    """Months of the financial year (from 1 April) up to the month of ``end``: 30 September -> 6."""
    return (end.month - 4) % 12 + 1


def round_half_up(numerator, denominator: int):
    """``numerator / denominator`` rounded half up, for integers or integer pandas Series alike."""
    return (2 * numerator + denominator) // (2 * denominator)


def profile_to_date(budget_pence, months: int):
    """The share of the budget an even spend reaches after ``months`` months."""
    return round_half_up(budget_pence * months, 12)


def projected_outturn(spend_pence, months: int):
    """The year's outturn if spending goes on at the rate of the year so far."""
    return round_half_up(spend_pence * 12, months)
