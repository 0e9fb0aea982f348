"""Indicators grouped as the framework groups them: themes (delivery routes, seed 004) and balanced-scorecard
perspectives (seed 002), each with its counts by status in words (issue #24 item 4).

Seed 002: "balanced scorecard ... perspectives"; seed 004: the priorities grouped by "delivery route". A
framework without themes or perspectives has no groups, and a paper shows no section for them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.evaluation.status_counts import count_statuses
from compact_analysis.presentation import html as ui


@dataclass(frozen=True)
class Group:
    """One theme or perspective: its kind ("Theme" or "Perspective"), name and indicator ids in plan order."""

    kind: str
    name: str
    indicator_ids: tuple[str, ...]


def indicator_groups(evaluation: Evaluation) -> list[Group]:
    """The framework's themes (priorities in no theme form an "Other priorities" theme) then its perspectives
    (indicators with none form "No perspective"); empty when the framework names neither."""
    fw = evaluation.framework
    groups = []
    if fw.themes:
        for theme, priorities in fw.priorities_by_theme():
            ids = tuple(i.id for p in priorities for i in p.indicators)
            groups.append(Group("Theme", theme.name if theme is not None else "Other priorities", ids))
    if fw.perspectives:
        for perspective in fw.perspectives:
            ids = tuple(i.id for i in fw.indicators if i.perspective == perspective.id)
            groups.append(Group("Perspective", perspective.name, ids))
        rest = tuple(i.id for i in fw.indicators if i.perspective is None)
        if rest:
            groups.append(Group("Perspective", "No perspective", rest))
    return groups


def status_words(evaluation: Evaluation, indicator_ids: tuple[str, ...]) -> str:
    """The statuses of some indicators counted in the paper's words (:mod:`.status_counts`), in its order:
    "3 indicators: 1 green, 2 red"."""
    counts = count_statuses(evaluation.result(i).status for i in indicator_ids)
    n = len(indicator_ids)
    shown = ", ".join(row.text for row in counts.rows)
    return f"{n} indicator{'s' if n != 1 else ''}" + (f": {shown}" if shown else "")


def group_frame(evaluation: Evaluation) -> pd.DataFrame:
    """One row a group: kind, name, and its indicators' statuses in words (:func:`status_words`)."""
    rows = [
        {"Group": g.kind, "Name": g.name, "Indicators by status": status_words(evaluation, g.indicator_ids)}
        for g in indicator_groups(evaluation)
    ]
    return pd.DataFrame(rows, columns=["Group", "Name", "Indicators by status"])


def group_summary(evaluation: Evaluation) -> ui.Html:
    """The paper's summary by theme and perspective: a table, or a sentence when the plan groups nothing."""
    frame = group_frame(evaluation)
    if frame.empty:
        return ui.paragraph("The plan groups its priorities in no themes or perspectives.")
    return ui.table(frame, f"Indicators by theme and perspective at {evaluation.period.name}")
