"""A recurring milestone's record in the paper: each cycle begun by the period end, when due and how it stands.

The record (:func:`compact_analysis.evaluation.milestones.cycle_records`) says of each past cycle whether it
was delivered on time, late or not at all, and of the current cycle its latest stage.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.milestones import STAGE_LABELS, CycleOutcome, CycleRecord
from compact_analysis.presentation import html as ui

#: The status class each outcome is shown in (the current cycle's stage has its own).
_OUTCOME_CODE = {CycleOutcome.ON_TIME: "delivered", CycleOutcome.LATE: "amber", CycleOutcome.OVERDUE: "overdue"}


def _row(record: CycleRecord) -> dict[str, str]:
    open_now = record.outcome == CycleOutcome.OPEN
    label = STAGE_LABELS.get(record.stage, record.stage) if open_now else str(record.outcome).capitalize()
    return {
        "Cycle": f"{record.cycle.start:%-d %b %Y} to {record.cycle.due:%-d %b %Y}",
        "Due": f"{record.cycle.due:%-d %B %Y}",
        "code": record.stage if open_now else _OUTCOME_CODE[record.outcome],
        "Outcome": label,
        "Delivery submitted": f"{record.delivered_on:%-d %B %Y}" if record.delivered_on else "–",
    }


def cycle_record_table(name: str, records: tuple[CycleRecord, ...]) -> ui.Html:
    """The table of a recurring milestone's cycles (empty HTML for any other indicator)."""
    if not records:
        return ui.Html("")
    frame = pd.DataFrame([_row(r) for r in records])
    return ui.table(frame, f"{name}: each cycle's deliverable", status_columns=("code", "Outcome"), nowrap=("Due",))
