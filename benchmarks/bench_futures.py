"""Futures modelling speed: the model at 150 areas × 4 routes × 12 years × 10 scenarios, and the demo paper.

Goals (issue #25): the model under 2 s, the demo futures paper rendered (HTML and PDF) under 10 s.
The model runs in this process on synthetic frames (3 ages, 5 history years, 3 population variants, 3
providers an area and route); "model" is every scenario evaluated and every gap and growth table the paper
shows (LA-wide, by consortium and by area) computed. The paper is rendered by the command line in a fresh
process, as a user runs it, its inputs written by ``futures init-demo``. The machine's load average is
recorded with each run: the machine is shared, and every time here is wall-clock.
Usage: python benchmarks/bench_futures.py [--runs 3]; writes benchmarks/results/futures.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from compact_analysis.futures.codes import ROUTES
from compact_analysis.futures.gap import LEVELS
from compact_analysis.futures.history import NOT_PARTICIPATING
from compact_analysis.futures.scenario_file import Scenario
from compact_analysis.futures.scenarios import comparison, evaluate_all

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AREAS, YEARS, SCENARIOS, AGES, BASE = 150, 12, 10, (16, 17, 18), 2009


def synthetic(seed: int = 25):
    """Frames at the benchmark's size: areas, cohort (3 variants), history, provision, scenarios."""
    rng = np.random.default_rng(seed)
    codes = [f"Z{n:08d}" for n in range(AREAS)]
    areas = pd.DataFrame({"area": codes, "name": codes, "consortium": [f"C{n % 12}" for n in range(AREAS)]})
    years = range(BASE + 1, BASE + YEARS + 1)
    base = {(a, g): float(rng.integers(800, 3000)) for a in codes for g in AGES}
    cohort = pd.DataFrame(
        [(v, a, g, y, base[a, g] * (1 + d * (y - BASE))) for v, d in (("principal", 0.0), ("low", -0.01), ("high", 0.01))
         for a in codes for g in AGES for y in years],
        columns=["variant", "area", "age", "year", "population"],
    )  # fmt: skip
    rows = []
    for a in codes:
        for g in AGES:
            for y in range(BASE - 4, BASE + 1):
                people = int(base[a, g])
                counts = (people * rng.dirichlet([2, 1, 6, 2]) * 0.75).astype(int)
                rows += [(y, a, g, r, int(n)) for r, n in zip(ROUTES, counts, strict=True)]
                rows.append((y, a, g, NOT_PARTICIPATING, people - int(counts.sum())))
    history = pd.DataFrame(rows, columns=["year", "area", "age", "route", "young_people"])
    provision = pd.DataFrame(
        [(f"P{a}-{p}", a, r, BASE, int(rng.integers(50, 900)), int(rng.integers(1, 5)))
         for a in codes for r in ROUTES for p in range(3)],
        columns=["provider", "area", "route", "year", "places", "grade"],
    )  # fmt: skip
    scenarios = [
        Scenario(f"s{n}", f"Scenario {n}", BASE + YEARS, ("principal", "low", "high")[n % 3], 0.9 + 0.01 * n,
                 {"Apprenticeships": 0.01 * n, "General qualifications": -0.01 * n}, {18: 0.85})
        for n in range(SCENARIOS)
    ]  # fmt: skip
    return areas, cohort, history, provision, scenarios


def model_seconds(frames) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of every scenario and every gap and growth table."""
    started, cpu = time.perf_counter(), time.process_time()
    results = evaluate_all(*frames)
    comparison(results)
    for result in results:
        for level in LEVELS:
            result.growth(level)
    return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def render_seconds(pdf: bool) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of ``futures report``: CPU of the command and every process it waited for
    (the kernel, Chromium), which is what the run costs on an idle machine of one core."""
    with tempfile.TemporaryDirectory(prefix="bench-futures-") as tmp:
        cli = [str(BIN / "compact-analysis"), "futures"]
        subprocess.run([*cli, "init-demo", "--data", tmp], check=True, capture_output=True, cwd=ROOT)
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([*cli, "report", "--data", tmp, "--out", f"{tmp}/reports", "--pdf" if pdf else "--no-pdf"],
                       check=True, capture_output=True, cwd=ROOT)  # fmt: skip
        return time.perf_counter() - started, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    frames = synthetic()
    rows = len(frames[1]) + len(frames[2]) + len(frames[3])
    model = [(*model_seconds(frames), os.getloadavg()[0]) for _ in range(runs)]
    paper = [(*render_seconds(True), os.getloadavg()[0]) for _ in range(runs)]
    html_only = [(*render_seconds(False), os.getloadavg()[0]) for _ in range(runs)]

    def cell(found):
        return ", ".join(f"{s:.2f} s, CPU {c:.2f} s (load {load:.1f})" for s, c, load in found)

    def best(found):
        return f"{min(s for s, _, _ in found):.2f} s (CPU {min(c for _, c, _ in found):.2f} s)"

    text = f"""# Futures modelling speed

`benchmarks/bench_futures.py`, {date.today().isoformat()}, {platform.python_version()} on {os.cpu_count()} cores
(shared; the load average, 1 minute, follows each run). Goals (issue #25): model under 2 s, paper under 10 s.
Wall-clock and CPU seconds: on a machine shared by other work the wall-clock time grows with the load while
the CPU time (the process, or the command and every process it waited for) stays what the work costs.

| what | runs | best | goal |
| --- | --- | ---: | ---: |
| model: {AREAS} areas × {len(ROUTES)} routes × {YEARS} years × {SCENARIOS} scenarios ({rows:,} input rows), every gap and growth table | {cell(model)} | {best(model)} | 2 s |
| demo futures paper, HTML and PDF (command line, fresh process) | {cell(paper)} | {best(paper)} | 10 s |
| demo futures paper, HTML only | {cell(html_only)} | {best(html_only)} | |
"""
    out = ROOT / "benchmarks" / "results" / "futures.md"
    out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
