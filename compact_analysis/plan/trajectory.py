"""The trajectory arithmetic a plan needs: the expected value on a date, on a straight line, a profile, a
staircase of steps or at a constant (compound) growth rate.

Seed 000 sets targets "for 09-10" from a baseline; a plan's trajectory runs from the baseline to the
target's due date, straight by days or through the profile points the framework gives.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from itertools import pairwise


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


def profile_value(profile: list[tuple[date, Fraction]], at: date) -> Fraction:
    """Expected value on ``at`` from a profile of (date, value) points, straight between points.

    Before the first point it is the first value; after the last, the last value.
    """
    points = sorted(profile)
    if at <= points[0][0]:
        return Fraction(points[0][1])
    for (d0, v0), (d1, v1) in pairwise(points):
        if at <= d1:
            return trajectory_value(v0, d0, v1, d1, at)
    return Fraction(points[-1][1])


def exact(value: float | int | Fraction) -> Fraction:
    """A number as the plan or a return wrote it, exactly: 2.3 is 23/10, not the binary double nearest it
    (``Fraction(2.3)`` is 2589569785738035/1125899906842624), so a figure of 2.3 meets a floor of 2.3."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def steps_value(steps: list[tuple[date, float]], at: date) -> Fraction | None:
    """The staircase: the value of the last step dated on or before ``at`` (None before the first step).

    A plan's steps ("150 by the end of year 1, 200 by the end of year 2") are interim targets, each in force
    from its date; nothing is drawn between them.
    """
    reached = [value for day, value in sorted(steps) if day <= at]
    return exact(reached[-1]) if reached else None


def compound_value(baseline_value: float, baseline_date: date, target_value: float, due: date, at: date) -> Fraction:
    """Expected value on ``at`` at a constant growth rate from the baseline to the target (Open SDG's method).

    baseline × (target / baseline) ^ (days elapsed / days to the due date); both values must be positive.
    Before the baseline date it is the baseline; after the due date, the target.
    """
    if baseline_value <= 0 or target_value <= 0:
        raise ValueError("compound growth needs a positive baseline and target")
    if at <= baseline_date:
        return Fraction(baseline_value)
    if at >= due:
        return Fraction(target_value)
    elapsed = (at - baseline_date).days / (due - baseline_date).days
    return Fraction(baseline_value * (target_value / baseline_value) ** elapsed)
