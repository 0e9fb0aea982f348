"""Where an ingest's time goes: each step of ``ingest_returns`` timed on its own, wall and CPU seconds.

CPU seconds (``time.process_time``: every thread of the process) hold up better than wall seconds on a
shared machine; the load average is printed with them. Run it against any checkout to compare before and
after: ``PYTHONPATH=<checkout> python benchmarks/profile_ingest.py RETURNS.csv MEMBERS.csv`` (the files
``benchmarks/bench_ingest.py --write FOLDER`` writes). About 10 s for 1,000,000 rows on 2 cores.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from compact_analysis.evidence import ingest
from compact_analysis.evidence.prepared import PREPARED, reference_tables
from compact_analysis.evidence.readers import load_return
from compact_analysis.evidence.resources import limit_resources
from compact_analysis.evidence.scratch import scratch_for
from compact_analysis.evidence.store import open_store
from compact_analysis.evidence.submitted_rules import record_as_at
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import load_register

FRAMEWORK = Path(__file__).resolve().parent.parent / "data" / "frameworks" / "compact-2009-10.yaml"


def profile(path: Path, members: Path, store: Path) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each step, in the order ``ingest_returns`` runs them."""
    framework, register = load_framework(FRAMEWORK), load_register(members)
    steps: dict[str, tuple[float, float]] = {}

    def step(name, fn, *args):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(*args)
        steps[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    with open_store(store) as con:
        step("reference tables", reference_tables, con, framework, register)
        record_as_at(con, None)
        limit_resources(con, path.stat().st_size)
        with scratch_for(con, path.stat().st_size) as scratch:
            step("read the file (read_csv)", load_return, con, path, {m.id for m in framework.measures}, scratch)
            step("parse cells into prepared", con.execute, PREPARED)
            step("repeated keys", con.execute, ingest._REPEATED_KEYS)
            step("checks (failed cells)", con.execute, ingest._CHECKS)
            step("failure table (cells from raw)", con.execute, ingest._FAILURES)
            ingest._drop_read_tables(con)
        step("exact duplicates", con.execute, ingest._EXACT_DUPLICATES)
        step("append + quarantine + CSV", ingest._store_file, con, path.name, "0" * 64, None, "")
    steps["total"] = (sum(w for w, _ in steps.values()), sum(c for _, c in steps.values()))
    return steps


def main() -> None:
    path, members = Path(sys.argv[1]), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        load = os.getloadavg()[0]
        steps = profile(path, members, Path(tmp) / "store.duckdb")
    print(json.dumps({"load": load, "steps": steps}))
    for name, (wall, cpu) in steps.items():
        print(f"{name:28s} wall {wall:6.2f} s   CPU {cpu:6.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
