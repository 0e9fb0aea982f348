"""Training activity and spend, aggregated inside the database engine in one scan.

Seed 001, 3.3: "Regular reports will be produced to monitor training spend and
activity against the priorities in the training strategy and directorate
training plans." The period pack is one portable SQL statement (GROUPING SETS,
COUNT(DISTINCT), integer pence and minutes, no engine-specific functions) so
the same text runs on DuckDB, the embedded default, and on a server engine
such as PostgreSQL when a user outgrows one machine: pass any ``run(sql) ->
DataFrame``. Budget variance, outturn and ring-fence checks then work on the
small aggregated tables, vectorised, with exact integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import duckdb
import numpy as np
import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.budget import months_into_year, profile_to_date, projected_outturn
from compact_analysis.plan.periods import Period, parse_period
from compact_analysis.training.config import TrainingConfig
from compact_analysis.training.exception_rules import training_exceptions

DIMENSIONS = ("member_id", "directorate", "priority", "funding_source")
GROUP_COLUMNS = ("fmonth", "fquarter", *DIMENSIONS)
GRAINS = {"month": ("fmonth",), "quarter": ("fquarter",), "year-to-date": ()}
VIEWS = {
    "all": (),
    "member": ("member_id",),
    "directorate": ("member_id", "directorate"),
    "priority": ("priority",),
    "funding_source": ("funding_source",),
}
#: The finest year-to-date grouping: budgets (member, directorate, priority) and ring-fences (funding) come from it.
DETAIL = ("year-to-date", "detail", ("member_id", "directorate", "priority", "funding_source"))
MEASURES = ("enrolments", "completions", "learner_minutes", "unique_learners", "spend_pence")
PROJECTION_METHOD = (
    "Projected outturn = spend to date ÷ months elapsed × 12 (the run-rate of the year so far), "
    "rounded to the penny; the profile to date is the budget × months elapsed ÷ 12 (an even monthly profile)."
)

Runner = Callable[[str], pd.DataFrame]


def grouping_sets() -> list[tuple[str, str, tuple[str, ...]]]:
    """Every (grain, view, columns) the pack computes: 3 grains × 5 views, plus the year-to-date detail."""
    sets = [(g, v, (*gc, *vc)) for g, gc in GRAINS.items() for v, vc in VIEWS.items()]
    return [*sets, DETAIL]


def _grouping_id(columns: tuple[str, ...]) -> int:
    """The value SQL's GROUPING(fmonth, ..., funding_source) takes for a set: 1 bits for columns not grouped."""
    return _bits(GROUP_COLUMNS, columns)


def _period(period: str | Period) -> Period:
    chosen = parse_period(period) if isinstance(period, str) else period
    if chosen.cadence not in ("Y", "Q", "M"):
        raise ParameterError(f"{chosen.name}: the training pack is by month, quarter or year")
    return chosen


def months_elapsed(period: str | Period) -> int:
    """Months of the financial year up to the end of a period (April = 1, 2009-10-Q2 = 6)."""
    return months_into_year(_period(period).end())


