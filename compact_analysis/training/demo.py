"""Synthetic training records and budgets at any size from a seed (fictional organisations only).

Seed 001: "All training will be recorded on a centralised system enabling greater
transparency and improved monitoring and reporting of training activity and
spend". The generator writes that record: one row per enrolment, with a
pseudonymous learner key, a course category, hours, cost and funding source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from compact_analysis.plan.periods import parse_period
from compact_analysis.training.config import TrainingConfig, load_training_config

DIRECTORATES = (
    "Adult Services",
    "Children and Families",
    "Place and Environment",
    "Corporate Resources",
    "Community Safety",
)
CATEGORY_WEIGHTS = {
    "leadership-management": 0.22,
    "skills-for-life": 0.20,
    "apprenticeship": 0.18,
    "skills-pledge": 0.14,
    "work-based-learning-14-19": 0.10,
    "employment-partnership": 0.09,
    "procurement-skills": 0.07,
}
CATEGORY_COST_POUNDS = {  # typical cost of one enrolment
    "leadership-management": 420,
    "skills-for-life": 90,
    "apprenticeship": 1500,
    "skills-pledge": 120,
    "work-based-learning-14-19": 60,
    "employment-partnership": 75,
    "procurement-skills": 260,
}
GRANT_FOR = {"apprenticeship": "apprenticeship-levy", "skills-for-life": "skills-for-life-grant"}
#: Relative course starts in each month of the financial year, April first: fewer in August (summer
#: holidays) and December (Christmas), a few more in the autumn and January-March terms. They sum to 12,
#: so the even monthly budget profile is right on average; the run-rate projection is 3.3% high at Q1
#: (3.1 months' activity in 3), 3.3% low at Q2 and Q3, and exact at Q4 (see :func:`training_frame`).
MONTH_WEIGHTS = (1.0, 1.05, 1.05, 0.95, 0.6, 1.15, 1.15, 1.1, 0.65, 1.1, 1.1, 1.1)
#: Share of the enrolments in other categories charged to the leadership grant (planted ring-fence misuse):
#: on average about 1% of that grant's spend (0.4% for seed 2009, whose 15 such enrolments hold few
#: £1,500 apprenticeships). It was 1 in 100, which put about 8% of the grant's spend elsewhere.
MISUSE_SHARE = 0.001
STATUSES = ("completed", "enrolled", "withdrawn")
RECORD_COLUMNS = (
    "member_id", "directorate", "learner_key", "course", "category", "start_date", "end_date",
    "hours", "cost", "funding_source", "status",
)  # fmt: skip


@dataclass(frozen=True)
class TrainingDemo:
    """Where the generated files went and how many records."""

    records_file: Path
    budgets_file: Path
    records: int


def training_frame(
    seed: int, rows: int, members: int = 50, year: str = "2009-10", config: TrainingConfig | None = None
) -> pd.DataFrame:
    """Training records in the ingested form: integer learner surrogate, minutes and pence as integers.

    Each learner belongs to one member and directorate. Courses start through the year on the mild
    seasonal profile :data:`MONTH_WEIGHTS`, spread as a directorate training plan spreads them: a budget
    line's (member, directorate, priority) n enrolments, in random order, take one each of n equal slices
    of the year's profile, at a random point within the slice. So a line's activity to date tracks its
    plan to within a course, and the date within a slice, the course and its cost are random. About 1 in
    1,000 enrolments outside leadership and management are charged to the leadership grant
    (:data:`MISUSE_SHARE`), on average about 1% of that grant's spend, so ring-fence misuse appears.
    """
    config = config or load_training_config()
    rng = np.random.default_rng(seed)
    start_of_year = parse_period(year).start()
    learners = max(rows // 3, members * len(DIRECTORATES))
    learner = rng.integers(0, learners, rows, dtype=np.int32)
    member = learner % members
    directorate = (learner // members) % len(DIRECTORATES)
    names = list(CATEGORY_WEIGHTS)
    category = rng.choice(len(names), rows, p=np.array(list(CATEGORY_WEIGHTS.values())))
    priority_names = sorted(set(config.categories[n] for n in names))
    priority_code = np.array([priority_names.index(config.categories[n]) for n in names])
    line = (member.astype(np.int64) * len(DIRECTORATES) + directorate) * len(priority_names) + priority_code[category]
    day = _planned_days(rng, line, start_of_year)
    duration = rng.integers(0, 30, rows, dtype=np.int32)
    minutes = rng.integers(1, 60, rows, dtype=np.int32) * 30
    base = np.array([CATEGORY_COST_POUNDS[n] for n in names], dtype=np.int64) * 100
    cost = (base[category] * rng.uniform(0.5, 1.5, rows)).astype(np.int64)
    sources = list(config.funding_sources)
    funding = np.full(rows, sources.index("core-budget"))
    grant_draw = rng.random(rows)
    for cat, grant in GRANT_FOR.items():
        funding[(category == names.index(cat)) & (grant_draw < 0.7)] = sources.index(grant)
    leadership = category == names.index("leadership-management")
    funding[leadership & (grant_draw < 0.4)] = sources.index("leadership-grant")
    funding[~leadership & (grant_draw > 1 - MISUSE_SHARE)] = sources.index("leadership-grant")  # misuse
    funding[grant_draw < 0.03] = sources.index("partner-contribution")
    status = rng.choice(3, rows, p=[0.72, 0.18, 0.10])
    epoch = np.datetime64(start_of_year, "D")
    return pd.DataFrame(
        {
            "member_id": pd.Categorical.from_codes(member, [f"M{i + 1:03d}" for i in range(members)]),
            "directorate": pd.Categorical.from_codes(directorate, list(DIRECTORATES)),
            "learner_id": learner,
            "category": pd.Categorical.from_codes(category, names),
            "priority": pd.Categorical.from_codes(priority_code[category], priority_names),
            "start_date": epoch + day,
            "end_date": epoch + day + duration,
            "minutes": minutes,
            "cost_pence": cost,
            "funding_source": pd.Categorical.from_codes(funding, sources),
            "status": pd.Categorical.from_codes(status, list(STATUSES)),
        }
    )


def _planned_days(rng: np.random.Generator, line: np.ndarray, start_of_year) -> np.ndarray:
    """Day of the year (0 = 1 April) of each course start, spread through each line's year as a plan would.

    Within each line (equal codes in ``line``) the records take a random order; the k-th of n falls at
    the quantile (k + u) / n of the seasonal profile, u uniform in [0, 1), and the quantile is turned
    into a day through :data:`MONTH_WEIGHTS` (even within a month, by the calendar's month lengths).
    """
    rows = len(line)
    order = np.lexsort((rng.random(rows), line))
    size = np.bincount(line)
    first = np.cumsum(size) - size
    rank = np.empty(rows, dtype=np.int64)
    rank[order] = np.arange(rows) - first[line[order]]
    quantile = (rank + rng.random(rows)) / size[line]
    weights = np.array(MONTH_WEIGHTS) / sum(MONTH_WEIGHTS)
    cdf = np.concatenate([[0.0], np.cumsum(weights)])
    month = np.clip(np.searchsorted(cdf, quantile, side="right") - 1, 0, 11)
    epoch = np.datetime64(start_of_year, "D")
    month_starts = (np.datetime64(start_of_year, "M") + np.arange(13)).astype("datetime64[D]") - epoch
    starts = month_starts.astype(np.int64)
    length = starts[month + 1] - starts[month]
    within = np.minimum(((quantile - cdf[month]) / weights[month] * length).astype(np.int64), length - 1)
    return (starts[month] + np.maximum(within, 0)).astype(np.int32)


#: Share of the demo's budget lines deliberately mis-budgeted (half over, half under) so genuine variances exist.
MISBUDGETED_SHARE = 0.05
#: How far a mis-budgeted line's budget is from its expected spend (a share, over or under).
MISBUDGET_RANGE = (0.15, 0.40)
#: The planning error of a line budgeted in the ordinary way: within this share of its expected spend.
PLANNING_ERROR = 0.05


def budgets_frame(records: pd.DataFrame, seed: int, year: str = "2009-10") -> pd.DataFrame:
    """A budget per member, directorate and priority, set as a council sets one, a few lines mis-budgeted.

    A line's budget is its expected annual spend times a planning error drawn evenly within ±5%
    (:data:`PLANNING_ERROR`). The demo has no previous year, so the line's realised spend over the whole
    year stands in for "last year's outturn, rolled forward": the directorate's plan costed its courses
    correctly to within 5%, and what is uncertain in the year is when they start. :data:`MISBUDGETED_SHARE`
    of the lines, picked at random, are instead budgeted 15-40% (:data:`MISBUDGET_RANGE`) above their
    expected spend (half of them) or below it (the other half). No quarter's spend is looked at, so no
    period's paper is favoured: at the year end an ordinary line is within about 5.5% of budget and only
    the mis-budgeted lines are more than 10% out; earlier, the run-rate projection adds timing noise.
    Budgets are rounded to three significant figures (£26,700, £4,810, £523; whole pounds below £100, at
    least £1), so rounding moves no line of £100 or more by more than 0.5%. Deterministic from ``seed``.
    """
    keys = ["member_id", "directorate", "priority"]
    year_spend = records.groupby(keys, observed=True)["cost_pence"].sum()
    rng = np.random.default_rng(seed + 1)
    lines = len(year_spend)
    factor = 1 + rng.uniform(-PLANNING_ERROR, PLANNING_ERROR, lines)  # budget ÷ expected spend
    wrong = rng.permutation(lines)[: min(lines, max(2, round(MISBUDGETED_SHARE * lines)))]
    over, under = wrong[: (len(wrong) + 1) // 2], wrong[(len(wrong) + 1) // 2 :]
    factor[over] = 1 + rng.uniform(*MISBUDGET_RANGE, len(over))
    factor[under] = 1 - rng.uniform(*MISBUDGET_RANGE, len(under))
    budget_pounds = np.maximum(year_spend.to_numpy() * factor / 100, 1)
    step = 10.0 ** np.maximum(np.floor(np.log10(budget_pounds)) - 2, 0)  # three significant figures
    budget_pounds = (np.round(budget_pounds / step) * step).astype(np.int64)
    out = year_spend.reset_index()[keys].astype(str)
    out.insert(3, "year", year)
    out["budget"] = [f"{b}.00" for b in budget_pounds]
    return out


def records_as_submitted(records: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The records as a member would send them: pseudonymous learner keys, hours and pounds as text."""
    key = (records["learner_id"].to_numpy().astype(np.uint64) * np.uint64(2654435761) + np.uint64(seed)) % np.uint64(
        2**32
    )
    pence = records["cost_pence"].to_numpy()
    return pd.DataFrame(
        {
            "member_id": records["member_id"].astype(str),
            "directorate": records["directorate"].astype(str),
            "learner_key": [f"LK-{k:08x}" for k in key],
            "course": records["category"].astype(str).str.replace("-", " ").str.capitalize() + " course",
            "category": records["category"].astype(str),
            "start_date": records["start_date"].dt.strftime("%Y-%m-%d"),
            "end_date": records["end_date"].dt.strftime("%Y-%m-%d"),
            "hours": [f"{m // 60}.{(m % 60) * 100 // 60:02d}" for m in records["minutes"].to_numpy()],
            "cost": [f"{p // 100}.{p % 100:02d}" for p in pence],
            "funding_source": records["funding_source"].astype(str),
            "status": records["status"].astype(str),
        }
    )


def generate_training_demo(
    folder: str | Path, seed: int = 2009, rows: int = 20_000, members: int = 50, year: str = "2009-10"
) -> TrainingDemo:
    """Write ``training/records.csv`` (``rows`` good rows plus three planted bad ones) and ``training/budgets.csv``."""
    folder = Path(folder) / "training"
    folder.mkdir(parents=True, exist_ok=True)
    records = training_frame(seed, rows, members, year)
    records_file, budgets_file = folder / "records.csv", folder / "budgets.csv"
    submitted = records_as_submitted(records, seed)
    planted = submitted.iloc[:3].copy()  # three malformed rows, so the quarantine shows in the demo
    planted["cost"] = ["twelve pounds", planted["cost"].iloc[1], planted["cost"].iloc[2]]
    planted["category"] = [planted["category"].iloc[0], "knitting", planted["category"].iloc[2]]
    planted["end_date"] = [planted["end_date"].iloc[0], planted["end_date"].iloc[1], "2009-01-01"]
    pd.concat([submitted, planted], ignore_index=True).to_csv(records_file, index=False)
    budgets_frame(records, seed, year).to_csv(budgets_file, index=False)
    return TrainingDemo(records_file, budgets_file, rows)


def write_training_parquet(
    path: str | Path, seed: int, rows: int, members: int = 50, chunk: int = 1_000_000, year: str = "2009-10"
) -> Path:
    """Write ``rows`` ingested-form records to one Parquet file, a chunk at a time (bounded memory)."""
    import pyarrow as pa  # heavy optional dependency: only the 10-million-row benchmark writes Parquet
    import pyarrow.parquet as pq

    path = Path(path)
    writer = None
    try:
        for number, first in enumerate(range(0, rows, chunk)):
            frame = training_frame(seed + number, min(chunk, rows - first), members, year)
            table = pa.Table.from_pandas(frame, preserve_index=False)
            for column in ("start_date", "end_date"):
                table = table.set_column(
                    table.schema.get_field_index(column),
                    column,
                    table[column].cast(pa.timestamp("s")).cast(pa.date32()),
                )
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return path
