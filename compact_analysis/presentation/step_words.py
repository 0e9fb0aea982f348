"""Which of a plan's yearly steps is in force, in words (issue #21 item 2).

A multi-year plan with yearly targets (``trajectory: steps``) expects the last step reached: at 31 March 2012
the 2011-12 target. The paper says which step that is and what comes next, so a reader of the 2011-12 paper
knows the 2,792 it is judged against is the plan's target for that year, not the final 2,820.
"""

from __future__ import annotations

from datetime import date

from compact_analysis.evaluation.evaluate import IndicatorResult
from compact_analysis.evaluation.expected import trajectory_method
from compact_analysis.presentation.narrative import as_planned


def step_sentence(result: IndicatorResult, period_end: date) -> str:
    """'The plan's step in force at 31 March 2012: 2,792 (due 31 March 2012); next 2,820 by 31 March 2013.',
    or '' for a target that is not a staircase (or is already due)."""
    target = result.target
    if target is None or not result.has_trajectory or trajectory_method(result.indicator, target) != "steps":
        return ""
    if target.due is None or period_end >= target.due or result.target_value is None:
        return ""
    points = [(s.date, s.value) for s in target.steps or ()] + [(target.due, result.target_value)]
    reached = [(day, value) for day, value in points if day <= period_end]
    ahead = [(day, value) for day, value in points if day > period_end]
    if reached:
        day, value = reached[-1]
        now = f"The plan's step in force at {period_end:%-d %B %Y}: {as_planned(value)} (due {day:%-d %B %Y})"
    else:
        base = "the baseline" if result.baseline_value is None else f"the baseline, {as_planned(result.baseline_value)}"
        now = f"No step of the plan is due yet at {period_end:%-d %B %Y}: {base} is expected"
    day, value = ahead[0]
    final = "its final target" if day == target.due else "the next step"
    return f"{now}; {final} is {as_planned(value)} by {day:%-d %B %Y}."
