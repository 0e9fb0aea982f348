"""A data folder's workflows: evaluate a period from its store and keep the exceptions register there.

The data folder holds the member register, the evidence store and the quarantine; these functions
tie plan, evidence and evaluation together for the command line and the publishing stage.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.evaluation.register import reconcile, record_exceptions, register_view, resolve_exception
from compact_analysis.evidence.store import (
    append_exceptions,
    exception_events,
    exception_register,
    observations_as_at,
    open_store,
    quarantine,
)
from compact_analysis.plan.members import find_register, load_register

#: How long recording waits for another process (a report reading the store) to let go of it.
STORE_WAIT_SECONDS = 120


def record_period(framework, data_dir, period: str, as_at: date | None = None) -> pd.DataFrame:
    """Evaluate a period from a data folder's store and record its exceptions there (the CLI's ``update``)."""
    chosen = framework.check_period(period)
    evidence_date = as_at or default_as_at(framework, chosen)
    data_dir = Path(data_dir)
    register = load_register(find_register(data_dir))
    with open_store(data_dir / "store.duckdb", wait_seconds=STORE_WAIT_SECONDS) as con:
        evaluation = evaluate_period(
            framework,
            observations_as_at(con, evidence_date),
            register,
            chosen,
            evidence_date,
            quarantined=quarantine(con),
            exception_log=(exception_register(con), exception_events(con)),
        )
        return record_exceptions(con, evaluation)


def list_register(data_dir, status: str = "open", as_at: date | None = None) -> pd.DataFrame:
    """The register of a data folder's store: ``open``, ``resolved`` or ``all`` exceptions."""
    with open_store(Path(data_dir) / "store.duckdb", read_only=True) as con:
        view = register_view(exception_register(con), exception_events(con), as_at)
    return view if status == "all" else view[view["status"] == status].reset_index(drop=True)


def resolve_in_store(data_dir, exception_id: str, note: str, on: date) -> None:
    """Resolve an exception in a data folder's store (the CLI's ``resolve``)."""
    with open_store(Path(data_dir) / "store.duckdb") as con:
        resolve_exception(con, exception_id, note, on)


def record_periods(framework, data_dir, periods: list[str], as_at: date | None = None) -> None:
    """Record each period's exceptions in time order, so the register's history runs forward (``report`` does this)."""
    for period in sorted(periods, key=framework.check_period):
        record_period(framework, data_dir, period, as_at)


def record_training_exceptions(data_dir, period: str, candidates: pd.DataFrame, on: date) -> pd.DataFrame:
    """Record a training period's exceptions in the data folder's evidence store, beside the evaluation's."""
    with open_store(Path(data_dir) / "store.duckdb", wait_seconds=STORE_WAIT_SECONDS) as con:
        register, events = exception_register(con), exception_events(con)
        opened, new_events = reconcile(register, events, candidates, period, on)
        append_exceptions(con, opened, new_events)
        return register_view(exception_register(con), exception_events(con), on, candidates)
