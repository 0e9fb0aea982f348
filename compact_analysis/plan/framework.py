"""Loading and checking a framework file: every problem at once, each a located :class:`Failure`.

The model itself (:class:`Framework` and its parts) is in :mod:`.framework_model`;
this module reads the YAML, validates it field by field and across fields, and
names every problem with its location, so a person can fix a file in one pass.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from compact_analysis.errors import Failure, FrameworkError, framework_location
from compact_analysis.paths import safe_name
from compact_analysis.plan.checks import cross_failures
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework_model import (
    Framework,
    Indicator,
    Measure,
    Perspective,
    Priority,
    Scale,
    Target,
    Theme,
    WrongType,
)
from compact_analysis.plan.periods import CADENCE_CODES
from compact_analysis.plan.safe_yaml import read_yaml, read_yaml_with_lines


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith("function-") or part in ("tagged-union",):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def framework_failures(data: object, file: str = "", lines: dict[str, int] | None = None) -> list[Failure]:
    """Every problem with a framework document as a :class:`Failure`: fields first, then cross-checks.

    ``column`` is the location in the document (``priorities[0].indicators[1].measure``). ``row`` is
    its line from ``lines`` (see :func:`read_yaml_with_lines`): the line of the value, or for a field
    that is missing the line of the nearest enclosing item; None without ``lines``.
    """
    if not isinstance(data, dict):
        message = f"expected a mapping of fields, got {type(data).__name__}"
        return [Failure(file, None, "(top level)", "", FrameworkCode.NOT_A_MAPPING, message)]
    failures: list[Failure] = []
    try:
        Framework.model_validate(data, context={"cross_checked": True})
    except ValidationError as exc:
        failures = [_field_failure(file, err) for err in exc.errors()]
    seen = {(f.column, f.message) for f in failures}
    failures += [replace(f, file=file) for f in cross_failures(data) if (f.column, f.message) not in seen]
    return [replace(f, row=_line_of(f.column, lines or {})) for f in failures]


def _line_of(location: str, lines: dict[str, int]) -> int | None:
    """The line of ``location``, else of the nearest location that encloses it (None if none is known)."""
    while location:
        if location in lines:
            return lines[location]
        location = re.sub(r"(\[\d+\]|\.?[^.\[]+)$", "", location)
    return None


def framework_problems(data: object) -> list[tuple[str, str]]:
    """Every problem with a framework document as the ``(location, message)`` the CLI prints."""
    return [(framework_location(f), f.message) for f in framework_failures(data)]


#: pydantic's error types by the code their failure gets (other types: type-error or constraint-error).
_CODE_FOR_TYPE = {
    "missing": FrameworkCode.MISSING_FIELD,
    "extra_forbidden": FrameworkCode.UNKNOWN_FIELD,
    "literal_error": FrameworkCode.UNKNOWN_CHOICE,
}


def _field_code(err: dict) -> FrameworkCode:
    """``int_parsing`` or a date that is not one is a type-error; a broken rule (``too_short``) a constraint-error."""
    error_type = err["type"]
    if error_type in _CODE_FOR_TYPE:
        return _CODE_FOR_TYPE[error_type]
    if error_type.endswith(("_type", "_parsing")) or isinstance(err.get("ctx", {}).get("error"), WrongType):
        return FrameworkCode.TYPE_ERROR
    return FrameworkCode.CONSTRAINT_ERROR


def _field_failure(file: str, err: dict) -> Failure:
    """One pydantic error as a failure at its field, with the value given when it is a plain value."""
    given = err.get("input")
    value = "" if err["type"] == "missing" or isinstance(given, dict | list) else str(given)
    return Failure(file, None, _location(err["loc"]), value, _field_code(err), _message(err))


def _message(err: dict) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date (YYYY-MM-DD), got {err.get('input')!r}"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "literal_error":
        expected = err["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        what = "target kind" if err["loc"][-1] == "kind" and "targets" in err["loc"] else "value"
        return f"unknown {what} {err.get('input')!r}: expected one of {expected}"
    return msg


def load_framework(path: str | Path) -> Framework:
    """Load and check a framework file; raise :class:`FrameworkError` listing every problem."""
    data, lines = read_yaml_with_lines(Path(path))
    failures = framework_failures(data, str(path), lines)
    if failures:
        raise FrameworkError(str(path), failures)
    return Framework.model_validate(data, context={"cross_checked": True})


def period_calendar(framework: Framework, cadence: str | None = None) -> list[tuple[str, date, date]]:
    """Every period of a framework in one cadence (every cadence it uses if None), with first and last days."""
    cadences = [cadence] if cadence else list(dict.fromkeys([framework.default_cadence, *framework.cadences]))
    return [(p.name, *p.bounds(framework.terms)) for c in cadences for p in framework.periods(c)]


def find_framework(name_or_path: str | Path, frameworks_dir: str | Path) -> Path:
    """A framework by file path, or by id under ``frameworks_dir`` (a path or a string)."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        return candidate
    return Path(frameworks_dir) / f"{safe_name(str(name_or_path), 'framework id')}.yaml"


__all__ = [
    "CADENCE_CODES",
    "Framework",
    "Indicator",
    "Measure",
    "Perspective",
    "Priority",
    "Scale",
    "Target",
    "Theme",
    "find_framework",
    "framework_failures",
    "framework_problems",
    "load_framework",
    "period_calendar",
    "read_yaml",
]
