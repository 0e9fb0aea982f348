"""The futures paper: its sections as escaped HTML and its charts, for ``notebooks/futures.ipynb``.

Seed 003, slide 15: "How do you get from here to 2013? (2015? 2020?) What's missing? How will you fill
the gaps? What do you need to be doing differently by this time next year?" Each section answers one of
these from the model's results; every figure comes from :mod:`compact_analysis.futures.scenarios`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.futures.codes import GRADES, ROUTES
from compact_analysis.futures.gap import LA_WIDE
from compact_analysis.futures.inputs import FuturesInputs, futures_folder, load_futures
from compact_analysis.futures.link_section import link_section
from compact_analysis.futures.numbers import gap_words, percent, places, whole
from compact_analysis.futures.plan_link import PlanPath, chosen_scenario, plan_paths
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.scenarios import ScenarioResult, evaluate_all
from compact_analysis.futures.supply import quality
from compact_analysis.futures.uncertainty import COVERAGE
from compact_analysis.paths import data_path
from compact_analysis.presentation import html as ui

TITLE = "Futures modelling: 14-19 places, demand and the gap"


@dataclass
class FuturesPaper:
    """The futures paper of a data folder; each method returns a section or chart for the notebook."""

    inputs: FuturesInputs
    results: list[ScenarioResult]
    synthetic: bool
    plan: list[PlanPath] = field(default_factory=list)  # the framework's participation indicators (plan_link.py)
    chosen: Scenario | None = None  # the scenario the framework adopts
    framework_id: str | None = None  # the linked framework's id (its reports folder), when one was given

    @property
    def base_year(self) -> int:
        return self.inputs.base_year

    def title_block(self) -> ui.Html:
        ids = ", ".join(s.name for s in self.inputs.scenarios)
        return ui.Html(
            f"<h1>{ui.escape(TITLE)}</h1>"
            + ui.synthetic_banner(self.synthetic)
            + ui.paragraph(
                f"From {self.base_year}, the last year of the participation history, to each scenario's target year. "
                f"Scenarios: {ids}. Places are counted LA-wide unless a table says otherwise."
            )
        )

    def headline_figures(self) -> dict:
        """Each scenario's LA-wide places missing at its target year and extra places a year, by route (whole places)."""
        out = {}
        for result in self.results:
            growth = result.growth("all").set_index("route")
            out[result.scenario.id] = {
                "target_year": result.scenario.target_year,
                "places_missing": {r: whole(growth.at[r, "shortfall"]) for r in growth.index},
                "extra_places_a_year": {r: whole(growth.at[r, "extra_per_year"]) for r in growth.index},
            }
        return out

    def summary(self) -> ui.Html:
        """A sentence a scenario: what is missing by its target year and what must change by next year."""
        items = []
        for result in self.results:
            growth = result.growth("all")
            short = growth[~growth["met"]]
            if short.empty:
                items.append(
                    f"{result.scenario.name}: the places planned meet demand on every route by {result.scenario.target_year}."
                )
                continue
            missing = "; ".join(f"{r.route} {gap_words(r.shortfall)}" for r in short.itertuples())
            extra = sum(short["extra_per_year"])
            items.append(
                f"{result.scenario.name}: by {result.scenario.target_year}, {missing}. "
                f"By this time next year, {places(extra)} more places than planned are needed across the routes."
            )
        return ui.bullets(items)

    def scenarios_table(self) -> ui.Html:
        """Each scenario's assumptions beside its results."""
        rows = []
        for result in self.results:
            growth = result.growth("all")
            rows.append(
                {
                    "Scenario": result.scenario.name,
                    "Assumptions": "; ".join(result.scenario.assumptions()),
                    "Places missing by the target year": places(growth["shortfall"].sum()),
                    "Extra places a year": places(growth["extra_per_year"].sum()),
                }
            )
        return ui.table(pd.DataFrame(rows), "Scenarios: assumptions and results (LA-wide, all routes)")

    def comparison_table(self) -> ui.Html:
        """Scenarios side by side by route at their target years, LA-wide."""
        rows = []
        for result in self.results:
            target = result.gaps("all")
            target = target[target["year"] == result.scenario.target_year].set_index("route")
            growth = result.growth("all").set_index("route")
            for route in ROUTES:
                row, grown = target.loc[route], growth.loc[route]
                rows.append(
                    {
                        "Scenario": result.scenario.name,
                        "Route": route,
                        "Year": str(result.scenario.target_year),
                        "Demand (range)": f"{places(row['demand'])} ({places(row['demand_low'])}–{places(row['demand_high'])})",
                        "Places planned": places(row["places"]),
                        "Gap": gap_words(row["gap"]),
                        "Extra places a year": places(grown["extra_per_year"]),
                        "Yearly growth": percent(grown["growth_rate"]) if not grown["met"] else "met",
                    }
                )
        return ui.table(
            pd.DataFrame(rows),
            "Demand, places and the gap at each scenario's target year, by route (LA-wide)",
            nowrap=("Year",),
        )

    def route_charts(self) -> ui.Html:
        from compact_analysis.futures import charts  # heavy: matplotlib, imported only when a chart is drawn

        return ui.Html("".join(charts.route_chart(self.results, route).to_html() for route in ROUTES))

    def next_year_table(self) -> ui.Html:
        """What must change by this time next year: places planned for next year against places needed."""
        rows = []
        for result in self.results:
            for r in result.growth("all").itertuples():
                rows.append(
                    {
                        "Scenario": result.scenario.name,
                        "Route": r.route,
                        f"Places now ({self.base_year})": places(r.places_now),
                        f"Planned for {self.base_year + 1}": places(r.next_year_places - r.extra_per_year),
                        f"Needed in {self.base_year + 1}": places(r.next_year_places),
                    }
                )
        return ui.table(pd.DataFrame(rows), f"What must change by this time next year ({self.base_year + 1}), LA-wide")

    def level_table(self, level: str) -> ui.Html:
        """The gap at each scenario's target year by consortium or area and route, a column a scenario."""
        label = {"consortium": "Consortium", "area": "Area"}[level]
        names = dict(zip(self.inputs.areas["area"], self.inputs.areas["name"], strict=True))
        frame = None
        for result in self.results:
            gaps = result.gaps(level)
            gaps = gaps[gaps["year"] == result.scenario.target_year][["unit", "route", "gap"]]
            column = f"{result.scenario.name} ({result.scenario.target_year})"
            gaps = gaps.assign(**{column: gaps["gap"].map(gap_words)}).drop(columns="gap")
            frame = gaps if frame is None else frame.merge(gaps, on=["unit", "route"])
        if level == "area":
            frame["unit"] = frame["unit"].map(lambda a: f"{names.get(a, a)} ({a})")
        frame = frame.rename(columns={"unit": label, "route": "Route"})
        return ui.table(frame, f"The gap at each scenario's target year by {level} and route", member_columns=(label,))

    def provision_audit(self) -> ui.Html:
        """Places now by route and the share at grade 1 or 2 (outstanding or good)."""
        audit = quality(self.inputs.provision, self.base_year).set_index("route").reindex(list(ROUTES))
        rows = [
            {"Route": route, "Places": places(row["places"]) if pd.notna(row["places"]) else "0",
             "Outstanding or good": percent(row["good_share"], 0) if pd.notna(row["good_share"]) else "–"}
            for route, row in audit.iterrows()
        ]  # fmt: skip
        grades = ", ".join(f"{g} {name.lower()}" for g, name in GRADES.items())
        return ui.table(
            pd.DataFrame(rows), f"Provision in {self.base_year} by route, and its quality (grades {grades})"
        )

    def trajectory(self) -> ui.Html:
        from compact_analysis.futures import charts  # heavy: matplotlib, imported only when a chart is drawn

        return ui.Html(charts.trajectory_chart(self.results).to_html())

    def plan_link(self) -> ui.Html:
        """The plan's participation trajectory against each scenario (nothing when the framework links none)."""
        return link_section(self.plan, self.results, self.chosen)

    def method(self) -> ui.Html:
        return ui.bullets(
            [
                "Demand = population × participation rate × route share, for each area and single year of age, summed. "
                "The rate and the route mix start from the last year of the history and move in equal yearly steps to "
                "the scenario's target; a rate already at its target is held.",
                "Places: each provider's places from the latest row up to the year, so rows for later years are planned changes.",
                f"Interval: the low bound takes the low population projection and the rates lowered by the half-width of "
                f"the {COVERAGE:.0%} prediction interval of a straight-line trend fitted to the LA-wide participation "
                "history (t distribution, n − 2 degrees of freedom); the high bound the high projection and the rates "
                "raised by it (never above 100%).",
                "Yearly growth: the places missing at the target year, spread in equal steps over the years to it, on "
                "top of the planned changes; the growth rate is the compound yearly growth from today's places to "
                "the target year's demand.",
                "Caveats: the model assumes each area's young people are served by its own providers, that the route "
                "mix moves only as the scenario says, and that the population projections hold; it does not model "
                "travel between areas, learners' choices or funding.",
            ]
        )


def is_synthetic(data: Path) -> bool:
    return (data / SYNTHETIC_MARKER_FILE).exists() or (futures_folder(data) / SYNTHETIC_MARKER_FILE).exists()


def prepare_futures_paper(data: str | None = None, framework: str | None = None) -> FuturesPaper:
    """Read and check the data folder's futures inputs (``data`` None: the ``COMPACT_ANALYSIS_DATA`` folder)
    and evaluate every scenario; a :class:`~compact_analysis.futures.codes.FuturesInputError` for bad input.
    With ``framework`` (an id or a YAML path), its ``futures:`` block links the plan (:mod:`.plan_link`)."""
    folder = data_path(data)
    inputs = load_futures(folder)
    results = evaluate_all(inputs.areas, inputs.cohort, inputs.participation, inputs.provision, inputs.scenarios)
    if framework is None:
        return FuturesPaper(inputs, results, is_synthetic(folder))
    fw, paths, where = plan_paths(folder, framework)
    chosen = chosen_scenario(fw, inputs.scenarios, where)
    return FuturesPaper(inputs, results, is_synthetic(folder), paths, chosen, fw.id)


__all__ = ["LA_WIDE", "TITLE", "FuturesPaper", "prepare_futures_paper"]
