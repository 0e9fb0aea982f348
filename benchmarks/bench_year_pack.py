"""A year's pack rendered incrementally, and the period pack of 1 evaluation + N scorecards at N = 10, 50, 200.

Year pack (issue #27): every finished period of the demo year (50 members) with scorecards, HTML and PDF, by
``compact-analysis report-all --scorecards``: cold (nothing published), warm with nothing changed (goal: under
5 s), and warm after one late correction (M002's Q1 literacy figure, sent on 1 September 2009: after Q1's
evidence date, so only the later periods' papers whose evidence changed are rendered again).
Pack at N: one period (2009-10-Q2) of a 200-member demo, 1 evaluation + the first N scorecards, HTML and PDF,
each into an empty folder; time and peak memory (the resident memory of this process and all its children,
kernels and Chromium included, sampled every 0.2 s).

One command: ``python benchmarks/bench_year_pack.py [--workers 2] [--sizes 10,50,200]``; writes
benchmarks/results/year_pack.md. About 15 minutes on a quiet 2-core machine (the cold year pack and N = 200
take most of it). The load average is recorded beside each figure: the machine may be shared.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "data" / "frameworks"
CORRECTION = "member_id,measure_id,period,value,comment,submitted,correction\n" + (
    "M002,qualified-literacy,2009-10-Q1,5,,2009-09-01,yes\n"
)


def cli(*args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's package, whichever is installed
    command = [sys.executable, "-m", "compact_analysis", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"compact-analysis {' '.join(args)} failed: {done.stderr[-500:]}")
    return done.stdout


def demo(folder: Path, members: int) -> None:
    cli("init-demo", "--data", str(folder), "--members", str(members))
    cli("ingest", "--data", str(folder), "--allow-quarantine")


class PeakMemory:
    """The largest resident memory of this process and all its descendants while the block runs."""

    def __enter__(self):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed_report(data: Path, out: Path, workers: int) -> dict:
    with PeakMemory() as memory:
        started = time.perf_counter()
        output = cli("report-all", "--data", str(data), "--scorecards", "--out", str(out), "--workers", str(workers))
        seconds = time.perf_counter() - started
    papers = re.search(r"Papers: (\d+) unchanged, (\d+) rendered", output)
    return {"seconds": seconds, "unchanged": int(papers[1]), "rendered": int(papers[2]),
            "peak_gb": memory.peak / 1e9, "load": os.getloadavg()[0]}  # fmt: skip


def year_pack(work: Path, workers: int) -> dict[str, dict]:
    data, out = work / "year", work / "year-reports"
    demo(data, 50)
    runs = {"cold": timed_report(data, out, workers), "warm, nothing changed": timed_report(data, out, workers)}
    (data / "correction.csv").write_text(CORRECTION, encoding="utf-8")
    cli("ingest", "--data", str(data), str(data / "correction.csv"))
    runs["warm, after one correction"] = timed_report(data, out, workers)
    return runs


def pack(work: Path, sizes: list[int], workers: int) -> dict[int, dict]:
    from compact_analysis.publishing.batch import plan_period, render_periods

    data = work / "pack"
    demo(data, max(sizes))
    found = {}
    for n in sizes:
        with PeakMemory() as memory:
            started = time.perf_counter()
            plan = plan_period("compact-2009-10", data, "2009-10-Q2", work / f"pack-{n}", FRAMEWORKS, scorecards=True)
            plan.members = plan.members[:n]
            [outcome] = render_periods([plan], workers=workers)
            seconds = time.perf_counter() - started
        assert outcome.ok and outcome.rendered == n + 1, outcome
        found[n] = {"seconds": seconds, "peak_gb": memory.peak / 1e9, "load": os.getloadavg()[0]}
    return found


def report(runs: dict, sizes: dict, workers: int, total: float, before_load: float) -> str:
    lines = [
        "# Year pack and pack-at-N benchmark",
        "",
        f"Run by `python benchmarks/bench_year_pack.py --workers {workers}` in {total / 60:.0f} minutes.",
        "",
        "## The demo year (4 quarters, 50 members: 204 papers, HTML and PDF), `report-all --scorecards`",
        "",
        "| run | seconds | unchanged | rendered | peak memory GB | load average (1 min) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in runs.items():
        lines.append(
            f"| {name} | {r['seconds']:.1f} | {r['unchanged']} | {r['rendered']} | {r['peak_gb']:.2f} | {r['load']:.1f} |"
        )
    lines += [
        "",
        "The correction is to M002's 2009-10-Q1 literacy figure, sent after Q1's evidence date: Q1's papers keep",
        "their evidence; Q2, Q3 and Q4 render their evaluation paper and M002's scorecard, which list the figure.",
        "Goal: warm with nothing changed under 5 s.",
        "",
        "## One period (2009-10-Q2): 1 evaluation + N scorecards, HTML and PDF, from an empty folder",
        "",
        "| N | seconds | per paper | peak memory GB | load average (1 min) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, r in sizes.items():
        lines.append(
            f"| {n} | {r['seconds']:.1f} | {r['seconds'] / (n + 1):.2f} | {r['peak_gb']:.2f} | {r['load']:.1f} |"
        )
    lines += [
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{workers} workers. The load average counts every runnable thread, the benchmark's own kernels and "
        "Chromium included: it reads 6-12 with the benchmark alone on the machine (4 December 2026), so only "
        f"the load before the run ({before_load:.1f} here) says whether other jobs shared it.",
        f"Date: {date.today().isoformat()} (recorded by the benchmark, not used in any calculation).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    sys.path.insert(0, str(ROOT))  # the pack renders in this process: this checkout's package
    parser.add_argument("--sizes", default="10,50,200", help="N for the period pack, comma-separated")
    args = parser.parse_args()
    started, before_load = time.perf_counter(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="bench-year-pack-"))
    try:
        runs = year_pack(work, args.workers)
        sizes = pack(work, [int(n) for n in args.sizes.split(",")], args.workers)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(runs, sizes, args.workers, time.perf_counter() - started, before_load)
    (ROOT / "benchmarks" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "benchmarks" / "results" / "year_pack.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
