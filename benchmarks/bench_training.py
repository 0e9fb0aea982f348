"""Benchmark: the full training period pack at 1, 10 and 100 million records: DuckDB (the package), polars, pandas.

Each engine runs in its own process, timed from reading the Parquet to all results in hand; peak memory is
the child's maximum resident set size reported by the operating system (wait4). At each size every engine's
results are checked identical to DuckDB's. DuckDB runs with a memory limit (4 GB by default) and a spill folder,
so the largest size spills to disk rather than failing; polars (lazy API, ``collect_all``) and idiomatic pandas
run up to 10 million records (pandas at 100 million would need about 15 GB).

Usage: python benchmarks/bench_training.py [--sizes 1000000,10000000,100000000] [--memory-limit 4GB]
       [--folder ~/.cache/compact-analysis/training-bench]
One command. The Parquet files are generated once into the folder (outside the repository; never in CI):
about 1 minute for 10 million records and 12 minutes for 100 million on a quiet 2-core machine, 9 GB of disk
in all; the runs then take about 3 minutes (1M and 10M: three engines each; 100M: DuckDB alone, about 1 minute).
Writes benchmarks/results/training.md, keeping its hand-written notes from "## What the figures say" on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact_analysis.training.aggregate import (  # noqa: E402
    DETAIL,
    DIMENSIONS,
    GRAINS,
    MEASURES,
    VIEWS,
    budget_variance,
    cumulative_spend,
    duckdb_runner,
    ring_fenced_spend,
    training_exceptions,
    training_pack,
)
from compact_analysis.training.config import load_training_config  # noqa: E402

PERIOD = "2009-10-M12"
NOTES_MARK = "## What the figures say"  # from here on, results/training.md is written by hand and kept
COLUMNS = [
    "member_id",
    "directorate",
    "priority",
    "funding_source",
    "learner_id",
    "start_date",
    "minutes",
    "cost_pence",
    "status",
]


def run_duckdb(parquet: str, budgets: pd.DataFrame) -> pd.DataFrame:
    """The package's pack; DuckDB's memory limit and spill folder from the environment the parent sets."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{os.environ.get('BENCH_MEMORY_LIMIT', '4GB')}'")
    if os.environ.get("BENCH_TEMP"):
        con.execute(f"SET temp_directory = '{os.environ['BENCH_TEMP']}'")
    con.execute("SET preserve_insertion_order = false")  # no ORDER is needed inside the pack; saves memory
    pack = training_pack(duckdb_runner(con), f"read_parquet('{parquet}')", budgets, PERIOD, load_training_config())
    return pack.activity, pack


def run_pandas(parquet: str, budgets: pd.DataFrame):
    """The same pack written the way a pandas user would: one groupby per grain and view, nunique for learners."""
    config = load_training_config()
    frame = pd.read_parquet(parquet, columns=COLUMNS)
    frame = frame[
        (frame["start_date"] >= pd.Timestamp("2009-04-01").date())
        & (frame["start_date"] <= pd.Timestamp("2010-03-31").date())
    ]
    month = pd.to_datetime(frame["start_date"]).dt.month
    frame = frame.assign(
        fmonth=(month + 8) % 12 + 1,
        completed=(frame["status"] == "completed").astype("int64"),
    )
    frame["fquarter"] = (frame["fmonth"] - 1) // 3 + 1
    parts = []
    sets = [(g, v, (*gc, *vc)) for g, gc in GRAINS.items() for v, vc in VIEWS.items()] + [DETAIL]
    for grain, view_name, columns in sets:
        keys = list(columns)
        if keys:
            learners = {} if view_name == "detail" else {"unique_learners": ("learner_id", "nunique")}
            grouped = (
                frame.groupby(keys, observed=True)
                .agg(
                    enrolments=("learner_id", "size"),
                    completions=("completed", "sum"),
                    learner_minutes=("minutes", "sum"),
                    **learners,
                    spend_pence=("cost_pence", "sum"),
                )
                .reset_index()
            )
            if view_name == "detail":  # the package gives no learner count for the detail view
                grouped["unique_learners"] = pd.NA
        else:
            grouped = pd.DataFrame(
                {
                    "enrolments": [len(frame)],
                    "completions": [frame["completed"].sum()],
                    "learner_minutes": [frame["minutes"].sum()],
                    "unique_learners": [frame["learner_id"].nunique()],
                    "spend_pence": [frame["cost_pence"].sum()],
                }
            )
        parts.append(labelled(grouped, grain, view_name))
    return finish(parts, budgets, config)