#: The period pack's SQL; :func:`pack_sql` fills in the fragments (one place per name).
_PACK_TEMPLATE = """
WITH base AS MATERIALIZED (
    SELECT {encoded}, learner_id, minutes, cost_pence,
           CASE WHEN status = 'completed' THEN 1 ELSE 0 END AS completed,
           MOD(CAST(EXTRACT(MONTH FROM start_date) AS INTEGER) + 8, 12) + 1 AS fmonth
    FROM {source}
    WHERE start_date >= DATE '{start}' AND start_date <= DATE '{end}'
), monthly AS (
    SELECT fmonth, {dims}, COUNT(*) AS enrolments, SUM(completed) AS completions,
           SUM(minutes) AS learner_minutes, SUM(cost_pence) AS spend_pence
    FROM base GROUP BY fmonth, {dims}
), sums AS (
    SELECT GROUPING({group_columns}) AS grouping_id, GROUPING({dims}) AS view_id,
           {group_columns},
           SUM(enrolments) AS enrolments, SUM(completions) AS completions,
           SUM(learner_minutes) AS learner_minutes, SUM(spend_pence) AS spend_pence
    FROM (SELECT monthly.*, CASE WHEN fmonth <= 3 THEN 1 WHEN fmonth <= 6 THEN 2 WHEN fmonth <= 9 THEN 3 ELSE 4 END
                 AS fquarter FROM monthly) AS m
    GROUP BY GROUPING SETS (
        {sets}
    )
), directorate_masks AS (
    SELECT member_id, directorate, learner_id, {mask} AS mask FROM base GROUP BY member_id, directorate, learner_id
), learner_masks AS (
    SELECT GROUPING(member_id, directorate) * 4 + 3 AS view_id, member_id, directorate,
           {null_priority} AS priority, {null_funding_source} AS funding_source, learner_id, BIT_OR(mask) AS mask
    FROM directorate_masks
    GROUP BY GROUPING SETS ((member_id, directorate, learner_id), (member_id, learner_id), (learner_id))
    UNION ALL
    SELECT {priority_view}, {null_member_id}, {null_directorate}, priority,
           {null_funding_source}, learner_id, {mask}
    FROM base GROUP BY priority, learner_id
    UNION ALL
    SELECT {funding_view}, {null_member_id}, {null_directorate}, {null_priority},
           funding_source, learner_id, {mask}
    FROM base GROUP BY funding_source, learner_id
), counts AS (
    SELECT view_id, {dims}, {months}, {quarters}, COUNT(*) AS ytd
    FROM learner_masks GROUP BY view_id, {dims}
)
SELECT s.grouping_id, s.fmonth, s.fquarter, {decoded},
       CAST(s.enrolments AS BIGINT) AS enrolments, CAST(s.completions AS BIGINT) AS completions,
       CAST(s.learner_minutes AS BIGINT) AS learner_minutes,
       CAST(CASE WHEN s.fmonth IS NOT NULL THEN CASE s.fmonth {month_case} END
                 WHEN s.fquarter IS NOT NULL THEN CASE s.fquarter {quarter_case} END
                 ELSE c.ytd END AS BIGINT) AS unique_learners,
       CAST(s.spend_pence AS BIGINT) AS spend_pence
FROM sums s LEFT JOIN counts c ON s.view_id = c.view_id AND {same}
"""


