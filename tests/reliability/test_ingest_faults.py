"""Killing ingest mid-file leaves either the whole file in the store or none of it."""

from __future__ import annotations

import random
import signal
import time

import pytest

from compact_analysis.evidence.store import open_store
from tests.helpers import FRAMEWORKS
from tests.reliability.kill_helpers import start_ingest, write_big_return

FRAMEWORK = FRAMEWORKS / "compact-2009-10.yaml"


def _state(store):
    with open_store(store, read_only=True) as con:
        files = con.execute("SELECT count(*), coalesce(sum(accepted), 0) FROM files").fetchall()[0]
        observations = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    return files[0], files[1], observations


def _kill_then_rerun(tmp_path, ingested_demo, delay: float, rows: int) -> None:
    store = tmp_path / f"store-{delay:.3f}.duckdb"
    big = tmp_path / "big.csv"
    if not big.exists():
        write_big_return(big, rows)
    with open_store(store):
        pass  # created and migrated before the child starts, so a kill never meets a half-made schema
    child = start_ingest(FRAMEWORK, ingested_demo.demo.members_file, store, big)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    files, accepted, observations = _state(store)
    # Whole file or nothing: the files row and its observations commit together.
    assert (files, observations) in ((0, 0), (1, accepted)) and (files == 0 or accepted == rows)
    rerun = start_ingest(FRAMEWORK, ingested_demo.demo.members_file, store, big)
    _out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    files, accepted, observations = _state(store)
    assert (files, accepted, observations) == (1, rows, rows)  # ingested exactly once


# The child takes about 0.4 s to import and 0.8 s to ingest 150,000 rows here: kills land in both.
@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.6, 0.9])
def test_kill_during_ingest_then_rerun(tmp_path, ingested_demo, delay):
    """SIGKILL of an ingest of 150,000 rows part-way through.
    The store holds all of the file or none of it; re-running ingests it exactly once."""
    _kill_then_rerun(tmp_path, ingested_demo, delay, rows=150_000)


@pytest.mark.slow
def test_kill_and_rerun_twenty_times(tmp_path, ingested_demo):
    """SIGKILL of ingest at 20 random moments, each followed by a re-run (slow).
    Zero lost and zero duplicated rows every time."""
    rng = random.Random(20091)
    for _ in range(20):
        _kill_then_rerun(tmp_path, ingested_demo, rng.uniform(0.3, 1.6), rows=150_000)
