"""Ingest's outputs are pinned: the demo and every return file of the hostile corpus give exactly the rows recorded.

The ingest is tuned for speed (issue 27: 600,000 rows/s); a faster statement must not change a single
stored row, quarantined row, reason, duplicate count or reconciliation line. The expected digests in
tests/data/ingest_golden.json were written by the ingest before that work (commit bd774c4) with
``PYTHONPATH=. python tests/evidence/test_ingest_unchanged.py``; rerun it only for a change meant to alter
what ingest stores, and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from compact_analysis.errors import CompactError
from compact_analysis.evidence import scratch
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE, generate_demo
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.folder import DataFolder
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import load_register
from tests.helpers import FRAMEWORKS, HOSTILE, ROOT

GOLDEN = ROOT / "tests" / "data" / "ingest_golden.json"
# Every table ingest writes; observation_id is left out (it numbers rows in ingest and file order).
TABLES = {
    "observations": "SELECT * EXCLUDE (observation_id) FROM observations",
    "quarantine": "SELECT * FROM quarantine",
    "files": "SELECT * EXCLUDE (ingested_at) FROM files",  # the demo is ingested at the time of the run
    "duplicate_rows": "SELECT * FROM duplicate_rows",
}
AS_AT = datetime(2010, 6, 1, 12)  # before some of the corpus's submitted dates: submitted-in-future is exercised


def hostile_returns() -> list[Path]:
    """The corpus's return files (its member registers and frameworks are read by other code)."""
    return sorted(p for p in HOSTILE.iterdir() if p.suffix in (".csv", ".xlsx") and not p.name.startswith("members_"))


def store_digest(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Per table: [row count, sha256 of its rows sorted, each row's repr on a line]."""
    digest = {}
    for table, sql in TABLES.items():
        rows = sorted(repr(row) for row in con.execute(sql).fetchall())
        digest[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return digest


def snapshot_file(path: Path, folder: Path, framework, register) -> dict:
    """Ingest one file into a fresh store: its reconciliation line, quarantine CSV and table digests, or its error."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open_store(folder / "store.duckdb") as con:
            result = ingest_returns(con, path, framework, register, ingested_at=AS_AT)
            tables = store_digest(con)
    except CompactError as exc:
        return {"error": type(exc).__name__, "code": str(exc.code), "message": str(exc).replace(str(path), path.name)}
    quarantine_csv = ""
    if result.quarantine_file is not None:
        quarantine_csv = hashlib.sha256(result.quarantine_file.read_bytes()).hexdigest()
    line = result.line().replace(str(folder), "<store>")
    return {"line": line, "quarantine_csv": quarantine_csv, "tables": tables}


def snapshot(work: Path, demo_store: Path) -> dict:
    """The demo store's digests and every hostile return's snapshot."""
    framework = load_framework(FRAMEWORKS / "compact-2009-10.yaml")
    register = load_register(demo_store.parent / "members.csv")
    with duckdb.connect(str(demo_store), read_only=True) as con:
        result = {"demo": store_digest(con)}
    for path in hostile_returns():
        result[path.name] = snapshot_file(path, work / path.stem, framework, register)
    return result


@pytest.mark.parametrize(
    "scratch_from_bytes", [0, 10**12], ids=["cells in a scratch database", "cells in a temp table"]
)
def test_ingest_outputs_are_unchanged(ingested_demo, tmp_path, monkeypatch, scratch_from_bytes):
    """Every store row, quarantined row with its reason and reconciliation line is as recorded before the speed work,
    whether a file's cells are kept in a scratch database (large files) or a temp table (small ones)."""
    monkeypatch.setattr(scratch, "SCRATCH_FROM_BYTES", scratch_from_bytes)
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = snapshot(tmp_path, ingested_demo.store)
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], name


def _write_golden() -> None:
    """Generate the demo in a temporary folder, ingest it, and record every digest."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        demo = generate_demo(folder, load_framework(FRAMEWORKS / "compact-2009-10.yaml"), seed=2009)
        (folder / SYNTHETIC_MARKER_FILE).write_text("synthetic\n", encoding="utf-8")
        data = DataFolder.open(folder, FRAMEWORKS / "compact-2009-10.yaml")
        data.ingest(demo.return_files)
        result = snapshot(Path(tmp) / "hostile", data.store_path)
    GOLDEN.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}: {len(result)} entries", file=sys.stderr)


if __name__ == "__main__":
    _write_golden()