def finish(parts: list[pd.DataFrame], budgets: pd.DataFrame, config):
    """One table of every grain and view as the package gives it, then the budget, ring-fence and exception steps."""
    activity = pd.concat(parts, ignore_index=True)
    for column in DIMENSIONS:
        activity[column] = (
            activity[column].astype(object).where(activity[column].notna(), None) if column in activity else None
        )
    activity = activity[["grain", "period", "view", *DIMENSIONS, *MEASURES]]
    for column in MEASURES:
        activity[column] = pd.to_numeric(activity[column]).astype("Int64" if column == "unique_learners" else "int64")
    activity = activity.sort_values(["grain", "view", "period", *DIMENSIONS], na_position="first").reset_index(
        drop=True
    )
    variance = budget_variance(activity, budgets, PERIOD, config.tolerance)
    fenced = ring_fenced_spend(activity, config)
    cumulative_spend(activity, budgets, PERIOD)
    training_exceptions(variance, fenced, PERIOD, config.tolerance)
    return activity, None


def labelled(grouped: pd.DataFrame, grain: str, view_name: str) -> pd.DataFrame:
    """A grouping's rows with their grain, view and period label, as the package names them."""
    grouped["grain"], grouped["view"] = grain, view_name
    if grain == "month":
        grouped["period"] = "2009-10-M" + grouped["fmonth"].map("{:02d}".format)
    elif grain == "quarter":
        grouped["period"] = "2009-10-Q" + grouped["fquarter"].astype(str)
    else:
        grouped["period"] = PERIOD
    return grouped


def run_polars(parquet: str, budgets: pd.DataFrame):
    """The same pack in polars' lazy API: one scan, every grouping planned together and collected at once.

    ``collect_all`` lets polars share the scan and filter between the 16 groupings (common subplan
    elimination); unique learners are ``n_unique``; the small results go to pandas for the shared last steps.
    """
    import polars as pl

    config = load_training_config()
    records = (
        pl.scan_parquet(parquet)
        .select(COLUMNS)
        .filter(pl.col("start_date").is_between(pl.date(2009, 4, 1), pl.date(2010, 3, 31)))
        .with_columns(
            fmonth=((pl.col("start_date").dt.month().cast(pl.Int64) + 8) % 12 + 1),
            completed=(pl.col("status") == "completed").cast(pl.Int64),
        )
        .with_columns(fquarter=(pl.col("fmonth") - 1) // 3 + 1)
    )
    sums = [
        pl.len().alias("enrolments"),
        pl.col("completed").sum().alias("completions"),
        pl.col("minutes").cast(pl.Int64).sum().alias("learner_minutes"),
    ]
    spend = pl.col("cost_pence").cast(pl.Int64).sum().alias("spend_pence")
    sets = [(g, v, (*gc, *vc)) for g, gc in GRAINS.items() for v, vc in VIEWS.items()] + [DETAIL]
    plans = []
    for _grain, view_name, columns in sets:
        learners = [] if view_name == "detail" else [pl.col("learner_id").n_unique().alias("unique_learners")]
        aggregates = [*sums, *learners, spend]
        plans.append(records.group_by(list(columns)).agg(aggregates) if columns else records.select(aggregates))
    parts = []
    for (grain, view_name, _columns), frame in zip(sets, pl.collect_all(plans), strict=True):
        grouped = frame.to_pandas()
        if view_name == "detail":
            grouped["unique_learners"] = pd.NA
        parts.append(labelled(grouped, grain, view_name))
    return finish(parts, budgets, config)


ENGINES = {"duckdb": run_duckdb, "polars": run_polars, "pandas": run_pandas}


def child(engine: str, parquet: str, budgets_path: str, out: str) -> None:
    budgets = pd.read_csv(budgets_path)
    started, cpu = time.perf_counter(), time.process_time()
    activity, _ = ENGINES[engine](parquet, budgets)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    activity.to_parquet(out)
    print(json.dumps({"engine": engine, "seconds": seconds, "cpu": cpu, "rows": len(activity)}))


def measure(engine: str, parquet: Path, budgets: Path, folder: Path, memory_limit: str = "4GB") -> dict:
    out = folder / f"activity-{engine}-{parquet.stem}.parquet"
    process = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--parquet",
            str(parquet),
            "--budgets",
            str(budgets),
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "BENCH_MEMORY_LIMIT": memory_limit, "BENCH_TEMP": str(folder / "duckdb-tmp")},
    )
    load = os.getloadavg()[0]
    stdout_text = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{engine} run failed ({process.returncode})")
    result = json.loads(stdout_text.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    result["out"] = str(out)
    result["load"] = (load, os.getloadavg()[0])
    return result


def prepare(folder: Path, rows: int, seed: int) -> tuple[Path, Path]:
    import duckdb

    from compact_analysis.training.demo import write_training_parquet

    folder.mkdir(parents=True, exist_ok=True)
    parquet = folder / f"records-{rows}-{seed}.parquet"
    if not parquet.exists():
        t0 = time.perf_counter()
        write_training_parquet(parquet, seed, rows)
        print(f"generated {rows:,} records in {time.perf_counter() - t0:.1f} s -> {parquet}")
    budgets = folder / f"budgets-{rows}-{seed}.csv"
    if not budgets.exists():
        duckdb.sql(
            f"""COPY (SELECT member_id, directorate, priority,
                       CAST(round(sum(cost_pence) * (0.8 + 0.45 * (hash(member_id || directorate || priority) % 1000) / 1000.0), -4) AS BIGINT) AS budget_pence
                FROM read_parquet('{parquet}') GROUP BY member_id, directorate, priority ORDER BY 1, 2, 3) TO '{budgets}' (HEADER)"""
        )
    return parquet, budgets


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    versions = {n: metadata.version(n) for n in ("duckdb", "polars", "pandas", "pyarrow", "numpy")}
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        **versions,
    }


