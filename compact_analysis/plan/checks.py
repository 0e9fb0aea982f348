"""Checks across a framework document: ids, references, scales, revisions and term dates.

They run on the plain data read from YAML (not on the pydantic model), so they
still report their problems when other fields are malformed: a file gives every
problem at once, each with its location.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")

Problem = tuple[str, str]

#: The measure type each aggregate reads (``none`` reads no measure).
_MEASURE_TYPE_FOR = {
    "count-at-level": "level",
    "milestone": "level",
    "count-yes": "yes-no",
    "gap-closed": "yes-no",
    "sum": "number",
}


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def year_bounds(year_name: object) -> tuple[date, date] | None:
    """First and last day of a financial year named like ``2009-10`` (None if it is not one)."""
    match = _YEAR.match(str(year_name))
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        return None
    start = int(match.group(1))
    return date(start, 4, 1), date(start + 1, 3, 31)


def _duplicates(entries: Iterator[tuple[str, object]], what: str) -> list[Problem]:
    first: dict[object, str] = {}
    problems = []
    for location, value in entries:
        if value is None or isinstance(value, list | dict):
            continue
        if value in first:
            problems.append((location, f"duplicate {what} {value!r} (first at {first[value]})"))
        else:
            first[value] = location
    return problems


def _indicators(data: dict) -> list[tuple[str, dict]]:
    return [
        (f"priorities[{p}].indicators[{i}]", ind)
        for p, priority in _items(data, "priorities")
        for i, ind in _items(priority, "indicators")
    ]


def _id_problems(data: dict) -> list[Problem]:
    problems = []
    years = data.get("years") if isinstance(data.get("years"), list) else []
    for i, year in enumerate(years):
        if year_bounds(year) is None:
            problems.append((f"years[{i}]", f"expected a financial year such as 2009-10, got {year!r}"))
    problems += _duplicates(((f"years[{i}]", y) for i, y in enumerate(years)), "year")
    for key in ("scales", "measures", "themes", "perspectives", "priorities"):
        problems += _duplicates(((f"{key}[{i}].id", item.get("id")) for i, item in _items(data, key)), "id")
    problems += _duplicates(((f"{loc}.id", ind.get("id")) for loc, ind in _indicators(data)), "indicator id")
    problems += _duplicates(
        ((f"priorities[{i}].number", p.get("number")) for i, p in _items(data, "priorities")), "priority number"
    )
    return problems


def _reference_problems(data: dict) -> list[Problem]:
    problems = []
    scales = {s.get("id"): s for _, s in _items(data, "scales")}
    measures = {m.get("id"): m for _, m in _items(data, "measures")}
    priorities = {p.get("id") for _, p in _items(data, "priorities")}
    perspectives = {p.get("id") for _, p in _items(data, "perspectives")}
    cadences = data.get("cadences") if isinstance(data.get("cadences"), list) else None
    for i, m in _items(data, "measures"):
        if m.get("type") == "level" and m.get("scale") not in scales:
            problems.append((f"measures[{i}].scale", f"scale {m.get('scale')!r} is not defined under scales"))
    for i, theme in _items(data, "themes"):
        listed = theme.get("priorities") if isinstance(theme.get("priorities"), list) else []
        for j, pid in enumerate(listed):
            if pid not in priorities:
                problems.append((f"themes[{i}].priorities[{j}]", f"priority {pid!r} is not defined under priorities"))
    if cadences is not None and data.get("default_cadence", "quarterly") not in cadences:
        problems.append(("default_cadence", f"{data.get('default_cadence', 'quarterly')!r} is not one of cadences"))
    for loc, ind in _indicators(data):
        measure_id = ind.get("measure")
        measure = measures.get(measure_id)
        if measure_id is not None and measure is None:
            problems.append((f"{loc}.measure", f"measure {measure_id!r} is not defined under measures"))
        if cadences is not None and ind.get("cadence", "quarterly") not in cadences:
            problems.append(
                (f"{loc}.cadence", f"{ind.get('cadence', 'quarterly')!r} is not one of the framework's cadences")
            )
        perspective = ind.get("perspective")
        if perspective is not None and perspective not in perspectives:
            problems.append((f"{loc}.perspective", f"perspective {perspective!r} is not defined under perspectives"))
        wanted = _MEASURE_TYPE_FOR.get(ind.get("aggregate"))
        if measure is not None and wanted and measure.get("type") != wanted:
            problems.append(
                (
                    f"{loc}.aggregate",
                    f"{ind.get('aggregate')} needs a {wanted} measure; {measure_id!r} is {measure.get('type')!r}",
                )
            )
        if ind.get("aggregate") == "count-at-level" and ind.get("level") is None:
            problems.append((f"{loc}.level", "a count-at-level indicator needs the level it counts"))
        scale = scales.get(measure.get("scale")) if measure and measure.get("type") == "level" else None
        levels = scale.get("levels") if scale and isinstance(scale.get("levels"), list) else None
        located = [(f"{loc}.level", ind.get("level"))]
        located += [(f"{loc}.targets[{t}].level", target.get("level")) for t, target in _items(ind, "targets")]
        for where, level in located:
            if level is None or (measure is None and measure_id is not None):
                continue
            if levels is None:
                problems.append((where, f"level {level!r} given but measure {measure_id!r} is not on a scale"))
            elif level not in levels:
                problems.append(
                    (where, f"level {level!r} is not on the scale {scale.get('id')!r} ({', '.join(map(str, levels))})")
                )
    return problems


def _revision_problems(data: dict) -> list[Problem]:
    """Targets after the first are revisions: each agreed within the framework's years, in date order."""
    years = data.get("years") if isinstance(data.get("years"), list) else []
    bounds = [b for b in map(year_bounds, years) if b]
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
                problems.append(
                    (where, f"a revision must be agreed within the framework's years ({span}), got {agreed}")
                )
            elif agreed > last_day:
                problems.append((where, f"agreed {agreed}, after the framework's last year ends ({last_day})"))
            if previous is not None and agreed <= previous:
                problems.append(
                    (where, f"revisions must be listed in the order agreed: {agreed} is not after {previous}")
                )
            previous = agreed
    return problems


