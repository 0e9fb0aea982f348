"""Checks of a target's shape across its fields: its baseline, steps, trajectory method, dates and value.

They run on the plain data read from YAML, like :mod:`.checks`, so every problem is reported at once, each
a :class:`Failure` whose ``column`` is the target's path (``priorities[0].indicators[1].targets[0].steps[2].date``).
A target with a trajectory (``count``, ``count-at-level``, ``level-by-date``) needs a way to find its
baseline: ``baseline_date`` (with ``baseline_value`` if the plan publishes the figure), ``baseline_period``,
or ``baseline: none`` (judged against the target only, at the due date and at any ``steps``).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from compact_analysis.errors import Failure, PeriodError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.periods import CADENCE_CODES, parse_period
from compact_analysis.plan.yaml_values import as_date as _as_date
from compact_analysis.plan.yaml_values import as_number as _number
from compact_analysis.plan.yaml_values import failure as _failure

Code = FrameworkCode

#: Target kinds judged against a trajectory from a baseline.
TRAJECTORY_KINDS = ("count", "count-at-level", "level-by-date")
#: Target kinds that hold in every period in force (met or not met), with optional ``from`` and ``until``.
THRESHOLD_KINDS = ("floor", "ceiling")


def baseline_period_end(name: object, cadence: str) -> tuple[date | None, str | None]:
    """The last day of a baseline period of the indicator's ``cadence`` (or a year), or why it is not one."""
    try:
        period = parse_period(str(name))
    except PeriodError as exc:
        return None, str(exc)
    if period.cadence not in ("Y", CADENCE_CODES.get(cadence, cadence)) or period.cadence in ("T", "H"):
        return None, f"{name!r} is not a year or a {cadence} period (the indicator's cadence)"
    return period.end(), None


def target_shape_failures(loc: str, ind: dict, target: dict, measure: dict | None) -> list[Failure]:
    """Every problem with one target's shape; ``loc`` is the target's path, ``ind`` its indicator."""
    kind = target.get("kind")
    problems = _value_problems(loc, kind, target, measure)
    if kind in TRAJECTORY_KINDS:
        problems += _baseline_problems(loc, target, ind.get("cadence", "quarterly"))
    if kind in THRESHOLD_KINDS:
        start, until = _as_date(target.get("from")), _as_date(target.get("until"))
        if start and until and start > until:
            message = f"a {kind} applies from {start} to {until}: 'from' must not be after 'until'"
            problems.append(_failure(f"{loc}.from", Code.FROM_AFTER_UNTIL, message, start))
    method = target.get("trajectory") or ("steps" if target.get("steps") else ind.get("trajectory"))
    if method == "steps" and not target.get("steps") and kind in TRAJECTORY_KINDS:
        message = "a steps trajectory needs steps: [{date: YYYY-MM-DD, value: ...}, ...]"
        problems.append(_failure(f"{loc}.steps", Code.MISSING_STEPS, message))
    if method == "compound" and kind in TRAJECTORY_KINDS:
        problems += _compound_problems(loc, target)
    problems += _step_problems(loc, target, ind.get("cadence", "quarterly"))
    problems += _tolerance_problems(loc, target)
    return problems


def _tolerance_problems(loc: str, target: dict) -> list[Failure]:
    """A tolerance (the amber band of "nearly met") is a share from 0 to 1 (``10%``, ``0.1``, ``1/10``), and
    only on a floor or a ceiling."""
    given = target.get("tolerance")
    if given is None:
        return []
    where = f"{loc}.tolerance"
    if target.get("kind") not in THRESHOLD_KINDS:
        message = f"tolerance is for a floor or a ceiling (nearly met within it), not a {target.get('kind')} target"
        return [_failure(where, Code.UNUSED_FIELD, message, given)]
    text = str(given).strip()
    try:
        share = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        return []  # not a share at all: the model's type-error says so
    if not 0 <= share <= 1:
        message = f"a tolerance is a share from 0 to 1 (0% to 100%), got {given}"
        return [_failure(where, Code.CONSTRAINT_ERROR, message, given)]
    return []


def _value_problems(loc: str, kind: object, target: dict, measure: dict | None) -> list[Failure]:
    """A count at a level is whole; a negative value only where the measure's minimum allows it."""
    value = _number(target.get("value"))
    if value is None:
        return []
    if kind == "count-at-level" and value != int(value):
        message = f"a count-at-level target counts members, so it is whole, got {value:g}"
        return [_failure(f"{loc}.value", Code.NOT_WHOLE, message, value)]
    is_number = measure is not None and measure.get("type") == "number"
    minimum = _number(measure.get("minimum", 0)) if is_number else 0.0
    if value < 0 and (not is_number or (minimum is not None and value < minimum)):
        floor = "0 (it counts members)" if not is_number else f"{minimum:g} (the measure's minimum)"
        return [_failure(f"{loc}.value", Code.BELOW_MINIMUM, f"{value:g} is below {floor}", value)]
    return []


