"""Checks across a framework document: ids, references, scales, revisions and term dates.

They run on the plain data read from YAML (not on the pydantic model), so they
still report their problems when other fields are malformed: a file gives every
problem at once, each a :class:`Failure` whose ``column`` is the location in the
document (``priorities[0].indicators[1].measure``) and whose ``file`` the caller fills in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from compact_analysis.errors import Failure
from compact_analysis.plan.audience_checks import audience_failures
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.cycle_checks import recurring_problems
from compact_analysis.plan.figure_checks import figure_failures
from compact_analysis.plan.futures_link_checks import futures_link_failures
from compact_analysis.plan.identity import collision_message, collisions, invalid_id_message
from compact_analysis.plan.meaning_checks import meaning_failures
from compact_analysis.plan.plan_checks import plan_failures
from compact_analysis.plan.target_checks import target_shape_failures
from compact_analysis.plan.yaml_values import as_date as _as_date
from compact_analysis.plan.yaml_values import dicts
from compact_analysis.plan.yaml_values import failure as _failure
from compact_analysis.plan.yaml_values import indicators as _indicators

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")

Code = FrameworkCode

#: The measure type each aggregate reads (``none`` reads no measure).
_MEASURE_TYPE_FOR = {
    "count-at-level": "level",
    "milestone": "level",
    "count-yes": "yes-no",
    "gap-closed": "yes-no",
    "sum": "number",
    "mean": "number",
    "value": "number",
    "rate": "number",
    "cumulative-sum": "number",
}


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    return dicts(data.get(key))


def year_bounds(year_name: object) -> tuple[date, date] | None:
    """First and last day of a financial year named like ``2009-10`` (None if it is not one)."""
    match = _YEAR.match(str(year_name))
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        return None
    start = int(match.group(1))
    return date(start, 4, 1), date(start + 1, 3, 31)


def _duplicates(entries: Iterator[tuple[str, object]], what: str) -> list[Failure]:
    first: dict[object, str] = {}
    problems = []
    for location, value in entries:
        if value is None or isinstance(value, list | dict):
            continue
        if value in first:
            message = f"duplicate {what} {value!r} (first at {first[value]})"
            problems.append(_failure(location, Code.DUPLICATE_VALUE, message, value))
        else:
            first[value] = location
    return problems


def _identity_problems(ids: list[tuple[str, object]], what: str) -> list[Failure]:
    """Ids holding invisible characters, and ids differing only by case or Unicode form (each one located)."""
    texts = [(location, value) for location, value in ids if isinstance(value, str)]
    problems = [
        _failure(location, Code.INVALID_ID, message, value)
        for location, value in texts
        if (message := invalid_id_message(value, what))
    ]
    for location, value, others in collisions(texts):
        problems.append(_failure(location, Code.ID_COLLISION, collision_message(value, others, what), value))
    return problems


def _years(data: dict) -> list:
    return data.get("years") if isinstance(data.get("years"), list) else []


def _id_problems(data: dict) -> list[Failure]:
    """Years that are not financial years; ids, years and priority numbers given twice."""
    years = _years(data)
    problems = [
        _failure(f"years[{i}]", Code.NOT_A_YEAR, f"expected a financial year such as 2009-10, got {year!r}", year)
        for i, year in enumerate(years)
        if year_bounds(year) is None
    ]
    problems += _duplicates(((f"years[{i}]", y) for i, y in enumerate(years)), "year")
    for key in ("scales", "measures", "themes", "perspectives", "priorities", "bodies", "papers"):
        ids = [(f"{key}[{i}].id", item.get("id")) for i, item in _items(data, key)]
        problems += _duplicates(iter(ids), "id") + _identity_problems(ids, "id")
    ids = [(f"{loc}.id", ind.get("id")) for loc, ind in _indicators(data)]
    problems += _duplicates(iter(ids), "indicator id") + _identity_problems(ids, "indicator id")
    problems += _duplicates(
        ((f"priorities[{i}].number", p.get("number")) for i, p in _items(data, "priorities")), "priority number"
    )
    return problems


def _declared_reference_problems(data: dict) -> list[Failure]:
    """Measures, themes and the default cadence naming a scale, priority or cadence not defined."""
    problems = []
    scales = {s.get("id") for _, s in _items(data, "scales")}
    priorities = {p.get("id") for _, p in _items(data, "priorities")}
    for i, m in _items(data, "measures"):
        if m.get("type") == "level" and m.get("scale") not in scales:
            message = f"scale {m.get('scale')!r} is not defined under scales"
            problems.append(_failure(f"measures[{i}].scale", Code.UNDEFINED_REFERENCE, message, m.get("scale")))
    for i, theme in _items(data, "themes"):
        listed = theme.get("priorities") if isinstance(theme.get("priorities"), list) else []
        for j, pid in enumerate(listed):
            if pid not in priorities:
                message = f"priority {pid!r} is not defined under priorities"
                problems.append(_failure(f"themes[{i}].priorities[{j}]", Code.UNDEFINED_REFERENCE, message, pid))
    cadences = data.get("cadences") if isinstance(data.get("cadences"), list) else None
    default = data.get("default_cadence", "quarterly")
    if cadences is not None and default not in cadences:
        problems.append(
            _failure("default_cadence", Code.UNDEFINED_REFERENCE, f"{default!r} is not one of cadences", default)
        )
    return problems


def _indicator_reference_problems(data: dict) -> list[Failure]:
    """Each indicator's measure, cadence and perspective are defined, its aggregate fits, its levels exist."""
    problems = []
    scales = {s.get("id"): s for _, s in _items(data, "scales")}
    measures = {m.get("id"): m for _, m in _items(data, "measures")}
    perspectives = {p.get("id") for _, p in _items(data, "perspectives")}
    cadences = data.get("cadences") if isinstance(data.get("cadences"), list) else None
    for loc, ind in _indicators(data):
        measure_id = ind.get("measure")
        measure = measures.get(measure_id)
        if measure_id is not None and measure is None:
            message = f"measure {measure_id!r} is not defined under measures"
            problems.append(_failure(f"{loc}.measure", Code.UNDEFINED_REFERENCE, message, measure_id))
        cadence = ind.get("cadence", "quarterly")
        if cadences is not None and cadence not in cadences:
            message = f"{cadence!r} is not one of the framework's cadences"
            problems.append(_failure(f"{loc}.cadence", Code.UNDEFINED_REFERENCE, message, cadence))
        perspective = ind.get("perspective")
        if perspective is not None and perspective not in perspectives:
            message = f"perspective {perspective!r} is not defined under perspectives"
            problems.append(_failure(f"{loc}.perspective", Code.UNDEFINED_REFERENCE, message, perspective))
        wanted = _MEASURE_TYPE_FOR.get(ind.get("aggregate"))
        if measure is not None and wanted and measure.get("type") != wanted:
            message = f"{ind.get('aggregate')} needs a {wanted} measure; {measure_id!r} is {measure.get('type')!r}"
            problems.append(_failure(f"{loc}.aggregate", Code.WRONG_MEASURE_TYPE, message, ind.get("aggregate")))
        if ind.get("aggregate") == "count-at-level" and ind.get("level") is None:
            message = "a count-at-level indicator needs the level it counts"
            problems.append(_failure(f"{loc}.level", Code.MISSING_LEVEL, message))
        if measure is not None or measure_id is None:  # an undefined measure is reported once, above
            problems += _level_problems(loc, ind, measure, scales)
    return problems


