"""Floors, ceilings and interim targets: met or not met in a period, with the margin in words.

A ``floor`` ("at least") or ``ceiling`` ("no more than") holds in every period whose last day falls from its
``from`` date to its ``until`` date (default: the whole framework): each such period is **met** or **not met**
on its own figure, from the first period on ("62%, 2 points above the floor of 60%"), with no trajectory. A
plan's ``steps`` move the threshold: from each step's date its value is the floor (or ceiling) in force.
The same words judge a target without a baseline at its interim steps (:mod:`.no_baseline`).
In the counts of statuses met is green and not met is red (:mod:`.status_counts`).

A ``tolerance`` (a share such as ``10%``) gives the amber band of a plan that says "slightly missed (within
10%)": a figure below the floor but at least floor × (1 − tolerance) (for a ceiling: above it but at most
ceiling × (1 + tolerance)) is **nearly met**, counted as amber ("59.64%, 5.36 points below the floor of 65%,
within 10%").
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.evaluation.status import Status, StatusCode, no_return
from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.trajectory import exact, steps_value

FLOOR_RULE = "met when the period's figure is at or above the floor in force; not met below it"
CEILING_RULE = "met when the period's figure is at or below the ceiling in force; not met above it"


def _num(x: float | Fraction) -> str:
    """A figure or margin to two decimal places at most (1.93192% is "1.93%"), three significant figures below 1
    (0.368077 points is "0.368"): a computed rate is not printed to six figures; a plan's 2.3 or 72.77 as written."""
    value = float(x)
    return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _units(indicator: Indicator) -> tuple[str, str]:
    """How a figure and a margin are written: ('%', 'points') for a percentage, else (' unit', 'unit')."""
    if indicator.unit == "%":
        return "%", " points"
    return (f" {indicator.unit}", f" {indicator.unit}") if indicator.unit else ("", "")


def threshold_in_force(target: Target, end: date) -> Fraction:
    """The floor or ceiling on ``end``: the latest step reached, else the target's value."""
    stepped = steps_value([(s.date, s.value) for s in target.steps or ()], end)
    return stepped if stepped is not None else exact(target.value)


def met_or_not(
    indicator: Indicator, value: float, goal: Fraction, what: str, at_most: bool, when: str = ""
) -> tuple[bool, str]:
    """Whether ``value`` meets ``goal`` ("at least", or "no more than" when ``at_most``) and the words:
    '62%, 2 points above the floor of 60%' (``when``: ' for 31 March 2020' after the goal)."""
    unit, margin_unit = _units(indicator)
    gap = exact(value) - goal
    met = gap <= 0 if at_most else gap >= 0
    if abs(gap) == 1 and margin_unit.endswith("s"):
        margin_unit = margin_unit[:-1]  # '1 household below', '1 point above'
    side = "exactly at" if gap == 0 else f"{_num(abs(gap))}{margin_unit} {'above' if gap > 0 else 'below'}"
    return met, f"{_num(value)}{unit}, {side} the {what} of {_num(goal)}{unit}{when}"


def floor_status(indicator: Indicator, target: Target, value: IndicatorValue, end: date) -> Status:
    """A floor or ceiling in a period ending ``end``: met, not met, or not in force (before ``from``, after
    ``until``), with the margin in words."""
    at_most = target.kind == "ceiling"
    rule = CEILING_RULE if at_most else FLOOR_RULE
    what = "ceiling" if at_most else "floor"
    if target.applies_from is not None and end < target.applies_from:
        reason = f"the {what} applies from {target.applies_from:%-d %B %Y}"
        return Status(StatusCode.MONITORED, f"Monitored: {what} not yet in force", reason, rule)
    if target.until is not None and end > target.until:
        reason = f"the {what} applied until {target.until:%-d %B %Y}"
        return Status(StatusCode.MONITORED, f"Monitored: {what} no longer in force", reason, rule)
    if value.shown is None:
        return no_return(rule)
    goal = threshold_in_force(target, end)
    met, words = met_or_not(indicator, value.shown, goal, what, at_most)
    inputs = {"value": value.shown, what: goal, "period end": end}
    code, word = (StatusCode.MET, "Met") if met else (StatusCode.NOT_MET, "Not met")
    if target.tolerance is not None:
        band = tolerance_band(goal, target.tolerance, at_most)
        rule += f"; nearly met (amber) when it misses by no more than {_share(target.tolerance)} of it"
        inputs[f"{what} with tolerance"] = band
        nearly = not met and (exact(value.shown) <= band if at_most else exact(value.shown) >= band)
        if nearly:
            code, word, words = StatusCode.NEARLY_MET, "Nearly met", f"{words}, within {_share(target.tolerance)}"
    return Status(code, f"{word}: {words}", f"the {what} holds in every period in force", rule, inputs)


def tolerance_band(goal: Fraction, tolerance: Fraction, at_most: bool) -> Fraction:
    """The furthest a figure may miss ``goal`` and be nearly met: goal × (1 − tolerance) for a floor,
    goal × (1 + tolerance) for a ceiling (exact: 65 with 10% gives 58.5)."""
    return goal * (1 + tolerance) if at_most else goal * (1 - tolerance)


def _share(share: Fraction) -> str:
    """A tolerance in words: '10%'."""
    return f"{float(share * 100):g}%"
