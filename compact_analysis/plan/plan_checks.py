"""Checks across the framework's ``plans:``: unique plan and action ids, known impact indicators and bodies.

Each problem is a located :class:`~compact_analysis.errors.Failure` whose ``column`` is the YAML path
(``plans[2].actions[0].impact``), as the other framework checks give them. Action ids are unique across
the whole framework, because an action-progress return names the action alone. An ``audience`` is checked
against the framework's ``bodies`` (seed 002's EMT, DMG, SSIG...) only when the framework declares some.
"""

from __future__ import annotations

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.yaml_values import dicts, failure, indicators


def _duplicates(entries: list[tuple[str, object]], what: str) -> list[Failure]:
    """A failure at every repeat of a value, naming where it first appeared."""
    first: dict[object, str] = {}
    problems = []
    for location, value in entries:
        if not isinstance(value, str):
            continue
        if value in first:
            message = f"duplicate {what} {value!r} (first at {first[value]})"
            problems.append(failure(location, FrameworkCode.DUPLICATE_VALUE, message, value))
        else:
            first[value] = location
    return problems


def plan_failures(data: dict) -> list[Failure]:
    """Every cross-field problem of the framework's plans and actions (none when it has no ``plans``)."""
    plans = dicts(data.get("plans"))
    if not plans:
        return []
    known_indicators = {ind.get("id") for _, ind in indicators(data)}
    bodies = {b.get("id") for _, b in dicts(data.get("bodies"))} if "bodies" in data else None
    actions = [(f"plans[{p}].actions[{a}]", action) for p, plan in plans for a, action in dicts(plan.get("actions"))]
    problems = _duplicates([(f"plans[{p}].id", plan.get("id")) for p, plan in plans], "plan id")
    problems += _duplicates([(f"{loc}.id", action.get("id")) for loc, action in actions], "action id")
    for loc, action in actions:
        impact = action.get("impact")
        if impact is not None and impact not in known_indicators:
            message = f"impact names no indicator of the framework: {impact!r}"
            problems.append(failure(f"{loc}.impact", FrameworkCode.UNDEFINED_REFERENCE, message, impact))
    problems += _spend_problems(data, plans)
    if bodies is not None:
        for p, plan in plans:
            audience = plan.get("audience") if isinstance(plan.get("audience"), list) else []
            for i, body in enumerate(audience):
                if body not in bodies:
                    message = f"audience names no body of the framework: {body!r}"
                    problems.append(
                        failure(f"plans[{p}].audience[{i}]", FrameworkCode.UNDEFINED_REFERENCE, message, body)
                    )
    return problems


def _spend_problems(data: dict, plans: list[tuple[int, dict]]) -> list[Failure]:
    """A plan's ``spend`` names a number measure the partnership reports (its spend in each period)."""
    measures = {m.get("id"): m for _, m in dicts(data.get("measures"))}
    problems = []
    for p, plan in plans:
        spend = plan.get("spend")
        if spend is None:
            continue
        measure = measures.get(spend)
        if measure is None:
            message = f"spend names no measure of the framework: {spend!r}"
            problems.append(failure(f"plans[{p}].spend", FrameworkCode.UNDEFINED_REFERENCE, message, spend))
        elif measure.get("type") != "number" or measure.get("reported_by") != "partnership":
            message = f"spend must be a number measure reported by the partnership: {spend!r}"
            problems.append(failure(f"plans[{p}].spend", FrameworkCode.WRONG_MEASURE_TYPE, message, spend))
    return problems
