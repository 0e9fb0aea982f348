"""``report-all --body B``: the finished periods whose paper the timetable sends body B (issue #26 item 6).

Seed 002's timetable says what goes to which body how often; a body's papers are those of the cadences of
the framework's ``papers`` that name it as audience or consulted
(:func:`compact_analysis.plan.exception_papers.periods_for_body`; a report by exception is rendered by
``report-by-exception``, not here). The result is passed to
:func:`~compact_analysis.publishing.batch.render_reports` as explicit period names, so the batch is unchanged.
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.folder import DataFolder
from compact_analysis.plan.exception_papers import periods_for_body
from compact_analysis.publishing.batch import period_names


def body_period_names(
    framework: str, data: str | Path, body: str, cadence: str | None = None, frameworks_dir: str | Path | None = None
) -> list[str]:
    """Every finished period of ``cadence`` with data whose paper goes to ``body``; a one-line
    :class:`~compact_analysis.errors.ParameterError` for an unknown body or when none goes to it."""
    folder = DataFolder.open(data, framework, frameworks_dir)
    fw = folder.framework  # loaded first, so a bad framework is the error reported
    folder.check_exists()
    return periods_for_body(fw, period_names(folder, None, cadence), body)
