"""Benchmark: the full training period pack on 10 million records, DuckDB (the package) against idiomatic pandas.

Each engine runs in its own process, timed from reading the Parquet to all results in hand; peak memory is
the child's maximum resident set size reported by the operating system (wait4). Results are checked equal.

Usage: .venv/bin/python benchmarks/bench_training.py [--rows 10000000] [--seed 2009] [--folder /tmp/training-bench]
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
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
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
        grouped["grain"], grouped["view"] = grain, view_name
        if grain == "month":
            grouped["period"] = "2009-10-M" + grouped["fmonth"].map("{:02d}".format)
        elif grain == "quarter":
            grouped["period"] = "2009-10-Q" + grouped["fquarter"].astype(str)
        else:
            grouped["period"] = PERIOD
        parts.append(grouped)
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


def child(engine: str, parquet: str, budgets_path: str, out: str) -> None:
    budgets = pd.read_csv(budgets_path)
    started = time.perf_counter()
    activity, _ = (run_duckdb if engine == "duckdb" else run_pandas)(parquet, budgets)
    seconds = time.perf_counter() - started
    activity.to_parquet(out)
    print(json.dumps({"engine": engine, "seconds": seconds, "rows": len(activity)}))


def measure(engine: str, parquet: Path, budgets: Path, folder: Path) -> dict:
    out = folder / f"activity-{engine}.parquet"
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
    )
    stdout_text = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{engine} run failed ({process.returncode})")
    result = json.loads(stdout_text.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    result["out"] = str(out)
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
    versions = {n: metadata.version(n) for n in ("duckdb", "pandas", "pyarrow", "numpy")}
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        **versions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--folder", default="/tmp/training-bench")
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results" / "training.md"))
    parser.add_argument("--child")
    parser.add_argument("--parquet")
    parser.add_argument("--budgets")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.parquet, args.budgets, args.out)
        return
    folder = Path(args.folder)
    parquet, budgets = prepare(folder, args.rows, args.seed)
    load_before = os.getloadavg()
    results = [measure("duckdb", parquet, budgets, folder), measure("pandas", parquet, budgets, folder)]
    load_after = os.getloadavg()
    same = pd.read_parquet(results[0]["out"]).equals(pd.read_parquet(results[1]["out"]))
    info = machine()
    speedup = results[1]["seconds"] / results[0]["seconds"]
    lines = [
        "# Benchmark: training period pack",
        "",
        f"Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}. Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM; "
        f"Python {info['python']}, duckdb {info['duckdb']}, pandas {info['pandas']}, pyarrow {info['pyarrow']}, numpy {info['numpy']}.",
        "",
        f"Load average (1 min) {load_before[0]:.1f} before and {load_after[0]:.1f} after (2 cores; above 1 means other "
        "work shared the machine, and times vary from run to run).",
        "",
        f"Data: {args.rows:,} training records generated from seed {args.seed} to Parquet "
        f"({parquet.stat().st_size / 1e6:.0f} MB; integer learner surrogates, pence and minutes as integers).",
        "Pack: activity (enrolments, completions, learner-minutes, unique learners) and spend by month, quarter and "
        "year to date × all, member, directorate, priority, funding source, plus the year-to-date detail "
        "(member × directorate × priority × funding source, spend only: it feeds budgets and ring-fences); budget variance with profile and projected outturn; "
        "cumulative spend against profile; ring-fenced spend; exceptions. Timed from reading the Parquet to all "
        "results in hand; each engine in its own process; peak memory = the child's maximum RSS from wait4.",
        "",
        "| engine | seconds | peak memory (MB) | result rows |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {r['engine']} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['rows']:,} |" for r in results],
        "",
        f"DuckDB is {speedup:.1f}× faster than idiomatic pandas. Results identical (every row, exact integers): {same}.",
        "Goal: under 10 s and under 1.5 GB, at least 4× faster than pandas.",
        "",
        "How: the needed columns are read once into a materialised table in which every low-cardinality dimension "
        "(member, directorate, priority, funding source: 64 values or fewer) is a small integer code, from a CASE of "
        "its values found by a first DISTINCT query; every grouping then hashes integers, which measured 2-4 times "
        "faster than hashing text here. Sums: one grouping by month × cell, rolled up by GROUPING SETS on that small "
        "result. Learners: (member, directorate, learner), (priority, learner), (funding source, learner) with each "
        "learner's months as a 12-bit mask; member and whole-partnership learner counts OR those masks on the small "
        "result, and a month, quarter or year count is the number of masks with a bit in it. The codes are decoded on "
        f"the final {results[0]['rows']:,} rows. Learner keys are integer surrogates, money integer pence. Standard SQL throughout: the "
        "same statement gives identical results on PostgreSQL (tests/training/test_postgres.py).",
        "",
        "## History of this measurement (same machine; the generator changed on 1 December 2026)",
        "",
        "| version | DuckDB seconds | DuckDB peak MB | pandas seconds | ratio | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        "| one COUNT(DISTINCT) per grouping set (16 sets) | 70 | – | – | – | load average ~6 |",
        "| learner masks per finest cell | 12.4 | 1629 | 42.3 | 3.4× | load 4.4-5.2 |",
        "| masks from three groupings, four GROUPING SETS in one scan over text keys | 5.6-7.5 | 1332-1355 | 20.8-26.2 | 3.5-3.7× | load 0.6-1.4 |",
        "| integer-coded dimensions, separate groupings from one materialised read | 3.7-6.6 | 570-593 | 25.1-36.7 | 5.0-8.3× | load 0.7-1.0; three runs on 24 November 2026 |",
        "| the same pack on the demo generator whose courses follow each line's plan | 3.9-5.2 | 611-629 | 24.8-26.5 | 4.7-6.4× | load 0.6-1.6; three runs on 1 December 2026 |",
        "| the same pack after the stage layout (training on the shared store machinery; current) | 4.4 | 612 | 26.5 | 6.1× | load 1.3-1.4; 3 December 2026, on an AMD EPYC host (the runs above: Intel Xeon) |",
        "",
        "Not done: unique learners in the year-to-date detail view (member × directorate × priority × funding "
        "source): a fourth learner grouping at the finest cell; the view is used for budgets and ring-fences, which "
        "need spend only.",
    ]
    Path(args.results).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
