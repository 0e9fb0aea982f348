"""Checks across the framework's ``futures:`` block: each linked indicator is defined, once, and is a figure.

Like the other checks they run on the plain data read from YAML, each problem located
(``futures.indicators[1].indicator``). The scenario id is checked against ``futures/scenarios.yaml`` when the
futures paper is rendered (:mod:`compact_analysis.futures.plan_link`): the framework does not hold it.
"""

from __future__ import annotations

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.yaml_values import dicts, failure, indicators

#: Aggregates whose value is not a participation figure (a milestone is done or not; none has no value).
NOT_FIGURES = ("milestone", "none")


def futures_link_failures(data: dict) -> list[Failure]:
    """A linked indicator is an indicator of the framework with a figure, listed once."""
    block = data.get("futures")
    if not isinstance(block, dict):
        return []
    known = {ind.get("id"): ind for _, ind in indicators(data)}
    problems, seen = [], set()
    for i, link in dicts(block.get("indicators")):
        where, ind_id = f"futures.indicators[{i}].indicator", link.get("indicator")
        if ind_id not in known:
            message = f"indicator {ind_id!r} is not defined under priorities"
            problems.append(failure(where, FrameworkCode.UNDEFINED_REFERENCE, message, ind_id))
        elif known[ind_id].get("aggregate") in NOT_FIGURES:
            message = f"indicator {ind_id!r} has no figure to set against participation (aggregate {known[ind_id].get('aggregate')})"
            problems.append(failure(where, FrameworkCode.NOT_A_FIGURE, message, ind_id))
        if ind_id in seen:
            problems.append(failure(where, FrameworkCode.DUPLICATE_VALUE, "indicator listed twice", ind_id))
        seen.add(ind_id)
    return problems
