"""Checks across the framework's ``bodies`` and ``papers``: each paper names bodies and a cadence it defines.

Like the other checks they run on the plain data read from YAML, each problem located (``papers[2].audience[1]``).
Duplicate ids are reported with the other ids (:func:`compact_analysis.plan.checks._id_problems`).
"""

from __future__ import annotations

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.yaml_values import dicts, failure


def _listed(value: object) -> list:
    return value if isinstance(value, list) else []


def audience_failures(data: dict) -> list[Failure]:
    """A paper's audience and consulted bodies are defined under ``bodies``; its cadence is one of ``cadences``."""
    bodies = {body.get("id") for _, body in dicts(data.get("bodies"))}
    cadences = _listed(data.get("cadences"))
    problems = []
    for i, paper in dicts(data.get("papers")):
        for key in ("audience", "consulted"):
            for j, body in enumerate(_listed(paper.get(key))):
                if body not in bodies:
                    message = f"body {body!r} is not defined under bodies"
                    problems.append(
                        failure(f"papers[{i}].{key}[{j}]", FrameworkCode.UNDEFINED_REFERENCE, message, body)
                    )
        cadence = paper.get("cadence")
        if cadence is not None and cadences and cadence not in cadences:
            message = f"{cadence!r} is not one of the framework's cadences"
            problems.append(failure(f"papers[{i}].cadence", FrameworkCode.UNDEFINED_REFERENCE, message, cadence))
    return problems
