"""One full period pack (1 evaluation + N scorecards, HTML + PDF): the toolkit's batch against the naive way.

The naive way is a sequential loop calling the `papermill` CLI, then the `jupyter nbconvert` CLI, then
Chromium's --print-to-pdf for each notebook. Both run in the same invocation on the same demo data.
Usage: python benchmarks/bench_render.py [--members 50] [--workers 2]; writes benchmarks/results/render.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def demo(folder: Path) -> None:
    run = [str(BIN / "compact-analysis"), "--help"]
    subprocess.run(run, check=True, capture_output=True)
    for args in (["init-demo", "--data", str(folder)], ["ingest", "--data", str(folder), "--allow-quarantine"]):
        subprocess.run([str(BIN / "compact-analysis"), *args], check=True, capture_output=True, cwd=ROOT)


def toolkit(folder: Path, out: Path, period: str, members: int, workers: int) -> float:
    from compact_analysis.publishing.batch import plan_period, render_periods

    started = time.perf_counter()
    plan = plan_period("compact-2009-10", folder, period, out, ROOT / "data" / "frameworks", scorecards=True)
    plan.members = plan.members[:members]
    [outcome] = render_periods([plan], workers=workers)
    assert outcome.ok, outcome.failures
    return time.perf_counter() - started


def naive(folder: Path, out: Path, period: str, members: list[str]) -> float:
    from compact_analysis.publishing.render import find_browser

    browser = find_browser()
    out.mkdir(parents=True, exist_ok=True)
    frameworks = str(ROOT / "data" / "frameworks")
    jobs = [("period_evaluation", "evaluation", [])] + [
        ("member_scorecard", f"member-{m}", ["-p", "member", m]) for m in members
    ]
    started = time.perf_counter()
    for notebook, stem, extra in jobs:
        executed = out / f"{stem}.ipynb"
        subprocess.run(
            [str(BIN / "papermill"), str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(executed),
             "-p", "data", str(folder), "-p", "period", period, "-p", "frameworks_dir", frameworks, *extra,
             "--cwd", str(ROOT / "notebooks"), "--no-progress-bar"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 f"--user-data-dir={profile}", f"--print-to-pdf={out / (stem + '.pdf')}",
                 (out / f"{stem}.html").as_uri()],
                check=True, capture_output=True,
            )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--period", default="2009-10-Q2")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        folder = work / "demo"
        demo(folder)
        ours = toolkit(folder, work / "ours", args.period, args.members, args.workers)
        members = [f"M{i:03d}" for i in range(1, args.members + 1)]
        theirs = naive(folder, work / "naive", args.period, members)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    versions = ", ".join(f"{n} {metadata.version(n)}" for n in ("papermill", "nbconvert", "playwright", "pandas"))
    text = f"""# Render benchmark

One period pack ({args.period}): 1 evaluation + {args.members} member scorecards, each HTML and PDF, on the
demo data. Run by `python benchmarks/bench_render.py --members {args.members} --workers {args.workers}`.

| route | seconds | per notebook |
| --- | ---: | ---: |
| toolkit batch ({args.workers} workers, kept-alive kernels, one Chromium per worker) | {ours:.1f} | {ours / (args.members + 1):.2f} |
| naive loop (papermill CLI, jupyter nbconvert CLI, chromium CLI, one after another) | {theirs:.1f} | {theirs / (args.members + 1):.2f} |

Speed-up: **{theirs / ours:.1f}x**. Goal: at least 4x and under 60 s for the pack.

Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {versions}.
Load average at the end of the run: {load[0]:.1f} (the benchmark's own two routes keep up to 2 cores busy; more means other jobs shared the machine).
Date: {date.today().isoformat()} (recorded by the benchmark, not used in any calculation).
"""
    (ROOT / "benchmarks" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "benchmarks" / "results" / "render.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