def pack_sql(source: str, period: str | Period, codes: dict[str, list[str]] | None = None) -> str:
    """The SQL of the period pack, for records from the year start to the period end.

    ``codes`` gives, for a dimension with few values, its values in order: the records are read once
    into small integer codes (a CASE of string literals, standard SQL) and every grouping hashes integers,
    which measured 2-4 times faster than hashing the text; the small result is decoded at the end.

    ``source`` is a table name or a table expression (``read_parquet('x.parquet')``).
    Standard SQL only (GROUPING SETS, BIT_OR, CASE, MATERIALIZED CTEs), so DuckDB and
    PostgreSQL give identical integers. The records are read once (the needed columns,
    coded) into ``base``; sums come from one grouping by month and cell, rolled up by
    GROUPING SETS on that small result. Distinct learners are the costly part: rather
    than one COUNT(DISTINCT) per grouping set (16 hash tables over every record,
    measured 70 s on 10 million rows here), each learner's months are kept as a 12-bit
    mask per (member, directorate), per priority and per funding source; member and
    whole-partnership views OR those masks together, and a month, quarter or year
    count is the number of masks with a bit in it. The year-to-date detail view
    (member × directorate × priority × funding source, used for budgets and
    ring-fences) carries no learner count (NULL).
    """
    chosen = _period(period)
    start, end = parse_period(chosen.year_name).start(), chosen.end()
    codes = codes or {}
    encoded = ", ".join(_encode(d, codes.get(d)) for d in DIMENSIONS)
    null = {d: f"CAST(NULL AS {'INTEGER' if d in codes else 'VARCHAR'})" for d in DIMENSIONS}
    decoded = ", ".join(_decode(f"s.{d}", d, codes.get(d)) for d in DIMENSIONS)
    dims = ", ".join(DIMENSIONS)
    sets = ",\n        ".join("(" + ", ".join(columns) + ")" for _, _, columns in grouping_sets())
    months = ", ".join(
        f"SUM(CASE WHEN (mask & {1 << (m - 1)}) <> 0 THEN 1 ELSE 0 END) AS m{m:02d}" for m in range(1, 13)
    )
    quarters = ", ".join(
        f"SUM(CASE WHEN (mask & {7 << (3 * (q - 1))}) <> 0 THEN 1 ELSE 0 END) AS q{q}" for q in range(1, 5)
    )
    month_case = " ".join(f"WHEN {m} THEN c.m{m:02d}" for m in range(1, 13))
    quarter_case = " ".join(f"WHEN {q} THEN c.q{q}" for q in range(1, 5))
    same = " AND ".join(f"s.{d} IS NOT DISTINCT FROM c.{d}" for d in DIMENSIONS)
    return _PACK_TEMPLATE.format(
        source=source,
        start=start.isoformat(),
        end=end.isoformat(),
        encoded=encoded,
        decoded=decoded,
        dims=dims,
        sets=sets,
        months=months,
        quarters=quarters,
        month_case=month_case,
        quarter_case=quarter_case,
        same=same,
        mask="BIT_OR(CAST(1 AS INTEGER) << (fmonth - 1))",
        group_columns=", ".join(GROUP_COLUMNS),
        priority_view=_bits(DIMENSIONS, ("priority",)),
        funding_view=_bits(DIMENSIONS, ("funding_source",)),
        **{f"null_{d}": null[d] for d in DIMENSIONS},
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _encode(column: str, values: list[str] | None) -> str:
    """The column as read, or its position in ``values`` (0, 1, ...) as an integer code."""
    if values is None:
        return column
    cases = " ".join(f"WHEN {_literal(v)} THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {cases} END AS {column}"


def _decode(expression: str, column: str, values: list[str] | None) -> str:
    """The text of a coded column back from its integer code (the result is small)."""
    if values is None:
        return f"{expression} AS {column}"
    cases = " ".join(f"WHEN {i} THEN {_literal(v)}" for i, v in enumerate(values))
    return f"CASE {expression} {cases} END AS {column}"


#: A dimension with at most this many values is coded as integers (a CASE longer than this costs more than it saves).
MAX_CODED_VALUES = 64


def dimension_codes(run: Runner, source: str, period: str | Period) -> dict[str, list[str]]:
    """The values of each low-cardinality dimension in the period's records, sorted, for :func:`pack_sql`."""
    chosen = _period(period)
    start, end = parse_period(chosen.year_name).start(), chosen.end()
    selects = " UNION ALL ".join(
        f"SELECT DISTINCT '{d}' AS dimension, CAST({d} AS VARCHAR) AS value FROM {source} "
        f"WHERE start_date >= DATE '{start.isoformat()}' AND start_date <= DATE '{end.isoformat()}' "
        f"AND {d} IS NOT NULL"
        for d in DIMENSIONS
    )
    found = run(selects)
    codes = {}
    for dimension, values in found.groupby("dimension"):
        if len(values) <= MAX_CODED_VALUES:
            codes[dimension] = sorted(values["value"].astype(str))
    return codes


def _bits(columns: tuple[str, ...], grouped: tuple[str, ...]) -> int:
    """SQL GROUPING(columns...) for a set that groups by ``grouped``: a 1 bit for each column not grouped."""
    return sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in grouped)


def duckdb_runner(con: duckdb.DuckDBPyConnection) -> Runner:
    """Run SQL on a DuckDB connection and return a DataFrame."""
    return lambda sql: con.execute(sql).df()


def period_pack(run: Runner, source: str, period: str | Period) -> pd.DataFrame:
    """Activity and spend by grain (month, quarter, year-to-date) and view (all, member, directorate, ...).

    Tidy rows: grain, period, view, member_id, directorate, priority, funding_source, then the
    measures as exact integers (spend in pence, learner time in minutes), sorted for comparison.
    """
    chosen = _period(period)
    raw = run(pack_sql(source, chosen, dimension_codes(run, source, chosen)))
    names = {_grouping_id(columns): (grain, view) for grain, view, columns in grouping_sets()}
    raw["grouping_id"] = raw["grouping_id"].astype("int64")
    raw["grain"] = raw["grouping_id"].map(lambda g: names[g][0])
    raw["view"] = raw["grouping_id"].map(lambda g: names[g][1])
    year = chosen.year_name
    month = pd.to_numeric(raw["fmonth"], errors="coerce")
    quarter = pd.to_numeric(raw["fquarter"], errors="coerce")
    raw["period"] = np.select(
        [raw["grain"] == "month", raw["grain"] == "quarter"],
        [
            year + "-M" + month.fillna(0).astype(int).map("{:02d}".format),
            year + "-Q" + quarter.fillna(0).astype(int).astype(str),
        ],
        default=chosen.name,
    )
    out = raw[["grain", "period", "view", *DIMENSIONS, *MEASURES]].copy()
    for column in MEASURES:
        out[column] = pd.to_numeric(out[column]).astype("Int64" if column == "unique_learners" else "int64")
    for column in DIMENSIONS:
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values(["grain", "view", "period", *DIMENSIONS], na_position="first").reset_index(drop=True)


def view(pack: pd.DataFrame, grain: str, name: str) -> pd.DataFrame:
    """One grain and view of the pack, with only the columns that view groups by."""
    columns = dict((v, c) for v, c in VIEWS.items()) | {"detail": DETAIL[2]}
    rows = pack[(pack["grain"] == grain) & (pack["view"] == name)]
    return rows[["period", *columns[name], *MEASURES]].reset_index(drop=True)


def budget_variance(
    pack: pd.DataFrame,
    budgets: pd.DataFrame,
    period: str | Period,
    tolerance: Fraction,
    minimum_pence: int = 0,
) -> pd.DataFrame:
    """Spend to date against budget per member, directorate and priority, with a projected outturn.

    Seed 001: "monitor training spend and activity against the priorities in the
    training strategy and directorate training plans". Method: :data:`PROJECTION_METHOD`.
    ``beyond_percentage`` marks |outturn − budget| > tolerance × budget alone; ``beyond_tolerance`` marks a
    material variance, exactly in integer pence: |outturn − budget| >
    tolerance × budget **and** |outturn − budget| ≥ ``minimum_pence`` (0, the default, leaves the
    percentage alone, as before the minimum existed; the shipped config sets £5,000). Both tests are
    needed because a line with a dozen courses a year moves by more than 10% on one course: the
    percentage alone flags noise on small lines, the amount alone ignores proportion on large ones.
    """
    if int(minimum_pence) != minimum_pence or minimum_pence < 0:
        raise ParameterError(f"budget variance minimum must be whole, non-negative pence, not {minimum_pence!r}")
    months = months_elapsed(period)
    keys = ["member_id", "directorate", "priority"]
    spend = view(pack, "year-to-date", "detail").groupby(keys, as_index=False)["spend_pence"].sum()
    frame = budgets[[*keys, "budget_pence"]].merge(spend, on=keys, how="outer")
    frame["budget_pence"] = frame["budget_pence"].fillna(0).astype("int64")
    frame["spend_pence"] = frame["spend_pence"].fillna(0).astype("int64")
    frame["profile_to_date_pence"] = profile_to_date(frame["budget_pence"], months)  # evaluation/budget.py
    frame["variance_to_date_pence"] = frame["spend_pence"] - frame["profile_to_date_pence"]
    frame["projected_outturn_pence"] = projected_outturn(frame["spend_pence"], months)
    frame["outturn_variance_pence"] = frame["projected_outturn_pence"] - frame["budget_pence"]
    distance = frame["outturn_variance_pence"].abs()
    frame["beyond_percentage"] = distance * tolerance.denominator > frame["budget_pence"] * tolerance.numerator
    frame["beyond_tolerance"] = frame["beyond_percentage"] & (distance >= int(minimum_pence))
    return frame.sort_values(keys).reset_index(drop=True)


def cumulative_spend(pack: pd.DataFrame, budgets: pd.DataFrame, period: str | Period) -> pd.DataFrame:
    """Spend by month and priority, cumulative through the year, against an even monthly budget profile."""
    chosen = _period(period)
    months = months_elapsed(chosen)
    monthly = view(pack, "month", "priority")
    annual = budgets.groupby("priority")["budget_pence"].sum()
    priorities = sorted(set(monthly["priority"]) | set(annual.index))
    grid = pd.MultiIndex.from_product(
        [[f"{chosen.year_name}-M{m:02d}" for m in range(1, months + 1)], priorities], names=["period", "priority"]
    ).to_frame(index=False)
    frame = grid.merge(monthly[["period", "priority", "spend_pence"]], on=["period", "priority"], how="left")
    frame["spend_pence"] = frame["spend_pence"].fillna(0).astype("int64")
    frame["cumulative_pence"] = frame.groupby("priority")["spend_pence"].cumsum()
    month_number = frame["period"].str[-2:].astype(int)
    budget = frame["priority"].map(annual).fillna(0).astype("int64")
    frame["profile_pence"] = profile_to_date(budget, month_number)
    return frame


def ring_fenced_spend(pack: pd.DataFrame, config: TrainingConfig) -> pd.DataFrame:
    """Year-to-date spend from ring-fenced grants by member, directorate, source and priority.

    Seed 001: "Grant funding will be ring fenced". ``outside_purpose`` flags spend
    on a priority the grant is not for.
    """
    detail = view(pack, "year-to-date", "detail")
    fenced = {name: purposes for name, (ring, purposes) in config.funding_sources.items() if ring}
    rows = detail[detail["funding_source"].isin(fenced)].copy()
    rows["purpose"] = rows["funding_source"].map(lambda s: ", ".join(fenced[s]))
    allowed = pd.Series(
        [p in fenced[s] for s, p in zip(rows["funding_source"], rows["priority"], strict=True)], dtype=bool
    )
    rows["outside_purpose"] = ~allowed.to_numpy()
    columns = ["member_id", "directorate", "funding_source", "purpose", "priority", "enrolments", "spend_pence"]
    return rows[[*columns, "outside_purpose"]].sort_values(columns[:5]).reset_index(drop=True)


@dataclass(frozen=True)
class TrainingPack:
    """Everything a period's training paper shows, as small tables."""

    period: str
    activity: pd.DataFrame
    variance: pd.DataFrame
    cumulative: pd.DataFrame
    ring_fenced: pd.DataFrame
    exceptions: pd.DataFrame


def training_pack(
    run: Runner, source: str, budgets: pd.DataFrame, period: str | Period, config: TrainingConfig
) -> TrainingPack:
    """The full period pack: one engine scan, then variance, outturn, cumulative spend, ring-fences, exceptions."""
    chosen = _period(period)
    activity = period_pack(run, source, chosen)
    minimum = config.budget_variance_minimum_pence
    variance = budget_variance(activity, budgets, chosen, config.tolerance, minimum)
    fenced = ring_fenced_spend(activity, config)
    return TrainingPack(
        chosen.name,
        activity,
        variance,
        cumulative_spend(activity, budgets, chosen),
        fenced,
        training_exceptions(variance, fenced, chosen, config.tolerance, minimum),
    )
