"""Synthetic finance returns for a demo whose framework has financial-monitoring plans (seed 002's Capital
and Revenue), written by hand rather than drawn, so the finance table's figures can be checked by hand.

The partnership returns its spend in each period of the plan's cadence (``returns/finance-<year>.csv``),
submitted ten days after the period ends. The demo's other returns are drawn as before: the main demo
loop leaves the partnership's money measures to this module (:func:`is_demo_money`), so no random draw
moves and no existing figure changes.
"""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

from compact_analysis.evidence.columns import TIDY_COLUMNS
from compact_analysis.evidence.demo_actions import write_demo_actions
from compact_analysis.plan.periods import periods_of_year

#: Spend in whole pounds per period, in order, for a plan's cadence (illustrative, fictional).
DEMO_SPEND = {
    "quarterly": [300_000, 450_000, 700_000, 1_150_000],
    "monthly": [2_900_000, 3_000_000, 3_100_000, 2_800_000, 2_950_000, 3_050_000,
                3_200_000, 3_150_000, 3_300_000, 2_900_000, 3_000_000, 3_400_000],
}  # fmt: skip


def is_demo_money(measure) -> bool:
    """A partnership measure in pounds: its demo returns come from here, not from the random loop."""
    return measure.reported_by == "partnership" and measure.unit == "pounds"


def write_demo_finance(folder: Path, framework) -> Path | None:
    """Write the partnership's spend returns for the framework's budgeted plans (None when it has none)."""
    year = framework.years[0]
    rows = []
    for plan in (p for p in framework.plans if p.spend is not None and p.cadence in DEMO_SPEND):
        for period, pounds in zip(periods_of_year(year, plan.cadence), DEMO_SPEND[plan.cadence], strict=True):
            submitted = period.end() + timedelta(days=10)
            rows.append(["PARTNERSHIP", plan.spend, period.name, f"{pounds}.00", "", submitted.isoformat(), ""])
    if not rows:
        return None
    path = Path(folder) / "returns" / f"finance-{year}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TIDY_COLUMNS)
        writer.writerows(rows)
    return path


def write_plan_demo(folder: Path, framework) -> list[Path]:
    """The demo's inputs for the framework's plans: action-progress returns (``actions/``, evidence/demo_actions.py)
    and spend returns; the return files written (the spend file, if any) are given back for the demo's list."""
    write_demo_actions(folder, framework)
    finance = write_demo_finance(folder, framework)
    return [finance] if finance else []
