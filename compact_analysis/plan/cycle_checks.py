"""Checks of recurring-milestone targets across the framework document, each located by its YAML path.

A recurring milestone is read from a ``milestone`` indicator (a level measure whose scale has the stage
``delivered``); its first due date lies within the framework's years (and, for a termly cycle, in a term
of the framework's term dates). ``every`` and ``until`` themselves are checked by the model.
"""

from __future__ import annotations

from datetime import date

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.yaml_values import as_date as _as_date
from compact_analysis.plan.yaml_values import failure as _failure
from compact_analysis.plan.yaml_values import indicators

DELIVERED = "delivered"


def _term_spans(data: dict) -> list[tuple[date | None, date | None]]:
    terms = data.get("terms") if isinstance(data.get("terms"), dict) else {}
    pairs = [pair for year in terms.values() if isinstance(year, dict) for pair in year.values()]
    return [(_as_date(p[0]), _as_date(p[1])) for p in pairs if isinstance(p, list | tuple) and len(p) == 2]


def _indicator_problems(loc: str, ind: dict, data: dict, span: tuple[date, date] | None) -> list[Failure]:
    targets = ind.get("targets") if isinstance(ind.get("targets"), list) else []
    recurring = [
        (t, x) for t, x in enumerate(targets) if isinstance(x, dict) and x.get("kind") == "recurring-milestone"
    ]
    if not recurring:
        return []
    problems = []
    if ind.get("aggregate") != "milestone":
        message = f"a recurring-milestone target needs a milestone indicator; the aggregate is {ind.get('aggregate')!r}"
        problems.append(_failure(f"{loc}.aggregate", FrameworkCode.WRONG_MEASURE_TYPE, message, ind.get("aggregate")))
    problems += _scale_problems(loc, ind, data)
    for t, target in recurring:
        due, where = _as_date(target.get("due")), f"{loc}.targets[{t}].due"
        if due is None:
            continue
        if span and not span[0] <= due <= span[1]:
            message = f"the first due date {due} is outside the framework's years ({span[0]} to {span[1]})"
            problems.append(_failure(where, FrameworkCode.CYCLE_OUTSIDE_FRAMEWORK, message, due))
        elif target.get("every") == "termly" and not any(s and e and s <= due <= e for s, e in _term_spans(data)):
            message = f"a termly cycle's first due date must fall in a term of the framework; {due} falls in none"
            problems.append(_failure(where, FrameworkCode.CYCLE_OUTSIDE_FRAMEWORK, message, due))
    return problems


def _scale_problems(loc: str, ind: dict, data: dict) -> list[Failure]:
    """The measure's scale must have the stage ``delivered`` (a delivery is what each cycle waits for)."""
    measures = {m.get("id"): m for m in data.get("measures") or [] if isinstance(m, dict)}
    scales = {s.get("id"): s for s in data.get("scales") or [] if isinstance(s, dict)}
    scale = scales.get((measures.get(ind.get("measure")) or {}).get("scale"))
    levels = scale.get("levels") if isinstance(scale, dict) else None
    if not isinstance(levels, list) or DELIVERED in levels:
        return []  # no scale is reported where the measure is checked
    message = f"a recurring milestone's scale must have the stage {DELIVERED!r}; {scale.get('id')!r} has {levels}"
    return [_failure(f"{loc}.measure", FrameworkCode.LEVEL_NOT_ON_SCALE, message, ind.get("measure"))]


def recurring_problems(data: dict, span: tuple[date, date] | None) -> list[Failure]:
    """Every recurring-milestone problem of the document; ``span`` is the framework's first and last day."""
    return [problem for loc, ind in indicators(data) for problem in _indicator_problems(loc, ind, data, span)]