def _term_problems(data: dict) -> list[Problem]:
    """Term dates: numbered from 1, in order, inside their financial year; every year has them if termly."""
    terms = data.get("terms") if isinstance(data.get("terms"), dict) else {}
    years = [y for y in data.get("years", []) if isinstance(y, str)] if isinstance(data.get("years"), list) else []
    problems = []
    cadences = data.get("cadences") if isinstance(data.get("cadences"), list) else []
    if "termly" in cadences:
        for year in years:
            if year not in terms:
                problems.append(("terms", f"termly reporting needs the term dates of {year}"))
    for year, numbered in terms.items():
        bounds = year_bounds(year)
        if bounds is None:
            problems.append((f"terms.{year}", "expected a financial year such as 2009-10"))
            continue
        if not isinstance(numbered, dict):
            continue
        if sorted(numbered) != list(range(1, len(numbered) + 1)):
            problems.append((f"terms.{year}", f"terms must be numbered 1 to {len(numbered)}"))
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
                problems.append((where, f"starts {start} after it ends {end}"))
            if not (bounds[0] <= start and end <= bounds[1]):
                problems.append((where, f"{start} to {end} is not inside the financial year {year}"))
            if previous_end is not None and start <= previous_end:
                problems.append((where, f"starts {start}, before the previous term ends {previous_end}"))
            previous_end = end
    return problems


def cross_problems(data: object) -> list[Problem]:
    """Every problem that involves more than one field, as ``(location, message)``."""
    if not isinstance(data, dict):
        return []
    return _id_problems(data) + _reference_problems(data) + _revision_problems(data) + _term_problems(data)
