"""The year end: once a target's due date has passed, it was achieved or missed, and by how much.

A target is due for a paper once the paper's period ends on or after its due date. From then on a numeric
target is judged, whatever the status rule, on the indicator's value at the due date (from the evidence
known on the evidence date): achieved when that value meets the target (at or above it; at or below it
where lower is better), missed otherwise, with the margin in words. Before the due date the status rule
judges the trajectory; Open SDG's own "target achieved" (met before the due date) stays.

Only the period end decides, not the evidence date: a paper for an earlier period read after the due date
(as the year-to-date history of a year-end paper reads each earlier period) keeps the status that period
had, so a period's status never depends on when it is read.
In the counts of statuses achieved is green and missed is red (:mod:`.status_counts`). A milestone due by
then was delivered or not (:func:`year_end_table`).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.plan.trajectory import exact

YEAR_END_RULE = "once the due date has passed: achieved if the value at the due date meets the target, otherwise missed"


def is_due(due: date | None, period_end: date) -> bool:
    """True once a target's due date has passed for a paper: its period ends on or after it. A target with no
    due date is never due."""
    return due is not None and period_end >= due


def _num(x: Fraction) -> str:
    return f"{float(x):,g}"


def margin_words(value: float, target: float, polarity: str = "higher") -> str:
    """How far a value at the due date is from the target: '6 over', '5 short', '2 under', 'exactly met'."""
    gap = exact(value) - exact(target)
    if gap == 0:
        return "exactly met"
    if polarity == "lower":
        return f"{_num(-gap)} under" if gap < 0 else f"{_num(gap)} over"
    return f"{_num(gap)} over" if gap > 0 else f"{_num(-gap)} short"


def year_end_status(value: float, target: float, due: date, polarity: str = "higher") -> Status:
    """Achieved or missed: 'Achieved: 31 against a target of 25, 6 over'; 'Missed: 7 against a target of 12, 5 short'."""
    met = exact(value) <= exact(target) if polarity == "lower" else exact(value) >= exact(target)
    code, word = (StatusCode.ACHIEVED, "Achieved") if met else (StatusCode.MISSED, "Missed")
    label = f"{word}: {_num(Fraction(value))} against a target of {_num(Fraction(target))}, "
    label += margin_words(value, target, polarity)
    reason = f"the target was due on {due:%-d %B %Y}"
    inputs = {"value at the due date": value, "target": target, "due": due, "polarity": polarity}
    return Status(code, label, reason, YEAR_END_RULE, inputs)