def _level_problems(loc: str, ind: dict, measure: dict | None, scales: dict) -> list[Failure]:
    """Levels named by an indicator and its targets are on the scale of the indicator's measure."""
    scale = scales.get(measure.get("scale")) if measure and measure.get("type") == "level" else None
    levels = scale.get("levels") if scale and isinstance(scale.get("levels"), list) else None
    located = [(f"{loc}.level", ind.get("level"))]
    located += [(f"{loc}.targets[{t}].level", target.get("level")) for t, target in _items(ind, "targets")]
    problems = []
    for where, level in located:
        if level is None:
            continue
        if levels is None:
            message = f"level {level!r} given but measure {ind.get('measure')!r} is not on a scale"
        elif level not in levels:
            message = f"level {level!r} is not on the scale {scale.get('id')!r} ({', '.join(map(str, levels))})"
        else:
            continue
        problems.append(_failure(where, Code.LEVEL_NOT_ON_SCALE, message, level))
    return problems


#: Aggregates whose value is not a number, so no conversion can read them.
_NOT_FIGURES = ("milestone", "none")


def _conversion_problems(data: dict) -> list[Failure]:
    """Each named conversion's numerator and denominator is an indicator of the framework that reads a number."""
    indicators = {ind.get("id"): ind for _, ind in _indicators(data)}
    conversions = _items(data, "conversions")
    problems = _duplicates(((f"conversions[{i}].id", c.get("id")) for i, c in conversions), "conversion id")
    for i, conversion in conversions:
        for part in ("numerator", "denominator"):
            where, named = f"conversions[{i}].{part}", conversion.get(part)
            if named is None:  # missing: reported once, by the model's check
                continue
            if named not in indicators:
                message = f"indicator {named!r} is not defined under priorities"
                problems.append(_failure(where, Code.UNDEFINED_REFERENCE, message, named))
            elif indicators[named].get("aggregate") in _NOT_FIGURES:
                message = f"indicator {named!r} is a {indicators[named].get('aggregate')}, not a figure to divide"
                problems.append(_failure(where, Code.NOT_A_FIGURE, message, named))
    return problems