def _baseline_problems(loc: str, target: dict, cadence: str) -> list[Failure]:
    """A trajectory target's baseline: given one way, never missing, never contradicted."""
    given = [k for k in ("baseline_date", "baseline_period", "baseline_value") if target.get(k) is not None]
    if target.get("baseline") == "none":
        if given or target.get("trajectory") in ("linear", "compound"):
            what = ", ".join(given) or f"trajectory: {target.get('trajectory')}"
            message = f"baseline: none declares no baseline, so {what} cannot be given with it"
            return [_failure(f"{loc}.baseline", Code.BASELINE_CONFLICT, message, what)]
        return []
    if not given:
        message = (
            f"a {target.get('kind')} target needs a baseline: baseline_date, baseline_period, "
            "baseline_value with baseline_date, or baseline: none (judged against the target only)"
        )
        return [_failure(loc, Code.MISSING_BASELINE, message)]
    if "baseline_value" in given and "baseline_date" not in given and "baseline_period" not in given:
        message = "baseline_value needs the date it was taken: give baseline_date (or baseline_period)"
        return [_failure(f"{loc}.baseline_value", Code.MISSING_BASELINE, message, target.get("baseline_value"))]
    if "baseline_period" in given:
        return _baseline_period_problems(loc, target, cadence)
    return []


def _baseline_period_problems(loc: str, target: dict, cadence: str) -> list[Failure]:
    name = target.get("baseline_period")
    end, why = baseline_period_end(name, cadence)
    where = f"{loc}.baseline_period"
    if end is None:
        return [_failure(where, Code.BAD_BASELINE_PERIOD, why, name)]
    problems = []
    due, base_date = _as_date(target.get("due")), _as_date(target.get("baseline_date"))
    if due is not None and end >= due:
        message = f"the baseline period {name} ends {end}, not before the due date {due}"
        problems.append(_failure(where, Code.BAD_BASELINE_PERIOD, message, name))
    if base_date is not None and base_date != end:
        message = f"baseline_date {base_date} is not the last day of the baseline period {name} ({end})"
        problems.append(_failure(f"{loc}.baseline_date", Code.BASELINE_CONFLICT, message, base_date))
    return problems


def _compound_problems(loc: str, target: dict) -> list[Failure]:
    """Compound growth needs positive values: a growth rate from 0 or below is undefined."""
    problems = []
    for key in ("baseline_value", "value"):
        number = _number(target.get(key))
        if number is not None and number <= 0:
            message = f"a compound trajectory needs positive values (a growth rate from {number:g} is undefined)"
            problems.append(_failure(f"{loc}.{key}", Code.NOT_POSITIVE, message, number))
    return problems


def _span(target: dict, cadence: str) -> tuple[date | None, date | None]:
    """Where a target's steps may fall: after the baseline and up to the due date (a floor: from..until)."""
    if target.get("kind") in THRESHOLD_KINDS:
        return _as_date(target.get("from")), _as_date(target.get("until"))
    start = _as_date(target.get("baseline_date"))
    if start is None and target.get("baseline_period") is not None:
        start = baseline_period_end(target.get("baseline_period"), cadence)[0]
    return start, _as_date(target.get("due"))


def _step_problems(loc: str, target: dict, cadence: str) -> list[Failure]:
    """Steps in date order, each after the baseline (or ``from``) and on or before the due date (or ``until``)."""
    steps = target.get("steps") if isinstance(target.get("steps"), list) else []
    start, end = _span(target, cadence)
    is_floor = target.get("kind") in THRESHOLD_KINDS
    problems, previous = [], None
    for i, step in enumerate(steps):
        day = _as_date(step.get("date")) if isinstance(step, dict) else None
        if day is None:
            continue
        where = f"{loc}.steps[{i}].date"
        if previous is not None and day <= previous:
            message = f"steps must be in date order: {day} is not after {previous}"
            problems.append(_failure(where, Code.STEPS_OUT_OF_ORDER, message, day))
        early = start is not None and (day < start if is_floor else day <= start)
        if early or (end is not None and day > end):
            span = f"{start or 'the start'} to {end or 'the end'}"
            message = f"step {day} lies outside the target's span ({span})"
            problems.append(_failure(where, Code.STEP_OUTSIDE_SPAN, message, day))
        previous = day
    return problems
