"""The link between the futures model and the plan (issue #25, item 5): the plan's participation
trajectory beside each scenario's required path, and the scenario the plan adopts.

Seed 003, slide 15: "How do you get from here to 2013? (2015? 2020?)". The framework's ``futures:`` block
(:mod:`compact_analysis.plan.futures_link_model`) names the plan's participation indicators and, optionally,
the scenario it chose. For each indicator the plan's trajectory (baseline to target, as the evaluation of its
latest finished period draws it) is read as a participation rate: ``value / per``. Academic year ``y`` (the
futures model's year) is read on 31 December ``y``, mid-way through ``y/y+1``; before the baseline the plan
says nothing, after the target's due date its target holds. The plan **reaches** a scenario when its rate in
the scenario's target year is at least the LA-wide rate the scenario requires then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from compact_analysis.errors import Failure, StoreError
from compact_analysis.evaluation.results import Evaluation, trajectory_path
from compact_analysis.folder import DataFolder
from compact_analysis.futures.codes import FuturesCode, FuturesInputError
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.scenarios import ScenarioResult
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.futures_link_model import LinkedIndicator

#: Month and day on which academic year ``y``'s participation is read (mid-year of ``y/y+1``).
YEAR_POINT = (12, 31)


def year_date(year: int) -> date:
    return date(year, *YEAR_POINT)


@dataclass(frozen=True)
class PlanPath:
    """One participation indicator as the plan sets it, as shares (0-1): the trajectory's corners, the
    latest value and the value expected then; ``period`` the evaluated period (None: no evidence yet)."""

    indicator_id: str
    name: str
    period: str | None
    as_at: date | None
    corners: tuple[tuple[date, float], ...]
    latest: float | None
    expected: float | None

    def rate_in(self, year: int) -> float | None:
        """The plan's rate on 31 December ``year``: linear between corners, the target held after the last."""
        when = year_date(year)
        if not self.corners or when < self.corners[0][0]:
            return None
        for (d0, v0), (d1, v1) in zip(self.corners, self.corners[1:], strict=False):
            if d0 <= when <= d1:
                span = (d1 - d0).days
                return v1 if span == 0 else v0 + (v1 - v0) * (when - d0).days / span
        return self.corners[-1][1]


def plan_path(framework: Framework, link: LinkedIndicator, evaluation: Evaluation | None) -> PlanPath:
    """The indicator's trajectory and latest value from ``evaluation`` (None: the indicator's name only)."""
    indicator = framework.indicator(link.indicator)
    if evaluation is None:
        return PlanPath(indicator.id, indicator.name, None, None, (), None, None)
    result = evaluation.result(indicator.id)
    corners = tuple((d, float(v) / link.per) for d, v in trajectory_path(framework, result))
    latest = result.value.shown
    return PlanPath(
        indicator.id,
        indicator.name,
        evaluation.period.name,
        evaluation.as_at,
        corners,
        None if latest is None else latest / link.per,
        None if result.expected is None else float(result.expected) / link.per,
    )


def reach_table(path: PlanPath, results: list[ScenarioResult]) -> pd.DataFrame:
    """scenario, name, target_year, required, plan, reached: each scenario's LA-wide rate in its target
    year against the plan's rate then (``plan`` and ``reached`` None where the plan says nothing then)."""
    rows = []
    for result in results:
        year = result.scenario.target_year
        required = float(result.required_path.set_index("year").at[year, "rate"])
        plan = path.rate_in(year)
        reached = None if plan is None else plan >= required - 1e-12
        rows.append(
            {"scenario": result.scenario.id, "name": result.scenario.name, "target_year": year,
             "required": required, "plan": plan, "reached": reached}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["scenario", "name", "target_year", "required", "plan", "reached"])


def chosen_scenario(framework: Framework, scenarios: list[Scenario], framework_file: str) -> Scenario | None:
    """The scenario the framework's ``futures.scenario`` names (None when it names none); an id not in
    ``futures/scenarios.yaml`` is a located failure at ``futures.scenario``."""
    wanted = framework.futures.scenario if framework.futures else None
    if wanted is None:
        return None
    for scenario in scenarios:
        if scenario.id == wanted:
            return scenario
    known = ", ".join(s.id for s in scenarios)
    message = f"scenario {wanted!r} is not in futures/scenarios.yaml (known: {known})"
    raise FuturesInputError(
        [Failure(framework_file, None, "futures.scenario", wanted, FuturesCode.UNKNOWN_SCENARIO, message)]
    )


def _latest_evaluation(folder: DataFolder, cadence: str, cache: dict) -> Evaluation | None:
    """The evaluation of the newest finished period of ``cadence`` (None without a store or a finished period)."""
    if cadence not in cache:
        try:
            period = folder.latest_period(cadence) if folder.store_path.exists() else None
        except StoreError:
            period = None
        cache[cadence] = None if period is None else folder.evaluate(period, overrides=True)
    return cache[cadence]


def plan_paths(data: str | Path, framework: str) -> tuple[Framework, list[PlanPath], str]:
    """The framework, a :class:`PlanPath` for each linked indicator from the data folder's evidence, and the
    framework file's name (for a located failure)."""
    folder = DataFolder.open(data, framework)
    fw = folder.framework
    if fw.futures is None or not fw.futures.indicators:
        return fw, [], folder.framework_path.name
    cache: dict = {}
    return (
        fw,
        [
            plan_path(fw, link, _latest_evaluation(folder, fw.indicator(link.indicator).cadence, cache))
            for link in fw.futures.indicators
        ],
        folder.framework_path.name,
    )