def _target_shape_problems(data: dict) -> list[Failure]:
    """Each target's baseline, steps, trajectory method, dates and value (:mod:`.target_checks`)."""
    measures = {m.get("id"): m for _, m in _items(data, "measures")}
    return [
        failure
        for loc, ind in _indicators(data)
        for t, target in _items(ind, "targets")
        for failure in target_shape_failures(f"{loc}.targets[{t}]", ind, target, measures.get(ind.get("measure")))
    ]


def _revision_problems(data: dict) -> list[Failure]:
    """Targets after the first are revisions: each agreed within the framework's years, in date order."""
    bounds = [b for b in map(year_bounds, _years(data)) if b]
    if not bounds:
        return []
    first_day, last_day = min(b[0] for b in bounds), max(b[1] for b in bounds)
    span = f"{first_day.isoformat()} to {last_day.isoformat()}"
    problems = []
    for loc, ind in _indicators(data):
        previous: date | None = None
        for t, target in _items(ind, "targets"):
            agreed = _as_date(target.get("agreed"))
            if agreed is None:
                continue
            where = f"{loc}.targets[{t}].agreed"
            if t > 0 and not first_day <= agreed <= last_day:
                message = f"a revision must be agreed within the framework's years ({span}), got {agreed}"
                problems.append(_failure(where, Code.REVISION_OUTSIDE_YEARS, message, agreed))
            elif agreed > last_day:
                message = f"agreed {agreed}, after the framework's last year ends ({last_day})"
                problems.append(_failure(where, Code.AGREED_AFTER_YEARS, message, agreed))
            if previous is not None and agreed <= previous:
                message = f"revisions must be listed in the order agreed: {agreed} is not after {previous}"
                problems.append(_failure(where, Code.REVISION_OUT_OF_ORDER, message, agreed))
            previous = agreed
    return problems


def _term_problems(data: dict) -> list[Failure]:
    """Term dates: numbered from 1, inside their financial year; every year has them if reporting is termly."""
    terms = data.get("terms") if isinstance(data.get("terms"), dict) else {}
    cadences = data.get("cadences") if isinstance(data.get("cadences"), list) else []
    problems = []
    if "termly" in cadences or "half-termly" in cadences:  # half-terms split the terms (plan/half_terms.py)
        for year in (y for y in _years(data) if isinstance(y, str)):
            if year not in terms:
                message = f"termly reporting needs the term dates of {year}"
                problems.append(_failure("terms", Code.MISSING_TERMS, message, year))
    for year, numbered in terms.items():
        if year_bounds(year) is None:
            problems.append(
                _failure(f"terms.{year}", Code.NOT_A_YEAR, "expected a financial year such as 2009-10", year)
            )
            continue
        if not isinstance(numbered, dict):
            continue
        if sorted(numbered) != list(range(1, len(numbered) + 1)):
            message = f"terms must be numbered 1 to {len(numbered)}"
            problems.append(_failure(f"terms.{year}", Code.TERMS_MISNUMBERED, message))
        problems += _term_date_problems(year, numbered)
    return problems


def _term_date_problems(year: str, numbered: dict) -> list[Failure]:
    """One year's terms: each starts before it ends, inside the year, after the previous term ends."""
    first_day, last_day = year_bounds(year)
    problems = []
    previous_end: date | None = None
    for number in sorted(k for k in numbered if isinstance(k, int)):
        pair = numbered[number]
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        start, end = _as_date(pair[0]), _as_date(pair[1])
        if start is None or end is None:
            continue
        where = f"terms.{year}.{number}"
        if start > end:
            problems.append(_failure(where, Code.TERM_BACKWARDS, f"starts {start} after it ends {end}"))
        if not (first_day <= start and end <= last_day):
            message = f"{start} to {end} is not inside the financial year {year}"
            problems.append(_failure(where, Code.TERM_OUTSIDE_YEAR, message))
        if previous_end is not None and start <= previous_end:
            message = f"starts {start}, before the previous term ends {previous_end}"
            problems.append(_failure(where, Code.TERMS_OVERLAP, message))
        previous_end = end
    return problems


def cross_failures(data: object) -> list[Failure]:
    """Every problem that involves more than one field, in the order of the checks (file left blank)."""
    if not isinstance(data, dict):
        return []
    return (
        _id_problems(data)
        + _declared_reference_problems(data)
        + _indicator_reference_problems(data)
        + _target_shape_problems(data)
        + _revision_problems(data)
        + _term_problems(data)
        + figure_failures(data)
        + _conversion_problems(data)
        + recurring_problems(data, _span(data))
        + meaning_failures(data)
        + audience_failures(data)
        + plan_failures(data)
        + futures_link_failures(data)
    )


def _span(data: dict) -> tuple[date, date] | None:
    """The framework's first and last day (None when no year can be read)."""
    bounds = [b for b in map(year_bounds, _years(data)) if b]
    return (min(b[0] for b in bounds), max(b[1] for b in bounds)) if bounds else None
