"""Synthetic action-progress returns for a demo data folder whose framework has plans with actions.

The LEA demo (``init-demo --framework lea-performance-2004-05``) gets ``actions/progress-2004-05.csv``:
fictional returns written by hand, not drawn at random, so each state of seed 002's action tracking
appears once and the by-exception paper has something to show and something to leave out:

* done on time (CS-1, BVA-1, BP-1), done late (EDP-1), in progress (BP-2),
* no progress: EDP-2 reported ``not-started`` after its start,
* overdue: BP-3 has no return at all and is due 30 November 2004.

Other frameworks' actions (none ship yet) get no returns: every started one then reads "no progress".
"""

from __future__ import annotations

import csv
from pathlib import Path

from compact_analysis.evidence.action_store import ACTIONS_FOLDER
from compact_analysis.plan.plans_model import PROGRESS_COLUMNS

#: (action id, reported on, status, done on, note, reported by), for the LEA framework's actions.
LEA_PROGRESS = [
    (
        "BVA-1",
        "2004-06-30",
        "in-progress",
        "",
        "calls running in 40 of 62 primary schools",
        "Education Welfare Service",
    ),
    (
        "BVA-1",
        "2004-09-28",
        "done",
        "2004-09-24",
        "all primary schools calling on the first day",
        "Education Welfare Service",
    ),
    ("BP-2", "2004-06-30", "in-progress", "", "first centre's places advertised", "Early Years and Childcare"),
    ("BP-1", "2004-10-01", "in-progress", "", "sweeps done in four of ten schools", "Education Welfare Service"),
    ("EDP-1", "2004-09-20", "in-progress", "", "plans agreed with two of four schools", "School Improvement Service"),
    ("EDP-2", "2004-10-01", "not-started", "", "consultant post vacant", "School Improvement Service"),
    (
        "CS-1",
        "2004-10-20",
        "done",
        "2004-10-15",
        "targets agreed at the partnership board",
        "Head of Lifelong Learning",
    ),
    ("EDP-1", "2004-11-15", "done", "2004-11-12", "last plan agreed three weeks late", "School Improvement Service"),
    ("BP-1", "2004-12-15", "done", "2004-12-10", "", "Education Welfare Service"),
    ("BP-2", "2005-01-20", "in-progress", "", "second centre opens in February", "Early Years and Childcare"),
]


def write_demo_actions(folder: Path, framework) -> Path | None:
    """Write the demo's progress returns for the framework's actions (None when it has no actions)."""
    ids = {a.id for plan in framework.plans for a in plan.actions}
    rows = [row for row in LEA_PROGRESS if row[0] in ids]
    if not rows:
        return None
    path = Path(folder) / ACTIONS_FOLDER / f"progress-{framework.years[0]}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(PROGRESS_COLUMNS)
        writer.writerows(rows)
    return path
