"""The opening clause of a figure's sentence (issue #21): a sum, mean, rate, the partnership's value or a running
total said as what it is, never as "N of M members".

"Mean attendance rate: 91.5% on average in the period to 30 June 2009 (the mean of 3 members' returns; 1 did not
return)". A figure's note (a running total's first day, an annual figure read from quarterly returns) follows
in brackets.
"""

from __future__ import annotations

from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.plan.framework import Indicator


def figure_number(value: float, unit: str = "") -> str:
    """'62.5%', '1,204 jobs', '1,234.56 pounds', '66.67%': a whole number without places, anything else to at
    most two places (trailing zeros dropped), so a figure returned with two places is shown as returned."""
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    unit = unit.strip()
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".rstrip()


def figure_value_words(indicator: Indicator, value: IndicatorValue, when: str) -> tuple[str, str, str]:
    """(the figure, what it is, who is behind it with the figure's note) for a value whose kind is not "count"."""
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
    return shown, what, "; ".join(part for part in (who, value.note) if part)


def figure_clause(indicator: Indicator, value: IndicatorValue, when: str) -> str:
    """'<name>: <figure> <what it is> (<who returned>; <note>)' for a value whose kind is not "count"."""
    shown, what, details = figure_value_words(indicator, value, when)
    return f"{indicator.name}: {shown} {what} ({details})"


def not_read_sentence(not_read: list[tuple[str, int]]) -> str:
    """The data note on returns of another cadence (:func:`~compact_analysis.evaluation.figures.returns_not_read`),
    or '' when every return of the period was read."""
    if not not_read:
        return ""
    parts = [f"{n} {'return' if n == 1 else 'returns'} by {name}" for name, n in not_read]
    return (
        "Returns for a period of another cadence than the indicator's were not read, so no figure is counted twice "
        f"(an annual outturn and a fourth quarter both end on 31 March); they stay in the store: {', '.join(parts)}."
    )
