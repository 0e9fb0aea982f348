"""Benchmark: evaluate every period of the demo year (all quarters and months), twice, and check it is deterministic.

Goal from the evaluation-engine issue: under 2 seconds in total, two runs giving identical outputs.
Timed from the observations and register in memory (as the paper holds them) to every evaluation in hand.
Writes benchmarks/results/evaluate.md. Usage: .venv/bin/python benchmarks/bench_evaluate.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period  # noqa: E402
from compact_analysis.evidence.demo import generate_demo  # noqa: E402
from compact_analysis.evidence.ingest import ingest_returns  # noqa: E402
from compact_analysis.evidence.store import observations_as_at, open_store, quarantine  # noqa: E402
from compact_analysis.plan.framework import load_framework  # noqa: E402
from compact_analysis.plan.members import load_register  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "evaluate.md"
GOAL_SECONDS = 2.0


def evaluate_year(framework, observations, register, quarantined):
    """Every period of every cadence of the framework's first year, each as at its own default evidence date."""
    periods = [p for cadence in framework.cadences for p in framework.periods(cadence)]
    outputs = []
    for period in periods:
        as_at = default_as_at(framework, period)
        ev = evaluate_period(framework, observations, register, period, as_at, quarantined=quarantined)
        outputs.append((ev.table(), ev.explanations(), ev.candidates))
    return periods, outputs


def fingerprint(outputs) -> str:
    """A text rendering of every table, so two runs can be compared exactly."""
    return "\n".join(frame.to_csv(index=False) for triple in outputs for frame in triple)


def main() -> int:
    framework = load_framework(ROOT / "data" / "frameworks" / "compact-2009-10.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        demo = generate_demo(Path(tmp), framework, seed=2009)
        register = load_register(demo.members_file)
        with open_store(Path(tmp) / "store.duckdb") as con:
            for path in demo.return_files:
                ingest_returns(con, path, framework, register)
            last = max(default_as_at(framework, p) for c in framework.cadences for p in framework.periods(c))
            observations = observations_as_at(con, last)
            quarantined = quarantine(con)
    evaluate_year(framework, observations, register, quarantined)  # warm imports and caches
    times, prints = [], []
    for _ in range(2):
        started = time.perf_counter()
        periods, outputs = evaluate_year(framework, observations, register, quarantined)
        times.append(time.perf_counter() - started)
        prints.append(fingerprint(outputs))
    identical = prints[0] == prints[1]
    versions = {name: metadata.version(name) for name in ("pandas", "numpy", "duckdb", "scipy")}
    load = os.getloadavg()[0]
    lines = [
        "# Benchmark: evaluating every period of the demo year",
        "",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}, "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + f". Load average (1 min) {load:.1f}.",
        "",
        f"Data: the demo data set (seed 2009, {register['member_id'].nunique()} members, "
        f"{len(observations):,} observations). Periods: {len(periods)} "
        f"({', '.join(framework.cadences)}), each evaluated as at its own evidence date with every indicator, "
        "baseline, status rule, direction against the previous period and a year earlier, and the exceptions rules.",
        "",
        "| run | seconds |",
        "| --- | ---: |",
        *(f"| {i + 1} | {t:.2f} |" for i, t in enumerate(times)),
        "",
        f"Goal: under {GOAL_SECONDS:.0f} s in total: {'met' if max(times) < GOAL_SECONDS else 'NOT met'}. "
        f"Two runs identical (every table as CSV text): {identical}.",
        "",
        "Command: `.venv/bin/python benchmarks/bench_evaluate.py`",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if identical and max(times) < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
