"""Framework checks for meaning and size, not shape: each a located failure (issue #22, items 7 and 9).

- a scale naming the same level twice (``duplicate-value`` at the second);
- a measure whose ``minimum`` is above its ``maximum`` (``constraint-error`` at the maximum);
- more than :data:`MAX_INDICATORS` indicators or :data:`MAX_MEASURES` measures (``too-many``):
  a 10,000-indicator framework would otherwise be "valid" and render a 2,780-page paper.

The other meaning checks are elsewhere: a target due on or before its baseline (a trajectory of
zero days) in :class:`~compact_analysis.plan.framework_model.Target`; a revision outside the plan's
years and overlapping terms in :mod:`compact_analysis.plan.checks`.
"""

from __future__ import annotations

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.yaml_values import dicts as _dicts
from compact_analysis.plan.yaml_values import failure as _failure

#: The most indicators a framework may have (the largest real one has a few dozen).
MAX_INDICATORS = 500
#: The most measures a framework may have.
MAX_MEASURES = 500


def _scale_problems(data: dict) -> list[Failure]:
    problems = []
    for s, scale in _dicts(data.get("scales")):
        levels = scale.get("levels") if isinstance(scale.get("levels"), list) else []
        first: dict[str, int] = {}
        for k, level in enumerate(levels):
            if not isinstance(level, str):
                continue
            if level in first:
                message = f"level {level!r} is on the scale twice (first at levels[{first[level]}]); a scale's levels are distinct"
                problems.append(_failure(f"scales[{s}].levels[{k}]", FrameworkCode.DUPLICATE_VALUE, message, level))
            first.setdefault(level, k)
    return problems


def _range_problems(data: dict) -> list[Failure]:
    problems = []
    for m, measure in _dicts(data.get("measures")):
        low, high = measure.get("minimum", 0), measure.get("maximum")
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high))
        if numbers and low > high:
            message = f"the maximum {high} is below the minimum {low}: no value could be accepted"
            problems.append(_failure(f"measures[{m}].maximum", FrameworkCode.CONSTRAINT_ERROR, message, high))
    return problems


def _size_problems(data: dict) -> list[Failure]:
    measures = len(data["measures"]) if isinstance(data.get("measures"), list) else 0
    indicators = sum(
        len(priority["indicators"])
        for _, priority in _dicts(data.get("priorities"))
        if isinstance(priority.get("indicators"), list)
    )
    problems = []
    if measures > MAX_MEASURES:
        message = f"{measures:,} measures; a framework may have at most {MAX_MEASURES:,}"
        problems.append(_failure("measures", FrameworkCode.TOO_MANY, message, measures))
    if indicators > MAX_INDICATORS:
        message = (
            f"{indicators:,} indicators; a framework may have at most {MAX_INDICATORS:,} (a paper could not be read)"
        )
        problems.append(_failure("priorities", FrameworkCode.TOO_MANY, message, indicators))
    return problems


def meaning_failures(data: object) -> list[Failure]:
    """Duplicate scale levels, a minimum above a maximum, and a framework over the size limits."""
    if not isinstance(data, dict):
        return []
    return _size_problems(data) + _scale_problems(data) + _range_problems(data)


__all__ = ["MAX_INDICATORS", "MAX_MEASURES", "meaning_failures"]
