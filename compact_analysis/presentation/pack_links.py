"""Links from a paper to what its pack ships beside it: indicator pages, the data package, the about pages
(issue #24 items 5 and 8). Paths are relative to the period's folder, where ``evaluation.html`` sits.
"""

from __future__ import annotations

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.release import release_block, release_of

INDICATORS_INDEX = "indicators/index.html"
DATA_PACKAGE = "data/datapackage.json"


def indicator_link(indicator_id: str, prefix: str = "") -> ui.Html:
    """'Indicator page: chart, table over the periods, returns behind it and data', linked."""
    href = ui.escape(f"{prefix}indicators/{indicator_id}.html", quote=True)
    return ui.Html(f'<p class="ca-source"><a href="{href}">Indicator page: chart, table over the periods, '
                   "returns behind the value and data downloads</a></p>")  # fmt: skip


def release_section(evaluation: Evaluation, prefix: str = "") -> ui.Html:
    """A paper's "About this release": release date, next release, contact, the methods and quality annex,
    the revisions policy, and the pages and data published with it (``prefix``: from the page to the period)."""
    links = (
        f'<p>Published with this paper: <a href="{ui.escape(prefix + INDICATORS_INDEX)}">a page for each '
        f'indicator</a> (by priority, theme and perspective) and <a href="{ui.escape(prefix + DATA_PACKAGE)}">'
        "the whole evaluation as data</a> (CSV files described by a Frictionless Data Package).</p>"
    )
    return ui.Html(release_block(release_of(evaluation), prefix) + links)
