"""Shared test helpers: the repository's paths and small hand-built data sets written inline as CSV.

Every test module that needs these imports them from here (never from another test module), so a
test file holds only tests and the data only it uses. Expected values built on these sets are worked
out by hand in the tests that use them.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation, default_as_at, evaluate_period
from compact_analysis.evidence.store import observations_as_at, open_store
from compact_analysis.folder import DataFolder
from compact_analysis.plan.members import load_register
from compact_analysis.plan.periods import parse_period

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "data" / "frameworks"
#: The project's own hostile corpus (tests/data/hostile/make_corpus.py writes it).
HOSTILE = ROOT / "tests" / "data" / "hostile"

OBS_HEADER = "member_id,measure_id,period,period_end,value,value_number,submitted\n"


def observations(text: str) -> pd.DataFrame:
    """Observations as ``observations_as_at`` returns them, from CSV rows (header optional)."""
    body = text.strip() + "\n"
    if not body.startswith("member_id"):
        body = OBS_HEADER + body
    frame = pd.read_csv(StringIO(body), dtype={"value": str, "comment": str})
    frame["value_number"] = pd.to_numeric(frame["value"], errors="coerce")
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    if "comment" not in frame:
        frame["comment"] = ""
    return frame


def register(*ids: str, joined: date = date(2008, 4, 1), left: dict[str, date] | None = None) -> pd.DataFrame:
    """A register of deemed members, all joined on ``joined``; ``left`` gives last days."""
    left = left or {}
    return pd.DataFrame(
        {
            "member_id": list(ids),
            "name": [f"Member {i}" for i in ids],
            "sector": "other",
            "code": "",
            "joined": joined,
            "left": [left.get(i) for i in ids],
            "deemed": True,
        }
    )


def csv_observations(text: str) -> pd.DataFrame:
    """Observations from CSV text with its header, as written: only the two date columns are converted
    (unlike :func:`observations`, no ``value_number`` is derived and no ``comment`` column added)."""
    frame = pd.read_csv(StringIO(text))
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def csv_register(text: str) -> pd.DataFrame:
    """A register from CSV text as a members file has it: a blank ``left`` is None, ``deemed`` is yes or no."""
    members = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    for column in ("joined", "left"):
        members[column] = pd.to_datetime(members[column].replace("", None)).dt.date
    members["deemed"] = members["deemed"] == "yes"
    return members


def evaluate_demo(ingested_demo, framework, period: str) -> Evaluation:
    """A period of the session's ingested demo (the ``ingested_demo`` fixture), evaluated from its store as
    at the period's default evidence date: the plain evaluation, no exceptions register and no overrides."""
    chosen = parse_period(period)
    as_at = default_as_at(framework, chosen)
    with open_store(ingested_demo.store, read_only=True) as con:
        observations = observations_as_at(con, as_at)
    return evaluate_period(framework, observations, load_register(ingested_demo.demo.members_file), chosen, as_at)


def evaluate_rows(framework, rows: str, members: pd.DataFrame, period: str, **options) -> Evaluation:
    """Evaluate hand-written return ``rows`` (see :func:`observations`) for ``period`` as at its default evidence date."""
    p = parse_period(period)
    return evaluate_period(framework, observations(rows), members, p, default_as_at(framework, p), **options)


# One hand-built set of returns per priority of seed 000 (rows for :func:`observations`), shared by the
# evaluation, narrative and slice tests.

# Baseline 30 June 2009 with the 45-day reporting lag: answers submitted by 14 August count.
P3_ROWS = """
A,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
B,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
C,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-12
D,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-12
E,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-20
F,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-08-01
H,apprenticeship-scheme,2009-10-Q2,2009-09-30,no,,2009-10-05
A,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-05
B,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-05
G,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-05
"""

P1_ROWS = """
C,pledge-level,2008-09-Q2,2008-09-30,committed,,2008-10-10
A,pledge-level,2009-10-Q1,2009-06-30,stage-3,,2009-07-10
B,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10
C,pledge-level,2009-10-Q1,2009-06-30,committed,,2009-07-10
D,pledge-level,2009-10-Q1,2009-06-30,not-committed,,2009-07-10
D,pledge-level,2009-10-Q2,2009-09-30,committed,,2009-10-10
E,pledge-level,2009-10-Q2,2009-09-30,stage-2,,2009-10-12
"""

