"""The period paper's sentence citing the futures scenario the plan adopts (issue #25, item 5).

The framework's ``futures.scenario`` names a scenario of the data folder's ``futures/scenarios.yaml``
(docs/futures.md, "The link to the plan"); the period notebook shows one sentence, after its summary.
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.futures.codes import VARIANTS
from compact_analysis.futures.inputs import futures_folder
from compact_analysis.futures.scenario_file import read_scenarios
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation import html as ui


def scenario_citation(framework: Framework, data: str | Path) -> ui.Html:
    """One sentence naming the adopted scenario and its target; nothing when the framework names none.

    A scenario the file does not hold (or a file that does not read) is said so, never left out silently.
    """
    wanted = framework.futures.scenario if framework.futures else None
    if wanted is None:
        return ui.Html("")
    failures: list = []
    found = {s.id: s for s in read_scenarios(futures_folder(data), set(VARIANTS), failures)}
    scenario = found.get(wanted)
    if scenario is None:
        return ui.paragraph(
            f"The plan adopts the futures scenario {wanted}, which futures/scenarios.yaml does not hold "
            "(compact-analysis futures validate lists the file's problems)."
        )
    return ui.paragraph(
        f"The plan adopts the futures scenario {scenario.name}: participation reaching {scenario.participation:.0%} "
        f"by {scenario.target_year} (academic year {scenario.target_year}/{(scenario.target_year + 1) % 100:02d}), "
        "set against the plan's own participation trajectory in the futures paper."
    )
