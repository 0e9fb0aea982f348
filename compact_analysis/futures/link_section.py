"""The futures paper's section on the plan (issue #25, item 5): for each participation indicator the framework
links, a chart, a table and words saying which scenarios the plan's current trajectory reaches.

Every figure comes from :mod:`compact_analysis.futures.plan_link`; text is escaped by the html helpers.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.futures.numbers import percent
from compact_analysis.futures.plan_link import PlanPath, reach_table
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.scenarios import ScenarioResult
from compact_analysis.presentation import html as ui

HEADING = "The plan's participation indicators against the scenarios"


def _names(frame: pd.DataFrame) -> str:
    names = list(frame["name"])
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def reach_words(path: PlanPath, results: list[ScenarioResult]) -> str:
    """Which scenarios the plan's trajectory reaches in their target years, in one or two sentences."""
    if not path.corners:
        return f"{path.name}: the plan has no trajectory to compare yet (no target with a baseline in the evidence)."
    table = reach_table(path, results)
    reached, short = table[table["reached"] == True], table[table["reached"] == False]  # noqa: E712 (None: says nothing)
    words = []
    if len(reached):
        words.append(f"reaches {_names(reached)}")
    if len(short):
        words.append(f"falls short of {_names(short)}")
    silent = table[table["reached"].isna()]
    if len(silent):
        words.append(f"says nothing for the target year of {_names(silent)}")
    return f"{path.name}: the plan's current trajectory {'; it '.join(words)}."


def _latest_words(path: PlanPath) -> str:
    if path.period is None:
        return "No evidence yet: the plan's trajectory is drawn once a period with returns is finished."
    latest = "no figure" if path.latest is None else percent(path.latest)
    expected = "" if path.expected is None else f"; expected on the trajectory then: {percent(path.expected)}"
    return f"Latest: {latest} for {path.period} (evidence as at {path.as_at:%d %B %Y}){expected}."


def _table(path: PlanPath, results: list[ScenarioResult]) -> ui.Html:
    rows = [
        {
            "Scenario": r.name,
            "Target year": str(r.target_year),
            "Participation required (LA-wide)": percent(r.required),
            "The plan's trajectory then": "–" if r.plan is None else percent(r.plan),
            "Reached": {True: "Reached", False: "Not reached"}.get(r.reached, "No trajectory then"),
        }
        for r in reach_table(path, results).itertuples()
    ]
    return ui.table(pd.DataFrame(rows), f"{path.name}: the plan against each scenario in its target year")


def link_section(paths: list[PlanPath], results: list[ScenarioResult], chosen: Scenario | None) -> ui.Html:
    """The section, with its heading; nothing when the framework links no indicator and names no scenario."""
    if not paths and chosen is None:
        return ui.Html("")
    from compact_analysis.futures.link_chart import link_chart  # heavy: matplotlib, imported only when drawn

    parts = [ui.heading(HEADING)]
    if chosen is not None:
        parts.append(ui.paragraph(f"The plan adopts the scenario {chosen.name} (target year {chosen.target_year})."))
    for path in paths:
        parts += [ui.heading(path.name, 3), ui.paragraph(reach_words(path, results)), ui.paragraph(_latest_words(path))]
        parts += [ui.Html(link_chart(path, results).to_html()), _table(path, results)]
    return ui.Html("".join(parts))