P2_ROWS = """
A,sfl-test-event,2009-10-Q1,2009-06-30,yes,,2009-07-10
B,sfl-test-event,2009-10-Q1,2009-06-30,yes,,2009-07-10
C,sfl-test-event,2009-10-Q1,2009-06-30,no,,2009-07-10
C,sfl-test-event,2009-10-Q2,2009-09-30,yes,,2009-10-10
D,sfl-test-event,2009-10-Q2,2009-09-30,no,,2009-10-10
A,sfl-participants,2009-10-M03,2009-06-30,5,,2009-07-10
A,sfl-participants,2009-10-M04,2009-07-31,10,,2009-08-10
A,sfl-participants,2009-10-M05,2009-08-31,12,,2009-09-10
B,sfl-participants,2009-10-M06,2009-09-30,8,,2009-10-10
A,sfl-identified,2009-10-M04,2009-07-31,6,,2009-08-10
B,sfl-identified,2009-10-M06,2009-09-30,4,,2009-10-10
A,sfl-enrolled,2009-10-M05,2009-08-31,3,,2009-09-10
B,sfl-enrolled,2009-10-M06,2009-09-30,1,,2009-10-10
"""

P6_ROWS = """
PARTNERSHIP,coaching-paper,2009-10-Q1,2009-06-30,not-started,,2009-07-10
PARTNERSHIP,coaching-paper,2009-10-Q2,2009-09-30,in-progress,,2009-10-10
PARTNERSHIP,coaching-paper,2009-10-Q4,2010-03-31,delivered,,2010-04-10
"""

P7_ROWS = """
A,wbl-1419-commitment,2009-10-Q2,2009-09-30,yes,,2009-10-10
B,wbl-1419-commitment,2009-10-Q3,2009-12-31,yes,,2010-01-10
C,wbl-1419-commitment,2009-10-Q3,2009-12-31,no,,2010-01-10
"""


# Apprenticeship-scheme answers around the 30 June 2009 baseline (D corrects itself on 1 August, inside
# the 45-day window; E answers on 1 September, after it), for the baseline and evaluation tests.
BASELINE_ANSWERS = """member_id,measure_id,period,period_end,value,value_number,submitted
A,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
B,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
C,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-10
D,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-10
D,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-08-01
E,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-09-01
A,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
D,apprenticeship-scheme,2009-10-Q3,2009-12-31,yes,,2010-01-10
B,lep-agreement,2009-10-Q1,2009-06-30,no,,2009-07-10
"""


def baseline_answers() -> pd.DataFrame:
    """:data:`BASELINE_ANSWERS` as observations."""
    return csv_observations(BASELINE_ANSWERS)


def bare_register(*ids: str) -> pd.DataFrame:
    """Deemed members joined 1 January 2009, with only the columns the evaluation reads."""
    return pd.DataFrame(
        {"member_id": list(ids), "joined": [date(2009, 1, 1)] * len(ids), "left": [None] * len(ids),
         "deemed": [True] * len(ids)}
    )  # fmt: skip


# Four members in two sectors (D joins on 1 August 2009) with their pledge levels and two months of
# Skills for Life enrolments, for the scorecard and slice tests.
FOUR_MEMBERS = """member_id,name,sector,code,joined,left,deemed
A,Alpha College,education,,2008-04-01,,yes
B,Beta College,education,,2008-04-01,,yes
C,Gamma Council,local authority,,2008-04-01,,yes
D,Delta College,education,,2009-08-01,,yes
"""

FOUR_MEMBERS_RETURNS = """member_id,measure_id,period,period_end,value,value_number,submitted
A,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10
B,pledge-level,2009-10-Q1,2009-06-30,not-committed,,2009-07-10
C,pledge-level,2009-10-Q1,2009-06-30,committed,,2009-07-10
A,pledge-level,2009-10-Q2,2009-09-30,stage-3,,2009-10-10
A,sfl-enrolled,2009-10-M04,2009-07-31,4,4,2009-08-10
A,sfl-enrolled,2009-10-M05,2009-08-31,6,6,2009-09-10
"""


def four_members() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The register and observations of :data:`FOUR_MEMBERS` and :data:`FOUR_MEMBERS_RETURNS`."""
    return csv_register(FOUR_MEMBERS), csv_observations(FOUR_MEMBERS_RETURNS)


#: Maidstone Borough Council's published housing KPI figures (tests/data/real/maidstone/README.md).
MAIDSTONE = ROOT / "tests" / "data" / "real" / "maidstone"


def ingested_maidstone(folder: Path) -> DataFolder:
    """A copy of the Maidstone figures in ``folder``, ingested (as on 1 March 2024) against its framework."""
    shutil.copytree(MAIDSTONE, folder, dirs_exist_ok=True)
    data = DataFolder.open(folder, FRAMEWORKS / "maidstone-housing-2022-24.yaml")
    data.ingest(ingested_at=datetime(2024, 3, 1))
    return data


REAL = ROOT / "tests" / "data" / "real"


def ingested_real_folder(tmp: Path, name: str, framework_id: str):
    """A copy of ``tests/data/real/<name>`` (members, returns, any marker) ingested under ``framework_id``:
    a real published plan's data folder (issue #21 item 8), as a :class:`~compact_analysis.folder.DataFolder`."""
    folder = tmp / name
    shutil.copytree(REAL / name, folder)
    data = DataFolder.open(folder, FRAMEWORKS / f"{framework_id}.yaml")
    data.ingest()
    return data
