"""Helpers for fault-injection tests: write a big return file, run ingest in a child process."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

INGEST_SCRIPT = """
import sys
from compact_analysis.plan.framework import load_framework
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.plan.members import load_register
from compact_analysis.evidence.store import open_store
framework, members, store, path = sys.argv[1:5]
with open_store(store) as con:
    result = ingest_returns(con, path, load_framework(framework), load_register(members))
print(result.line(), flush=True)
"""


def write_big_return(path: Path, rows: int, members: int = 50) -> None:
    """A valid tidy return with ``rows`` rows of monthly numbers (each member, measure and submitted date once)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["member_id", "measure_id", "period", "value", "comment", "submitted"])
        measures = ("sfl-participants", "sfl-identified", "sfl-enrolled")
        start = date(2009, 5, 1)  # after April (2009-10-M01); one submission date per block of keys
        for i in range(rows):
            member = f"M{i % members + 1:03d}"
            measure = measures[(i // members) % 3]
            submitted = start + timedelta(days=i // (members * 3))
            writer.writerow([member, measure, "2009-10-M01", i % 97, "", submitted.isoformat()])


def start_ingest(framework: Path, members: Path, store: Path, path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(framework), str(members), str(store), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
