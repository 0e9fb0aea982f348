"""The training monitor's exceptions for the register: material budget variance and ring-fence misuse.

Seed 001: budgets are monitored against the directorate training plans, and "Grant funding will be
ring fenced". Each budget line beyond the config's thresholds, and each ring-fenced grant spent on a
priority it is not for, becomes one record, its detail stated in words for the register.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from compact_analysis.evaluation.exception_rules import ExceptionKind
from compact_analysis.plan.periods import Period
from compact_analysis.presentation.money import money
from compact_analysis.training.config import variance_rule_text

EXCEPTION_COLUMNS = ["kind", "member", "directorate", "priority", "period", "detail"]


def training_exceptions(
    variance: pd.DataFrame, fenced: pd.DataFrame, period: str | Period, tolerance: Fraction, minimum_pence: int = 0
) -> pd.DataFrame:
    """Exception records for the register: material budget variance and ring-fence misuse.

    Columns: kind, member, directorate, priority, period, detail. A variance's detail states the rule in
    words, e.g. "... (variance £6,000.00; more than 10% and at least £5,000 from budget)".
    """
    name = period if isinstance(period, str) else period.name
    rule = variance_rule_text(tolerance, minimum_pence)
    over = variance[variance["beyond_tolerance"]]
    budget_rows = pd.DataFrame(
        {
            "kind": ExceptionKind.BUDGET_VARIANCE,
            "member": over["member_id"],
            "directorate": over["directorate"],
            "priority": over["priority"],
            "period": name,
            "detail": [
                f"projected outturn {money(o)} against budget {money(b)} (variance {money(o - b)}; {rule} from budget)"
                for o, b in zip(over["projected_outturn_pence"], over["budget_pence"], strict=True)
            ],
        }
    )
    misuse = fenced[fenced["outside_purpose"]]
    misuse_rows = pd.DataFrame(
        {
            "kind": ExceptionKind.RING_FENCE_MISUSE,
            "member": misuse["member_id"],
            "directorate": misuse["directorate"],
            "priority": misuse["priority"],
            "period": name,
            "detail": [
                f"{money(p)} of {s} (for {u}) spent on {pr}"
                for p, s, u, pr in zip(
                    misuse["spend_pence"], misuse["funding_source"], misuse["purpose"], misuse["priority"], strict=True
                )
            ],
        }
    )
    return pd.concat([budget_rows, misuse_rows], ignore_index=True)[EXCEPTION_COLUMNS]
