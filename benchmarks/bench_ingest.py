"""Ingest benchmark: 1,000,000 return rows from CSV with 1% planted faults, end to end.

Also the same checks in vectorised pandas and frictionless-py (optional extra
``bench``) on a 100,000-row slice, and 100,000 rows from XLSX. Each ingest runs
in a child process so its peak memory comes from the OS (getrusage of children).
Writes benchmarks/results/ingest.md. Usage: python benchmarks/bench_ingest.py [--rows N]
(one command; about 2 minutes on a quiet 2-core machine, of which writing the data takes 20 s). Each figure
has the load average beside it and the child's CPU seconds (user + system, every thread), which vary less
than wall seconds when the machine is shared. ``benchmarks/profile_ingest.py`` says where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK = ROOT / "data" / "frameworks" / "compact-2009-10.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "ingest.md"
MEMBERS = 5000
MEASURES = ("sfl-participants", "sfl-identified", "sfl-enrolled")
FAULTS = (  # (column, bad value): each quarantines its row with one code
    ("member_id", "M999999"),  # unknown-member
    ("value", "lots"),  # type-error
    ("value", "-5"),  # constraint-error
    ("submitted", "31/13/2009"),  # type-error
    ("period", "2009-10-M13"),  # invalid-period
)

CHILD = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from compact_analysis.plan.framework import load_framework
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.plan.members import load_register
from compact_analysis.evidence.store import open_store
framework, members, store, path = sys.argv[1:5]
fw, register = load_framework(framework), load_register(members)
t1, c1 = time.perf_counter(), time.process_time()
with open_store(store) as con:
    result = ingest_returns(con, path, fw, register)
t2 = time.perf_counter()
print(json.dumps({"rows": result.rows_read, "accepted": result.accepted, "quarantined": result.quarantined,
                  "duplicates": result.duplicates, "seconds": t2 - t1, "import_seconds": t1 - t0, "import_cpu": c1 - c0, "line": result.line()}))
"""


def write_register(path: Path) -> None:
    ids = [f"M{i:06d}" for i in range(1, MEMBERS + 1)]
    pd.DataFrame(
        {
            "member_id": ids,
            "name": [f"Synthetic Partner {i}" for i in range(1, MEMBERS + 1)],
            "sector": "other",
            "code": "",
            "joined": "2008-04-01",
            "left": "",
            "deemed": "yes",
        }
    ).to_csv(path, index=False)


