"""Synthetic demo data: a fictional partnership's register and returns, from a fixed seed.

Nothing here is real: organisation names are invented, and every report built
from these files says so on its first page. The generator plants the realities
of member returns (non-response, late returns, a correction, a member joining
and one leaving mid-year, malformed rows) and records what it planted, so tests
can check that ingest finds exactly those.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from compact_analysis.evidence.columns import TIDY_COLUMNS
from compact_analysis.evidence.demo_finance import is_demo_money, write_plan_demo
from compact_analysis.evidence.demo_messages import write_demo_messages
from compact_analysis.evidence.demo_outcomes import OUTCOME_MEASURES, outcome_rows
from compact_analysis.evidence.reasons import Reason
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import Period, periods_of_year

SYNTHETIC_MARKER = "SYNTHETIC"
#: A data folder holding this file is synthetic: every paper built from it says so on its first page.
SYNTHETIC_MARKER_FILE = "SYNTHETIC.txt"

_PLACES = [
    "Ashcombe",
    "Brackenridge",
    "Carrowby",
    "Dunmere",
    "Eldwick",
    "Fernhollow",
    "Greyholme",
    "Hartlow",
    "Ivelby",
    "Kestrel Vale",
    "Lowmoor",
    "Marrowfield",
    "Northwold",
    "Oakhythe",
    "Pellingford",
    "Quarrendon",
    "Ravensby",
    "Saltmere",
    "Thornbury Edge",
    "Underwold",
    "Varley",
    "Wexcombe",
    "Yarrowdale",
    "Zennor Fields",
]
# (sector, name pattern, how many); 50 deemed members in county-partnership proportions.
_MIX = [
    ("local authority", "{p} District Council", 8),
    ("local authority", "{p}shire County Council", 1),
    ("local authority", "City of {p} Council", 1),
    ("health", "{p} Primary Care Trust", 2),
    ("health", "{p} Hospitals NHS Trust", 3),
    ("health", "{p} Healthcare NHS Trust", 2),
    ("health", "{p} Ambulance Service", 1),
    ("police", "{p}shire Police", 1),
    ("fire", "{p} Fire and Rescue Service", 1),
    ("education", "{p} College", 7),
    ("education", "University of {p}", 1),
    ("central government agency", "{p} Jobcentre Plus District", 2),
    ("central government agency", "{p} Skills Funding Office", 2),
    ("central government agency", "{p} Probation Trust", 2),
    ("other", "{p} Housing Association", 8),
    ("other", "{p} Community Trust", 8),
]
# Seed 000, priorities 3 and 5: targets are a share of the members found lacking these at the baseline.
BASELINE_MEASURES = ("apprenticeship-scheme", "lep-agreement")
# A member whose name tests HTML escaping in every report.
# The name fits any sector: it replaces the seventh member's name whatever that member's sector is.
AWKWARD_NAME = 'Brackenridge & Dunmere "Skills <Hub>" Partnership'


@dataclass
class DemoResult:
    """What the generator wrote and planted."""

    folder: Path
    members_file: Path
    return_files: list[Path]
    planted_faults: list[tuple[str, int, str]] = field(default_factory=list)  # (file, row, code)
    never_return: list[str] = field(default_factory=list)
    joined_mid_year: str = ""
    left_mid_year: str = ""
    corrected: tuple[str, str, str] = ("", "", "")  # (member, measure, period)


def _members(rng: np.random.Generator, size: int, year_start: int) -> list[dict]:
    names: list[tuple[str, str]] = []
    places = list(_PLACES)
    for sector, pattern, count in _MIX:
        for _ in range(count):
            names.append((sector, pattern.format(p=places[len(names) % len(places)])))
    while len(names) < size:  # larger synthetic sets for benchmarks
        i = len(names)
        names.append(("other", f"{_PLACES[i % len(_PLACES)]} Partner Organisation {i // len(_PLACES) + 1}"))
    names = names[:size]
    order = rng.permutation(len(names))
    rows = []
    for n, i in enumerate(order, start=1):
        sector, name = names[i]
        rows.append(
            {
                "member_id": f"M{n:03d}",
                "name": name,
                "sector": sector,
                "code": "",
                "joined": f"{year_start - 1}-04-01",
                "left": "",
                "deemed": "yes",
            }
        )
    rows[min(6, size - 1)]["name"] = AWKWARD_NAME
    return rows


def generate_demo(
    folder: str | Path,
    framework: Framework,
    seed: int = 2009,
    members: int = 50,
    response_rate: float = 0.9,
    never_return: int = 3,
    adoption_rate: float = 0.06,
    baseline_response_rate: float = 0.8,
    late_rate: float = 0.05,
) -> DemoResult:
    """Write ``members.csv`` and ``returns/*.csv`` for the framework's first year.

    ``adoption_rate`` is the mean monthly chance that a member moves up a level
    or adopts a yes/no measure; each member draws its own rate around it.
    ``baseline_response_rate`` is the share answering the Q1 baseline questions
    (apprenticeship scheme, LEP agreement): seed 000 asks to "establish how many
    member organisations have not yet got" one, and some members never say.
    ``late_rate`` is the share of returns sent 60-120 days after the period end.
    ``members=5000`` makes a benchmark-sized set with the same realities.
    """
    rng = np.random.default_rng(seed)  # every draw below comes from it, in a fixed order
    folder = Path(folder)
    (folder / "returns").mkdir(parents=True, exist_ok=True)
    write_demo_messages(folder, framework)  # an example of messages/<period>.yaml, marked synthetic
    year = framework.years[0]
    register, joiner, leaver = _demo_register(rng, members, int(year[:4]), framework.organisation)
    result = DemoResult(
        folder, folder / "members.csv", [], joined_mid_year=joiner["member_id"], left_mid_year=leaver["member_id"]
    )
    with open(result.members_file, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(register[-1]))
        writer.writeheader()
        writer.writerows(register)
    silent = {register[i]["member_id"] for i in rng.choice(members, size=never_return, replace=False)}
    result.never_return = sorted(silent)
    rates = rng.beta(2, 2 / adoption_rate - 2, size=len(register))  # mean adoption_rate
    chances = _Chances(response_rate, baseline_response_rate, late_rate, tuple(periods_of_year(year, "monthly")))
    rows_by_period: dict[str, list[list[str]]] = {}
    for k, member in enumerate(register):
        for measure in framework.measures:
            if measure.id in OUTCOME_MEASURES or is_demo_money(measure):  # streams of their own (demo_outcomes.py,
                continue  # demo_finance.py)
            if (measure.reported_by == "partnership") != (member["member_id"] == "PARTNERSHIP"):
                continue
            rows = _member_rows(rng, framework, member, measure, rates[k], member["member_id"] in silent, chances)
            for quarter, row in rows:
                rows_by_period.setdefault(quarter, []).append(row)
    known = {m.id for m in framework.measures}
    quarters = periods_of_year(year, "quarterly") if known.issuperset(OUTCOME_MEASURES) else []
    outcomes = outcome_rows(seed, register, quarters, silent, response_rate)
    for period_name, rows in sorted(rows_by_period.items()):
        path = folder / "returns" / f"{period_name}.csv"
        _plant_faults(path.name, period_name, rows, rows_by_period, result)
        rows += outcomes.get(period_name, [])  # after the planted rows, so their row numbers stay as they were
        _write(path, list(TIDY_COLUMNS), rows)
        result.return_files.append(path)
    _write_correction(folder, year, rows_by_period, result)
    result.return_files += write_plan_demo(folder, framework)  # seed 002's action progress and spend, if planned
    return result


def _demo_register(rng: np.random.Generator, members: int, year_start: int, organisation: str):
    """The register: the members, one joining and one leaving mid-year, and the partnership itself last."""
    register = _members(rng, members, year_start)
    leaver = register[min(10, members - 1)]
    joiner = {
        "member_id": f"M{members + 1:03d}",
        "name": f"{_PLACES[members % len(_PLACES)]} Learning Partnership",
        "sector": "education",
        "code": "",
        "joined": f"{year_start}-11-01",
        "left": "",
        "deemed": "yes",
    }
    leaver["left"] = f"{year_start}-10-31"
    partnership = {
        "member_id": "PARTNERSHIP",
        "name": organisation,
        "sector": "other",
        "code": "",
        "joined": f"{year_start - 1}-04-01",
        "left": "",
        "deemed": "no",
    }
    return [*register, joiner, partnership], joiner, leaver


@dataclass(frozen=True)
class _Chances:
    """How often members answer, answer the baseline questions, and answer late; the months they answer for."""

    response: float
    baseline_response: float
    late: float
    months: tuple[Period, ...]


def _member_rows(rng, framework: Framework, member: dict, measure, rate: float, silent: bool, chances: _Chances):
    """One member's returns of one measure over the year, as (quarter name, row): levels move up at ``rate``."""
    is_partnership = measure.reported_by == "partnership"
    levels = framework.scale(measure.scale).levels if measure.type == "level" else ["no", "yes"]
    state = int(rng.random() < 0.25) if not is_partnership else 0
    if measure.type == "yes-no" and measure.id in BASELINE_MEASURES:
        state = int(rng.random() < 0.55)
    joined = date.fromisoformat(member["joined"])
    left = date.fromisoformat(member["left"]) if member["left"] else None
    rows = []
    for month in chances.months:
        end = month.end()
        if end < joined or (left and month.start() > left):
            continue
        if measure.type == "number":
            value = str(int(rng.poisson(6 if member["sector"] != "other" else 2)))
        else:
            if state < len(levels) - 1 and rng.random() < (0.25 if is_partnership else rate):
                state += 1
            value = levels[state]
        if measure.type != "number" and month.index % 3 != 0:
            continue  # levels and yes/no are returned quarterly
        baseline_question = measure.id in BASELINE_MEASURES and month.index == 3
        if silent or rng.random() > (chances.baseline_response if baseline_question else chances.response):
            continue
        lag = int(rng.integers(3, 45 if measure.type != "number" else 25))
        if rng.random() < chances.late:
            lag = int(rng.integers(60, 121))
        period = month if measure.type == "number" else _quarter_of(month)
        submitted = end + timedelta(days=lag)
        rows.append(
            (
                _quarter_of(month).name,
                [member["member_id"], measure.id, period.name, value, "", submitted.isoformat(), ""],
            )
        )
    return rows


def _plant_faults(file_name: str, period_name: str, rows: list, rows_by_period: dict, result: DemoResult) -> None:
    """Sort a quarter's rows; plant a formula-like comment in Q2 and malformed rows in Q3, recording each."""
    rows.sort(key=lambda r: (r[5], r[0], r[1], r[2]))
    if period_name.endswith("Q2"):
        rows[0][4] = '=HYPERLINK("http://example.invalid") <b>typed by a member</b>'
    if not period_name.endswith("Q3"):
        return
    day = rows[0][5]
    faults = [
        (["M999", "pledge-level", period_name, "committed", "", day, ""], Reason.UNKNOWN_MEMBER),
        (["M001", "pledge-level", period_name, "stage-4", "", day, ""], Reason.LEVEL_NOT_ON_SCALE),
        (["M002", "sfl-enrolled", period_name[:-2] + "M08", "lots", "", day, ""], Reason.TYPE_ERROR),
        (["M003", "pledge-level", period_name[:-1] + "5", "committed", "", day, ""], Reason.INVALID_PERIOD),
        (["M004", "sfl-test-event", period_name, "yes", "", "31/13/2009", ""], Reason.TYPE_ERROR),
    ]
    # A stage that goes backwards: a member at stage 2 or 3 in Q2 reports "not-committed" for Q3,
    # unflagged, a day after the file's last real row (so no same-day duplicate key).
    high = sorted(
        r[0]
        for r in rows_by_period.get(period_name[:-1] + "2", [])
        if r[1] == "pledge-level" and r[3] in ("stage-2", "stage-3")
    )
    if high:
        day_after = (date.fromisoformat(max(r[5] for r in rows)) + timedelta(days=1)).isoformat()
        faults.append(
            ([high[0], "pledge-level", period_name, "not-committed", "", day_after, ""], Reason.STAGE_BACKWARDS)
        )
    for fault, code in faults:
        rows.append(fault)
        result.planted_faults.append((file_name, len(rows) + 1, code))


def _write_correction(folder: Path, year: str, rows_by_period: dict, result: DemoResult) -> None:
    """One correction: a member's Q2 pledge level, re-submitted after the Q3 returns (a late signature)."""
    q2 = f"{year}-Q2"
    # Pick a member reported "not-committed" for Q2 and "committed" for Q3.
    q3_committed = {
        r[0] for r in rows_by_period.get(f"{year}-Q3", []) if r[1] == "pledge-level" and r[3] == "committed"
    }
    target = next(
        (
            r
            for r in rows_by_period.get(q2, [])
            if r[1] == "pledge-level" and r[3] == "not-committed" and r[0] in q3_committed
        ),
        None,
    )
    if target is None:
        return
    correction = [
        target[0],
        "pledge-level",
        q2,
        "committed",
        "Correction: commitment signed in September",
        (date.fromisoformat(target[5]) + timedelta(days=120)).isoformat(),
        "yes",
    ]
    path = folder / "returns" / f"{year}-corrections.csv"
    _write(path, list(TIDY_COLUMNS), [correction])
    result.return_files.append(path)
    result.corrected = (target[0], "pledge-level", q2)


def _quarter_of(month: Period) -> Period:
    return Period(month.year, "Q", (month.index - 1) // 3 + 1)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
