"""The trajectory arithmetic a plan needs: the expected value on a date, on a straight line or a profile.

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
