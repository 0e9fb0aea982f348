"""Synthetic training records and budgets at any size from a seed (fictional organisations only).

Seed 001: "All training will be recorded on a centralised system enabling greater
transparency and improved monitoring and reporting of training activity and
spend". The generator writes that record: one row per enrolment, with a
pseudonymous learner key, a course category, hours, cost and funding source.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from .periods import parse_period
from .training_aggregate import months_elapsed
from .training_config import TrainingConfig, load_training_config

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

    Each learner belongs to one member and directorate; about 1% of the leadership
    grant is spent on other categories so ring-fence misuse appears in the demo.
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
    # Activity rises through the year (a triangular profile), a little skew so the profile matters.
    day = np.minimum(rng.triangular(0, 250, 365, rows).astype(np.int32), 364)
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
    funding[~leadership & (grant_draw > 0.99)] = sources.index("leadership-grant")  # misuse
    funding[grant_draw < 0.03] = sources.index("partner-contribution")
    status = rng.choice(3, rows, p=[0.72, 0.18, 0.10])
    epoch = np.datetime64(start_of_year, "D")
    priority_names = sorted(set(config.categories[n] for n in names))
    priority_code = np.array([priority_names.index(config.categories[n]) for n in names])
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


#: Share of the demo's budget lines planted beyond the variance tolerance (half over budget, half under).
OUTLIER_SHARE = 0.05


def budgets_frame(
    records: pd.DataFrame,
    seed: int,
    year: str = "2009-10",
    reference: str | None = None,
    tolerance: Fraction | None = None,
) -> pd.DataFrame:
    """A budget per member, directorate and priority that the line's spend tracks, with a few planted outliers.

    The paper projects the outturn as the run-rate (spend to date ÷ months × 12), and a line has a dozen or
    so records, so a budget drawn from the whole year's spend would leave most lines beyond tolerance by
    chance alone. Here each line's budget is set so that its run-rate outturn at ``reference`` (default
    the year's Q3, the period the demo paper shows) is within half the tolerance of it, and
    :data:`OUTLIER_SHARE` of the lines, picked at random, are beyond it: half with an outturn 1.5 to 4
    tolerances over budget, half as far under. A line with no spend by ``reference`` is budgeted at its
    year's spend (and so shows as under budget). Budgets are rounded to three significant figures
    (£26,700, £4,810, £523; whole pounds below £100), so rounding moves no line of £100 or more by more
    than 0.5%. Deterministic from ``seed``.
    """
    tolerance = load_training_config().tolerance if tolerance is None else tolerance
    reference_period = parse_period(reference or f"{year}-Q3")
    months = months_elapsed(reference_period)
    keys = ["member_id", "directorate", "priority"]
    year_spend = records.groupby(keys, observed=True)["cost_pence"].sum()
    by_reference = records["start_date"] <= pd.Timestamp(reference_period.end())
    to_date = records[by_reference].groupby(keys, observed=True)["cost_pence"].sum()
    to_date = to_date.reindex(year_spend.index, fill_value=0).to_numpy()
    projected = np.where(to_date > 0, (2 * to_date * 12 + months) // (2 * months), year_spend.to_numpy())
    rng = np.random.default_rng(seed + 1)
    lines = len(year_spend)
    tol = float(tolerance)
    ratio = 1 + rng.uniform(-tol / 2, tol / 2, lines)  # projected outturn ÷ budget
    outliers = rng.permutation(lines)[: min(lines, max(2, round(OUTLIER_SHARE * lines)))]
    over, under = outliers[: (len(outliers) + 1) // 2], outliers[(len(outliers) + 1) // 2 :]
    ratio[over] = 1 + tol * rng.uniform(1.5, 4, len(over))
    ratio[under] = np.maximum(1 - tol * rng.uniform(1.5, 4, len(under)), 0.2)
    budget_pounds = np.maximum(projected / ratio / 100, 1)
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
    import pyarrow as pa
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
