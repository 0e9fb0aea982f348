"""A status in words and its code: what every indicator's evaluation ends in.

The codes are a :class:`StatusCode` enum whose values are the readable strings the papers, the
manifests and the CSS classes have always used ("green", "target-overdue", ...); a ``StrEnum``
equals its string, so code that compares with the string keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction


class StatusCode(StrEnum):
    """Every status code a rule gives (an analyst's override or a milestone's own stage may add others)."""

    # The trajectory and UK council rules (RAG)
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    # No judgement possible
    NO_DATA = "no-data"
    NOT_EVALUATED = "not-evaluated"
    MONITORED = "monitored"
    # Pending and to-be-confirmed targets
    TARGET_NOT_SET = "target-not-set"
    TARGET_OVERDUE = "target-overdue"
    # Milestones
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DELIVERED = "delivered"
    OVERDUE = "overdue"
    # Open SDG progress statuses
    TARGET_ACHIEVED = "target-achieved"
    ON_TRACK = "on-track"
    NEEDS_ACCELERATION = "needs-acceleration"
    LIMITED_PROGRESS = "limited-progress"
    DETERIORATION = "deterioration"
    NOT_AVAILABLE = "not-available"
    # Year end: once a numeric target's due date has passed (evaluation/year_end.py)
    ACHIEVED = "achieved"
    MISSED = "missed"
    # Floors and ceilings, and targets without a baseline at their step dates (evaluation/floors.py)
    MET = "met"
    NOT_MET = "not-met"
    # A floor or ceiling missed within its tolerance ("slightly missed (within 10%)": amber)
    NEARLY_MET = "nearly-met"


class Direction(StrEnum):
    """Direction of travel against an earlier value, respecting the indicator's polarity (up or down for a
    figure with none)."""

    IMPROVED = "improved"
    WORSE = "worse"
    NO_CHANGE = "no change"
    NO_SIGNIFICANT_CHANGE = "no significant change"  # a monthly figure's change within common-cause variation
    NOT_COMPARABLE = "not comparable"
    # An information-only figure (no better or worse, issue 21): which way it moved
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Status:
    """A status in words, with the reason, rule, inputs and thresholds that gave it.

    ``code`` is a :class:`StatusCode`, or the text given for an analyst's override or a milestone stage
    the framework names that has no code of its own.
    """

    code: str
    label: str
    reason: str
    rule: str = ""
    inputs: dict[str, object] = field(default_factory=dict)
    thresholds: dict[str, object] = field(default_factory=dict)

    def explain(self) -> str:
        """One line for the method appendix: rule, thresholds, inputs and the outcome."""
        parts = [f"{self.label}: {self.reason}."]
        if self.rule:
            parts.append(f"Rule: {self.rule}.")
        if self.thresholds:
            parts.append("Thresholds: " + ", ".join(f"{k} {_fmt(v)}" for k, v in self.thresholds.items()) + ".")
        if self.inputs:
            parts.append("Inputs: " + ", ".join(f"{k} = {_fmt(v)}" for k, v in self.inputs.items()) + ".")
        return " ".join(parts)


def _fmt(value: object) -> str:
    """A threshold or input as the method appendix prints it (fractions to two places, dates ISO)."""
    if isinstance(value, Fraction):
        return f"{float(value):.2f}" if value.denominator != 1 else str(value.numerator)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def no_return(rule: str, thresholds: dict[str, object] | None = None) -> Status:
    """The status of a figure no member has returned: no data, whichever rule would have judged it."""
    return Status(StatusCode.NO_DATA, "No data", "no member has returned this measure", rule, {}, thresholds or {})
