"""A small training data set whose every aggregate is worked out by hand in the tests."""

from __future__ import annotations

import io

import pandas as pd

# fmonth: April = 1. Rows 6 and 7 fall outside 2009-10 up to Q2 and must be ignored.
RECORDS_CSV = """\
member_id,directorate,priority,funding_source,learner_id,start_date,minutes,cost_pence,status
M001,Alpha,P2,core-budget,1,2009-04-10,60,11500,completed
M001,Alpha,P2,skills-for-life-grant,1,2009-05-03,120,5000,enrolled
M001,Beta,P6,leadership-grant,2,2009-07-15,90,20000,completed
M002,Alpha,P3,apprenticeship-levy,3,2009-07-20,600,150000,completed
M002,Alpha,P2,leadership-grant,3,2009-09-30,30,2500,withdrawn
M002,Alpha,P3,core-budget,4,2009-10-01,60,9999,completed
M001,Alpha,P2,core-budget,1,2009-03-31,60,7777,completed
"""

BUDGETS_CSV = """\
member_id,directorate,priority,budget_pence
M001,Alpha,P2,30000
M001,Beta,P6,30000
M002,Alpha,P3,240000
"""


def small_records() -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(RECORDS_CSV), parse_dates=["start_date"])
    frame["start_date"] = frame["start_date"].dt.date
    return frame


def small_budgets() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(BUDGETS_CSV))


CREATE_TABLE = """
CREATE TABLE training_records (
    member_id VARCHAR(20), directorate VARCHAR(60), priority VARCHAR(10), funding_source VARCHAR(60),
    learner_id INTEGER, start_date DATE, minutes INTEGER, cost_pence BIGINT, status VARCHAR(20)
)
"""


#: The course category of each priority in the shipped training config (compact_analysis/data/training.yaml).
CATEGORY_OF = {"P2": "skills-for-life", "P3": "apprenticeship", "P6": "leadership-management"}
#: M002's name holds <, & and a quote, as members may type them: a paper must escape it.
MEMBERS_CSV = """\
member_id,name,sector,code,joined,left,deemed
M001,Marrowfield Primary Care Trust,health,,2008-04-01,,yes
M002,"Brackenridge & Dunmere ""Skills <Hub>"" Partnership",local authority,,2008-04-01,,yes
"""


#: The small folder's own variance minimum: £100. Its lines are a few hundred pounds, so the shipped £5,000
#: would raise none; at £100, M001 Beta P6's variance (exactly £100) is raised and M002 Alpha P2's (£50) is not.
SMALL_MINIMUM_PENCE = 10_000


def small_config_text(minimum_pence: int = SMALL_MINIMUM_PENCE) -> str:
    """The shipped training config with ``budget_variance_minimum`` set to ``minimum_pence`` (as pounds)."""
    import re

    from compact_analysis.training.config import DEFAULT_CONFIG

    shipped = DEFAULT_CONFIG.read_text(encoding="utf-8")
    pounds = f"{minimum_pence // 100}.{minimum_pence % 100:02d}"
    changed, count = re.subn(r"(?m)^budget_variance_minimum: .*$", f"budget_variance_minimum: {pounds}", shipped)
    assert count == 1, "the shipped config should set budget_variance_minimum once"
    return changed


def write_small_training_folder(folder) -> None:
    """The seven records and three budget lines above as a member would send them, with a member register.

    ``<folder>/training/records.csv`` (hours and pounds as text, a pseudonymous key per learner),
    ``<folder>/training/budgets.csv`` (pounds, year 2009-10), ``<folder>/training/config.yaml`` (the
    shipped config with a £100 variance minimum, :data:`SMALL_MINIMUM_PENCE`) and ``<folder>/members.csv``.
    """
    from pathlib import Path

    folder = Path(folder)
    (folder / "training").mkdir(parents=True, exist_ok=True)
    (folder / "training" / "config.yaml").write_text(small_config_text(), encoding="utf-8")
    records = small_records()
    submitted = pd.DataFrame(
        {
            "member_id": records["member_id"],
            "directorate": records["directorate"],
            "learner_key": [f"LK-test-{n}" for n in records["learner_id"]],
            "course": "Course",
            "category": records["priority"].map(CATEGORY_OF),
            "start_date": records["start_date"].astype(str),
            "end_date": records["start_date"].astype(str),
            "hours": [f"{m / 60:.2f}" for m in records["minutes"]],  # 60 -> 1.00, 90 -> 1.50, 30 -> 0.50
            "cost": [f"{p // 100}.{p % 100:02d}" for p in records["cost_pence"]],
            "funding_source": records["funding_source"],
            "status": records["status"],
        }
    )
    submitted.to_csv(folder / "training" / "records.csv", index=False)
    budgets = small_budgets()
    pd.DataFrame(
        {
            "member_id": budgets["member_id"],
            "directorate": budgets["directorate"],
            "priority": budgets["priority"],
            "year": "2009-10",
            "budget": [f"{p // 100}.{p % 100:02d}" for p in budgets["budget_pence"]],
        }
    ).to_csv(folder / "training" / "budgets.csv", index=False)
    (folder / "members.csv").write_text(MEMBERS_CSV, encoding="utf-8")
