"""A late delivery closes its cycle's ``milestone-overdue`` exception: a resolution derived from the evidence.

An overdue cycle of a recurring milestone raises an exception (:func:`.exception_rules.overdue_cycles`);
it stays open until a delivery for that cycle is recorded (issue #21). The delivery is evidence, not a
person's note: a return for a period of the cycle saying "delivered", submitted after the due date. Its
submitted date is the resolution's date, so the register (:func:`.derived_register.derive_register`)
shows the exception open in every paper before it and resolved from it, whatever order papers are rendered.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.derived_register import RESOLUTION_COLUMNS
from compact_analysis.evaluation.exception_rules import ExceptionKind
from compact_analysis.evaluation.milestones import CycleOutcome, cycle_records, cycle_subject
from compact_analysis.plan.framework import Framework


def has_recurring(framework: Framework) -> bool:
    """True when some indicator has a recurring-milestone target."""
    return any(t.kind == "recurring-milestone" for ind in framework.indicators for t in ind.targets)


def delivery_resolutions(
    framework: Framework, observations: pd.DataFrame, register: pd.DataFrame, as_at: date
) -> pd.DataFrame:
    """One resolution per cycle delivered late by ``as_at`` (rule key, no id, the delivery's date, a note)."""
    known = observations[observations["submitted"] <= as_at]
    ctx = EvaluationContext(framework, known, register)
    rows = []
    for indicator in framework.indicators:
        target = indicator.target_in_force(as_at)
        for record in cycle_records(ctx, indicator, target, as_at):
            if record.outcome == CycleOutcome.LATE:
                key = f"{ExceptionKind.MILESTONE_OVERDUE}:{cycle_subject(indicator.id, record.cycle.due)}"
                note = f"delivery recorded: {record.in_words()}"
                rows.append({"rule_key": key, "exception_id": None, "on_date": record.delivered_on, "note": note})
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)