def return_frame(rows: int, seed: int = 2009) -> tuple[pd.DataFrame, int]:
    """``rows`` valid monthly numbers (unique keys), then 1% of rows given one planted fault each."""
    i = np.arange(rows)
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "member_id": np.char.add("M", np.char.zfill((i % MEMBERS + 1).astype(str), 6)),
            "measure_id": np.array(MEASURES)[(i // MEMBERS) % 3],
            "period": "2009-10-M01",
            "value": rng.integers(0, 500, rows).astype(str),
            "comment": "",
            "submitted": (np.datetime64("2009-05-01") + (i // (MEMBERS * 3))).astype(str),
        }
    )
    faulty = i[::100]
    for k, (column, bad) in enumerate(FAULTS):
        frame.loc[faulty[k :: len(FAULTS)], column] = bad
    return frame, len(faulty)


def run_child(framework: Path, members: Path, store: Path, path: Path, code: Path = ROOT) -> dict:
    """Ingest in a child, with the package from ``code`` (a checkout); its own peak resident set from the OS.

    Linux keeps the high-water mark across fork and exec, so the parent stays small until every child
    has run: the data are written by another child (``--write``), and pandas reads them here only after.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(framework), str(members), str(store), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(code)},
        cwd=str(code),
    )
    out, err = child.stdout.read(), child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"ingest child failed: {err}")
    figures = json.loads(out.strip().splitlines()[-1])
    figures["peak_gb"] = usage.ru_maxrss / 1024 / 1024
    figures["cpu_seconds"] = usage.ru_utime + usage.ru_stime - figures["import_cpu"]
    figures["load"] = os.getloadavg()[0]
    return figures


def before_lines(before: list[dict], code: str | None) -> list[str]:
    """The table row for the code before the change, run alternately with it on the same file."""
    if not before:
        return []
    best = min(before, key=lambda run: run["seconds"])
    return [
        f"| CSV end to end, the code before (`{code}`), same file, runs alternating "
        f"| {best['rows']:,} | {best['seconds']:.2f} | {best['rows'] / best['seconds']:,.0f} "
        f"| {max(run['peak_gb'] for run in before):.2f} | comparison | all runs: "
        f"{', '.join(format(run['seconds'], '.2f') for run in before)} s | {best['cpu_seconds']:.2f} | {best['load']:.1f} |"
    ]


def write_data(folder: Path, rows: int, slice_rows: int) -> None:
    """Write members.csv, returns.csv, slice.csv, slice.xlsx and planted.json (run as a child)."""
    write_register(folder / "members.csv")
    frame, planted = return_frame(rows)
    frame.to_csv(folder / "returns.csv", index=False)
    frame.head(slice_rows).to_csv(folder / "slice.csv", index=False)
    write_xlsx(frame.head(slice_rows), folder / "slice.xlsx")
    (folder / "planted.json").write_text(json.dumps({"planted": planted}))


def pandas_checks(frame: pd.DataFrame, register_ids: set[str]) -> int:
    """The same cell checks as the SQL statement, as vectorised pandas; returns failing rows."""
    periods = {f"2009-10-M{m:02d}" for m in range(1, 13)} | {f"2009-10-Q{q}" for q in range(1, 5)}
    value = pd.to_numeric(frame["value"].str.replace(r"^[£$€]|,", "", regex=True), errors="coerce")
    submitted = pd.to_datetime(frame["submitted"], format="%Y-%m-%d", errors="coerce")
    missing = frame[["member_id", "measure_id", "period", "value", "submitted"]].isin(["", "n/a", "-"]).any(axis=1)
    bad = (
        missing
        | ~frame["member_id"].isin(register_ids)
        | ~frame["measure_id"].isin(MEASURES)
        | ~frame["period"].isin(periods)
        | value.isna()
        | (value < 0)
        | submitted.isna()
        | frame.duplicated(["member_id", "measure_id", "period", "submitted"], keep=False)
    )
    return int(bad.sum())


def frictionless_checks(path: Path, register_ids: list[str]) -> int | None:
    try:
        from frictionless import Resource, Schema, fields
    except ImportError:
        return None
    schema = Schema(
        fields=[
            fields.StringField(name="member_id", constraints={"required": True, "enum": register_ids}),
            fields.StringField(name="measure_id", constraints={"required": True, "enum": list(MEASURES)}),
            fields.StringField(
                name="period", constraints={"required": True, "pattern": r"2009-10-(M(0[1-9]|1[0-2])|Q[1-4])"}
            ),
            fields.IntegerField(name="value", constraints={"required": True, "minimum": 0}),
            fields.StringField(name="comment"),
            fields.DateField(name="submitted", constraints={"required": True}),
        ]
    )
    report = Resource(path.name, basepath=str(path.parent), schema=schema).validate(limit_errors=10**9)
    return len({row for row, _type in report.flatten(["rowNumber", "type"]) if row})


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("returns")
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        sheet.append(list(row))
    book.save(path)


def versions() -> str:
    import duckdb

    parts = [
        f"Python {platform.python_version()}",
        f"DuckDB {duckdb.__version__}",
        f"pandas {pd.__version__}",
        f"python-calamine {__import__('importlib.metadata').metadata.version('python-calamine')}",
    ]
    try:
        import frictionless

        parts.append(f"frictionless {frictionless.__version__}")
    except ImportError:
        parts.append("frictionless not installed")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--slice", type=int, default=100_000)
    parser.add_argument("--note", default="", help="e.g. that the machine was shared during the run")
    parser.add_argument("--repeat", type=int, default=3, help="CSV runs; the fastest is reported (shared machines)")
    parser.add_argument("--write", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--before", default=None, help="another checkout (the code before a change), run alternately")
    args = parser.parse_args()
    if args.write:
        write_data(Path(args.write), args.rows, args.slice)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(
            [sys.executable, __file__, "--write", str(tmp), "--rows", str(args.rows), "--slice", str(args.slice)],
            check=True,
        )
        members, big, piece_path, xlsx = (tmp / n for n in ("members.csv", "returns.csv", "slice.csv", "slice.xlsx"))
        planted = json.loads((tmp / "planted.json").read_text())["planted"]
        size_mb = big.stat().st_size / 1e6
        runs, before = [], []
        for k in range(args.repeat):  # alternately, so both see the same load
            if args.before:
                before.append(run_child(FRAMEWORK, members, tmp / f"before-{k}.duckdb", big, Path(args.before)))
            runs.append(run_child(FRAMEWORK, members, tmp / f"store-{k}.duckdb", big))
        assert all(run["quarantined"] == planted for run in runs), (runs, planted)
        csv_run = min(runs, key=lambda run: run["seconds"])
        csv_run["peak_gb"] = max(run["peak_gb"] for run in runs)
        xlsx_run = run_child(FRAMEWORK, members, tmp / "store-xlsx.duckdb", xlsx)

        ids = pd.read_csv(members, dtype=str)["member_id"]
        start, pandas_load = time.perf_counter(), os.getloadavg()[0]
        pandas_bad = pandas_checks(pd.read_csv(big, dtype=str, keep_default_na=False), set(ids))
        pandas_seconds = time.perf_counter() - start
        start, fl_load = time.perf_counter(), os.getloadavg()[0]
        fl_bad = frictionless_checks(piece_path, list(ids))
        fl_seconds = time.perf_counter() - start

    rate = csv_run["rows"] / csv_run["seconds"]
    lines = [
        "# Ingest benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python benchmarks/bench_ingest.py`.",
        f"Machine: {platform.machine()}, {platform.processor() or platform.platform()}, "
        f"{__import__('os').cpu_count()} cores. {args.note}",
        f"Versions: {versions()}.",
        "",
        "| case | rows | seconds | rows/s | peak memory (GB, OS) | goal | met | CPU seconds | load (1 min) |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |",
        f"| CSV end to end ({size_mb:.0f} MB, {planted} planted faults = {csv_run['quarantined']} quarantined) "
        f"| {csv_run['rows']:,} | {csv_run['seconds']:.2f} | {rate:,.0f} | {csv_run['peak_gb']:.2f} "
        f"| ≥600,000 rows/s, <0.6 GB | {'yes' if rate >= 600_000 and csv_run['peak_gb'] < 0.6 else 'NO'} "
        f"| {csv_run['cpu_seconds']:.2f} | {csv_run['load']:.1f} |",
        *before_lines(before, args.before),
        f"| same checks, vectorised pandas (read_csv + checks; no store, no failure table) | {args.rows:,} "
        f"| {pandas_seconds:.2f} | {args.rows / pandas_seconds:,.0f} | (in-process) | comparison "
        f"| {pandas_bad} failing rows | - | {pandas_load:.1f} |",
    ]
    if fl_bad is None:
        lines.append(
            f"| frictionless-py validate (slice) | {args.slice:,} | - | - | - | comparison | not installed (`pip install -e '.[bench]'`) | - | - |"
        )
    else:
        lines.append(
            f"| frictionless-py validate (slice) | {args.slice:,} | {fl_seconds:.2f} | {args.slice / fl_seconds:,.0f} "
            f"| (in-process) | comparison | {fl_bad} failing rows | - | {fl_load:.1f} |"
        )
    xlsx_ok = xlsx_run["seconds"] < 3
    lines += [
        f"| XLSX end to end (slice) | {xlsx_run['rows']:,} | {xlsx_run['seconds']:.2f} "
        f"| {xlsx_run['rows'] / xlsx_run['seconds']:,.0f} | {xlsx_run['peak_gb']:.2f} | <3 s | {'yes' if xlsx_ok else 'NO'} "
        f"| {xlsx_run['cpu_seconds']:.2f} | {xlsx_run['load']:.1f} |",
        "",
        f"CSV seconds: the fastest of {args.repeat} runs (all: "
        f"{', '.join(format(run['seconds'], '.2f') for run in runs)} s); peak memory: the largest of them. "
        "Seconds exclude the child's imports (about "
        f"{csv_run['import_seconds']:.1f} s). Peak memory is the child's maximum resident set from the OS "
        "(`wait4` rusage of that child alone; the data are written by a separate child).",
        f"CSV reconciliation: {csv_run['line']}",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
