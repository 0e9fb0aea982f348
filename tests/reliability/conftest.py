"""The hostile battery's one way in: ingest a file of tests/data/hostile/ (or any path) into a fresh store."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import observations_as_at, open_store, quarantine
from compact_analysis.plan.members import load_register
from tests.helpers import HOSTILE


@pytest.fixture
def ingest(tmp_path, compact, ingested_demo):
    """``ingest(name)``: the reconciliation, the rows stored as at 2011-01-01 and the quarantine.

    ``name`` is a file of the hostile corpus or a path; ``members`` replaces the demo's register;
    ``ingested_at`` is the ingest's own as-at time. Every file must reconcile (read = accepted + ...).
    """
    register = load_register(ingested_demo.demo.members_file)

    def run(name: str | Path, members: pd.DataFrame | None = None, ingested_at: datetime | None = None):
        path = name if isinstance(name, Path) else HOSTILE / name
        with open_store(tmp_path / "store.duckdb") as con:
            result = ingest_returns(
                con, path, compact, register if members is None else members, ingested_at=ingested_at
            )
            stored = observations_as_at(con, date(2011, 1, 1))
            failed = quarantine(con)
        assert result.balanced, result.line()
        return result, stored, failed

    return run
