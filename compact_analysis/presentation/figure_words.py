"""The opening clause of a figure's sentence (issue #21): a sum, mean, rate, the partnership's value or a running
total said as what it is, never as "N of M members".

"Mean attendance rate: 91.5% on average in the period to 30 June 2009 (the mean of 3 members' returns; 1 did not
return)". A figure's note (a running total's first day, an annual figure read from quarterly returns) follows
in brackets.
"""

from __future__ import annotations

from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.plan.framework import Indicator


def figure_number(value: float, unit: str) -> str:
    """'62.5%', '1,204 jobs', '3.5 days': a whole number without places, anything else to one place."""
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{shown}%" if unit.strip() == "%" else f"{shown} {unit}"


def figure_clause(indicator: Indicator, value: IndicatorValue, when: str) -> str:
    """'<name>: <figure> <what it is> (<who returned>; <note>)' for a value whose kind is not "count"."""
    shown = "no figure" if value.value is None else figure_number(value.value, indicator.unit)
    returned, of = len(value.members_returned), value.denominator
    if value.kind == "mean":
        what, who = (
            f"on average in the period to {when}",
            f"the mean of {returned} members' returns, {of - returned} did not return",
        )
    elif value.kind == "rate":
        what, who = f"in the period to {when}", f"{returned} of {of} members returned both figures"
    elif value.kind == "value":
        what, who = f"for the period to {when}", "the partnership's own figure"
    elif value.kind == "cumulative-sum":
        what, who = f"in all to {when}", f"{returned} of {of} members returned"
    else:
        what, who = f"in the period to {when}", f"{returned} of {of} members returned"
    details = "; ".join(part for part in (who, value.note) if part)
    return f"{indicator.name}: {shown} {what} ({details})"
