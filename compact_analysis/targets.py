"""Trajectories toward targets, RAG status and direction of travel.

Every status carries the inputs and the rule that gave it, so the report's
method appendix can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class Status:
    """A RAG status in words, with the reason it was given."""

    code: str  # green, amber, red, no-data, target-not-set, target-overdue, not-evaluated
    label: str
    reason: str


def trajectory_value(baseline_value: float, baseline_date: date, target_value: float, due: date, at: date) -> Fraction:
    """Expected value on ``at`` on a straight line from the baseline to the target.

    Before the baseline date it is the baseline; after the due date, the target.
    """
    if at <= baseline_date:
        return Fraction(baseline_value)
    if at >= due:
        return Fraction(target_value)
    elapsed = Fraction((at - baseline_date).days, (due - baseline_date).days)
    return Fraction(baseline_value) + (Fraction(target_value) - Fraction(baseline_value)) * elapsed


def rag_against_trajectory(
    actual: float | None, expected: Fraction, tolerance: float, polarity: str = "higher"
) -> Status:
    """Green on or better than trajectory; amber worse but within ``tolerance`` of it; red otherwise."""
    if actual is None:
        return Status("no-data", "No data", "no member has returned this measure")
    actual_f = Fraction(actual)
    tol = Fraction(str(tolerance))
    if polarity == "lower":
        on_track, near = actual_f <= expected, actual_f <= expected * (1 + tol)
    else:
        on_track, near = actual_f >= expected, actual_f >= expected * (1 - tol)
    expected_text = f"{float(expected):.1f}"
    if on_track:
        return Status("green", "Green: on track", f"{actual:g} is at or better than the trajectory's {expected_text}")
    if near:
        return Status(
            "amber", "Amber: slightly behind", f"{actual:g} is behind {expected_text} by no more than {tolerance:.0%}"
        )
    return Status("red", "Red: off track", f"{actual:g} is behind {expected_text} by more than {tolerance:.0%}")


def direction_of_travel(current: float | None, previous: float | None, polarity: str = "higher") -> str:
    """``improved``, ``worse``, ``no change`` or ``not comparable``, respecting polarity."""
    if current is None or previous is None:
        return "not comparable"
    if current == previous:
        return "no change"
    better = current > previous if polarity == "higher" else current < previous
    return "improved" if better else "worse"
