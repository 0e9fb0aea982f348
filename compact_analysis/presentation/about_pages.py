"""The words of the two short pages every period's pack ships: the methods and quality annex and the revisions
policy (issue #24 item 8; Code of Practice for Statistics Q1-Q3 and T3: "revisions are explained").

Each page is a list of sections of sentences; :mod:`compact_analysis.publishing.period_pages` lays them out.
The figures they quote (the evidence date, the reporting lag, the rule in force) come from the evaluation.
"""

from __future__ import annotations

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.evaluation.targets import RULES


def methods_sections(evaluation: Evaluation) -> list[tuple[str, list[str]]]:
    """The methods and quality annex: sources, how values and statuses are made, quality and uncertainty."""
    fw = evaluation.framework
    lag = fw.report_after_days
    return [
        (
            "Sources",
            [
                f"Members' returns to {fw.organisation}, read from CSV or Excel files and checked cell by cell; a cell "
                "that fails a check is quarantined with its reason and never silently changed or dropped.",
                f"The evidence date is {evaluation.as_at:%-d %B %Y}: returns submitted after it are not used, so the "
                "paper can be reproduced exactly.",
                "Every value on an indicator page names the returns behind it: file, sheet, row and date submitted.",
            ],
        ),
        (
            "Values and statuses",
            [
                "A value is counted from each member's latest return for a period ending on or before the period end; "
                "a member with no return is 'no return', never zero.",
                f"Status rule ({evaluation.rule}): {RULES[evaluation.rule]}.",
                f"Returns are due {lag} days after the period end; the evidence date is the same lag unless the run "
                "names another.",
            ],
        ),
        (
            "Quality and uncertainty",
            [
                "Where a target is derived from a baseline with unanswered members, its bounds and 95% interval are "
                "given beside it, in the tables and downloads as well as in the sentences.",
                "Forecasts give the run-rate projection and the chance of meeting the target (member counts) or a "
                "straight-line trend with its prediction interval (other figures).",
                "Late and missing returns, quarantined cells and duplicates ignored are listed in the paper's data "
                "quality section.",
            ],
        ),
    ]


def revisions_sections(evaluation: Evaluation) -> list[tuple[str, list[str]]]:
    """The revisions policy: what may change after publication, and how it is shown."""
    return [
        (
            "What can be revised",
            [
                "A member may correct a return after a paper is published; the correction is a new row with a later "
                "submitted date, and nothing already stored is overwritten.",
                "A published paper is never changed: it keeps the figures known on its evidence date "
                f"({evaluation.as_at:%-d %B %Y} for {evaluation.period.name}).",
            ],
        ),
        (
            "How revisions are shown",
            [
                "The next paper lists, under 'Revisions since publication', every earlier figure it shows that changed "
                "since that figure was published, with the old and the new value.",
                "Re-running a paper with its own evidence date reproduces it exactly; the manifest beside each paper "
                "records its inputs and their content hashes.",
            ],
        ),
    ]