def run_sizes(args) -> list[dict]:
    """Every engine at every size it is run at: DuckDB at all; polars and pandas up to ``--peers-up-to`` records."""
    folder = Path(args.folder).expanduser()
    runs = []
    for rows in (int(n) for n in args.sizes.split(",")):
        parquet, budgets = prepare(folder, rows, args.seed)
        engines = ["duckdb", "polars", "pandas"] if rows <= args.peers_up_to else ["duckdb"]
        results = [measure(engine, parquet, budgets, folder, args.memory_limit) for engine in engines]
        first = pd.read_parquet(results[0]["out"])
        same = all(first.equals(pd.read_parquet(r["out"])) for r in results[1:])
        runs.append({"rows": rows, "mb": parquet.stat().st_size / 1e6, "results": results, "same": same})
        for result in results:
            print(
                f"{rows:>11,} {result['engine']:7s} {result['seconds']:7.1f} s {result['peak_mb']:7.0f} MB", flush=True
            )
    return runs


def report_lines(args, runs: list[dict]) -> list[str]:
    info = machine()
    lines = [
        "# Benchmark: training period pack, and how its cost grows",
        "",
        f"Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}. Machine: {info['cpu']}, {info['cores']} cores, "
        f"{info['ram_gb']} GB RAM; Python {info['python']}, duckdb {info['duckdb']}, polars {info['polars']}, "
        f"pandas {info['pandas']}, pyarrow {info['pyarrow']}, numpy {info['numpy']}.",
        f"Command: `python benchmarks/bench_training.py --sizes {args.sizes}` (DuckDB memory limit "
        f"{args.memory_limit}, spilling to `{args.folder}/duckdb-tmp`). Load average (1 min, 2 cores) before and "
        "after each run beside it: above 2 means other work shared the machine.",
        "",
        "| records | Parquet MB | engine | seconds | CPU seconds | peak memory (MB) | result rows | load | identical to DuckDB |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for run in runs:
        for r in run["results"]:
            same = "-" if r["engine"] == "duckdb" else str(run["same"])
            lines.append(
                f"| {run['rows']:,} | {run['mb']:.0f} | {r['engine']} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} "
                f"| {r['rows']:,} | {r['load'][0]:.1f}-{r['load'][1]:.1f} | {same} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000,100000000")
    parser.add_argument("--peers-up-to", type=int, default=10_000_000, help="largest size polars and pandas run at")
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB's memory_limit; beyond it DuckDB spills")
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--folder", default="~/.cache/compact-analysis/training-bench")
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results" / "training.md"))
    parser.add_argument("--child")
    parser.add_argument("--parquet")
    parser.add_argument("--budgets")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.parquet, args.budgets, args.out)
        return
    lines = report_lines(args, run_sizes(args))
    previous = Path(args.results).read_text(encoding="utf-8") if Path(args.results).exists() else ""
    notes = previous[previous.index(NOTES_MARK) :] if NOTES_MARK in previous else ""
    Path(args.results).write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
