"""The scenario file ``futures/scenarios.yaml``: named assumption sets, each checked with its line.

Seed 003, slide 3: "Raising participation towards 100% 2015"; slide 4: "Modelling of future
requirements towards provision of entitlement across all learning routes and 100% participation".
Each scenario names its target year, the participation rate to reach by then (1 = 100%), shifts in
the route mix by then, the demographic variant of the cohort, and progression rates by age.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compact_analysis.errors import Failure, FrameworkError
from compact_analysis.futures.codes import ROUTES, VARIANTS, FuturesCode
from compact_analysis.paths import safe_name
from compact_analysis.plan.safe_yaml import read_yaml_with_lines

SCENARIOS_FILE = "scenarios.yaml"
#: Route shifts must sum to zero (shares move between routes); this much rounding is allowed.
BALANCE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Scenario:
    """One named assumption set (see docs/futures.md for each field)."""

    id: str
    name: str
    target_year: int
    variant: str = "principal"
    participation: float = 1.0
    route_shifts: dict[str, float] = field(default_factory=dict)
    progression: dict[int, float] = field(default_factory=dict)
    description: str = ""

    def assumptions(self) -> list[str]:
        """The scenario's assumptions in words, for the paper beside its results."""
        shifts = ", ".join(f"{r} {v:+.0%}" for r, v in self.route_shifts.items()) or "none"
        progression = ", ".join(f"age {a}: {v:.0%}" for a, v in sorted(self.progression.items())) or "100% at every age"
        return [
            f"Target year {self.target_year}",
            f"Participation reaches {self.participation:.0%} by the target year, in equal yearly steps",
            f"Route-mix shifts by the target year: {shifts}",
            f"Cohort: the {self.variant} population projection",
            f"Progression (share of the participation target staying in 14-19 provision): {progression}",
        ]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class _Checker:
    """Collects located failures while reading the scenarios."""

    def __init__(self, name: str, lines: dict[str, int], variants: set[str]):
        self.name, self.lines, self.variants, self.failures = name, lines, variants, []

    def fail(self, where: str, value: object, code: FuturesCode, message: str) -> None:
        line = self.lines.get(where) or self.lines.get(where.rsplit(".", 1)[0])
        self.failures.append(Failure(self.name, line, where, str(value)[:80], code, message))

    def share(self, where: str, value: object, low: float = 0.0) -> float:
        number = _number(value)
        if number is None or not low <= number <= 1:
            self.fail(where, value, FuturesCode.NOT_A_SHARE, f"must be a number from {low:g} to 1")
            return 0.0
        return number

    def scenario(self, i: int, raw: object) -> Scenario | None:
        at = f"scenarios[{i}]"
        if not isinstance(raw, dict):
            self.fail(at, raw, FuturesCode.SCENARIO_FIELD, "a scenario is a mapping with id, name, target_year")
            return None
        ident, target = str(raw.get("id", "")), raw.get("target_year")
        try:
            safe_name(ident, "scenario id")
        except Exception:  # a ParameterError: reported as a located failure instead
            self.fail(f"{at}.id", ident, FuturesCode.SCENARIO_FIELD, "id: 1-64 letters, digits, '.', '_' or '-'")
        if not isinstance(target, int) or isinstance(target, bool):
            self.fail(f"{at}.target_year", target, FuturesCode.TARGET_YEAR, "target_year must be a year such as 2013")
            target = 0
        variant = str(raw.get("variant", "principal"))
        if variant not in self.variants:
            known = ", ".join(v for v in VARIANTS if v in self.variants)
            message = f"no cohort for variant {variant!r}: known variants are {known}"
            self.fail(f"{at}.variant", variant, FuturesCode.UNKNOWN_VARIANT, message)
        return Scenario(
            ident,
            str(raw.get("name") or ident),
            target,
            variant,
            self.share(f"{at}.participation", raw.get("participation", 1.0), low=1e-9),
            self.shifts(at, raw.get("route_shifts") or {}),
            self.progression(at, raw.get("progression") or {}),
            str(raw.get("description") or ""),
        )

    def shifts(self, at: str, raw: object) -> dict[str, float]:
        if not isinstance(raw, dict):
            self.fail(f"{at}.route_shifts", raw, FuturesCode.SCENARIO_FIELD, "route_shifts: a mapping route: change")
            return {}
        out = {}
        for route, value in raw.items():
            where = f"{at}.route_shifts.{route}"
            if route not in ROUTES:
                self.fail(where, route, FuturesCode.UNKNOWN_ROUTE, f"{route!r} is not one of: {', '.join(ROUTES)}")
            elif (number := _number(value)) is None or abs(number) > 1:
                self.fail(where, value, FuturesCode.NOT_A_SHARE, "a shift is a number from -1 to 1")
            else:
                out[str(route)] = number
        if abs(sum(out.values())) > BALANCE_TOLERANCE:
            message = f"route shifts must add up to 0 (they move learners between routes); they add up to {sum(out.values()):+g}"
            self.fail(f"{at}.route_shifts", sum(out.values()), FuturesCode.SHIFTS_NOT_BALANCED, message)
        return out

    def progression(self, at: str, raw: object) -> dict[int, float]:
        if not isinstance(raw, dict) or not all(isinstance(k, int) for k in raw):
            self.fail(f"{at}.progression", raw, FuturesCode.SCENARIO_FIELD, "progression: a mapping age: share")
            return {}
        return {int(age): self.share(f"{at}.progression.{age}", value) for age, value in raw.items()}


def read_scenarios(folder: Path, variants: set[str], failures: list[Failure]) -> list[Scenario]:
    """Every scenario in ``scenarios.yaml``; failures for bad fields, unknown variants and repeated ids."""
    name = f"{folder.name}/{SCENARIOS_FILE}"
    path = folder / SCENARIOS_FILE
    if not path.is_file():
        failures.append(Failure(name, None, None, "", FuturesCode.MISSING_FILE, f"{name} is missing"))
        return []
    try:
        raw, lines = read_yaml_with_lines(path)
    except FrameworkError as exc:
        failures.extend(
            Failure(name, f.row, f.column, f.value, FuturesCode.UNREADABLE, f.message) for f in exc.failures
        )
        return []
    checker = _Checker(name, lines, variants)
    items = raw.get("scenarios") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        checker.fail("scenarios", "", FuturesCode.SCENARIO_FIELD, "scenarios: a list of at least one scenario")
        items = []
    found = [s for i, item in enumerate(items) if (s := checker.scenario(i, item)) is not None]
    seen: set[str] = set()
    for i, scenario in enumerate(found):
        if scenario.id in seen:
            checker.fail(f"scenarios[{i}].id", scenario.id, FuturesCode.DUPLICATE, "another scenario has this id")
        seen.add(scenario.id)
    failures.extend(checker.failures)
    return found
