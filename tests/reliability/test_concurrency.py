"""Two processes using one evidence store at once."""

from __future__ import annotations

import subprocess
import sys

from compact_analysis.evidence.store import open_store
from tests.helpers import FRAMEWORKS
from tests.reliability.kill_helpers import write_big_return

FRAMEWORK = FRAMEWORKS / "compact-2009-10.yaml"

_INGEST = """
import sys
from compact_analysis.errors import StoreError
from compact_analysis.plan.framework import load_framework
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.plan.members import load_register
from compact_analysis.evidence.store import open_store
framework, members, store, path, hold = sys.argv[1:6]
try:
    with open_store(store) as con:
        print(ingest_returns(con, path, load_framework(framework), load_register(members)).line(), flush=True)
        if hold == "hold":
            sys.stdin.readline()  # keep the store open until the test says so
except StoreError as exc:
    sys.stderr.write(f"error: {exc}\\n")
    sys.exit(2)
"""


def _run(args, **kwargs):
    return subprocess.Popen([sys.executable, "-c", _INGEST, *map(str, args)], text=True, **kwargs)


def test_second_ingest_is_told_the_store_is_busy_and_nothing_is_lost(tmp_path, ingested_demo):
    """A second ingest while another process holds the store.
    The second exits 2 with a one-line "in use by another process" error and writes nothing; re-run
    afterwards, it adds its rows: none lost, none duplicated."""
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    write_big_return(big, 20_000)
    small.write_text(
        "member_id,measure_id,period,value,comment,submitted\nM003,pledge-level,2009-10-Q1,committed,,2009-07-10\n",
        encoding="utf-8",
    )
    store, members = tmp_path / "store.duckdb", ingested_demo.demo.members_file
    first = _run([FRAMEWORK, members, store, big, "hold"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert "20000 accepted" in first.stdout.readline()
    refused = _run([FRAMEWORK, members, store, small, "no"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = refused.communicate(timeout=120)
    assert refused.returncode == 2
    assert "in use by another process" in err and err.count("\n") == 1
    first.communicate("\n", timeout=120)
    assert first.returncode == 0
    again = _run([FRAMEWORK, members, store, small, "no"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    with open_store(store, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM observations").fetchall()[0][0] == 20_001
