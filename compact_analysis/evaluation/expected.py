"""The value expected on a date on a target's trajectory, by its method (``trajectory: linear | steps | compound``).

- ``linear`` (default): straight by days from the baseline to the target (through the profile points if given);
- ``steps``: a staircase: the baseline until the first step, then the last step reached, the target from the
  due date;
- ``compound``: a constant growth rate from the baseline to the target (Open SDG's method); undefined from a
  baseline of 0 or below (None).
The method is the target's, else ``steps`` when it gives steps, else the indicator's default, else linear.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.trajectory import compound_value, steps_value, trajectory_value


def trajectory_method(indicator: Indicator, target: Target) -> str:
    """The method a target's trajectory runs by."""
    return target.trajectory or ("steps" if target.steps else None) or indicator.trajectory or "linear"


def expected_value(
    indicator: Indicator, target: Target, base: float, base_date: date, target_value: float, at: date
) -> Fraction | None:
    """The value expected on ``at``; None for compound growth from a baseline of 0 or below."""
    method = trajectory_method(indicator, target)
    if method == "compound":
        if base <= 0 or target_value <= 0:
            return None
        return compound_value(base, base_date, target_value, target.due, at)
    if method == "steps":
        points = [(s.date, s.value) for s in target.steps or ()] + [(target.due, target_value)]
        stepped = steps_value(points, at)
        return stepped if stepped is not None else Fraction(base)
    if target.profile:  # the framework's own profile of the way from the baseline to the target
        return Fraction(base) + (Fraction(target_value) - Fraction(base)) * target.expected_share(at)
    return trajectory_value(base, base_date, target_value, target.due, at)


def trajectory_corners(
    indicator: Indicator, target: Target, start: date, base: Fraction, goal: Fraction
) -> list[tuple[date, Fraction]]:
    """The trajectory as (date, value) corners for a chart: a straight line's two ends, a profile's points, a
    staircase's treads and risers, or a compound curve sampled at 12 equal steps."""
    method = trajectory_method(indicator, target)
    if method == "steps":
        corners, level = [(start, base)], base
        for step in [*(target.steps or ()), None]:
            day, value = (target.due, goal) if step is None else (step.date, Fraction(step.value))
            corners += [(day, level), (day, value)]
            level = value
        return corners
    if method == "compound" and base > 0 and goal > 0:
        span = (target.due - start).days
        days = [start + (target.due - start) * i / 12 for i in range(12)] if span >= 12 else [start]
        return [(d, compound_value(float(base), start, float(goal), target.due, d)) for d in days] + [
            (target.due, goal)
        ]
    if not target.profile:
        return [(start, base), (target.due, goal)]
    days = [start, *(p.date for p in target.profile), target.due]
    return [(day, base + (goal - base) * target.expected_share(day)) for day in days]
