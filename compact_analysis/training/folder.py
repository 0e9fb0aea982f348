"""Training activity and spend against priorities, plans and budgets (seed 001), for one data folder.

Seed 001: "All training will be recorded on a centralised system enabling greater
transparency and improved monitoring and reporting of training activity and
spend" and "Regular reports will be produced to monitor training spend and
activity against the priorities in the training strategy and directorate
training plans." This module wires the parts for a data folder:

    <data>/training/records*.csv|xlsx   one row per enrolment (records.py)
    <data>/training/budgets*.csv|xlsx   budget per member, directorate, priority, year
    <data>/training/config.yaml         optional; else the shipped default (config.py)
    <data>/training/store.duckdb        the training store (accepted rows, learner surrogates, quarantine)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from compact_analysis.errors import InputError
from compact_analysis.evidence.ingest import Reconciliation
from compact_analysis.evidence.progress import ingest_each
from compact_analysis.plan.members import optional_register
from compact_analysis.plan.periods import Period, parse_period
from compact_analysis.training.aggregate import TrainingPack, duckdb_runner, training_pack
from compact_analysis.training.config import TrainingConfig, load_training_config
from compact_analysis.training.demo import TrainingDemo, generate_training_demo
from compact_analysis.training.records import (
    current_budgets,
    ingest_training_budgets,
    ingest_training_records,
    training_quarantine,
)
from compact_analysis.training.store import open_training_store


def training_folder(data: str | Path) -> Path:
    return Path(data) / "training"


def training_store_path(data: str | Path) -> Path:
    return training_folder(data) / "store.duckdb"


def training_config_for(data: str | Path) -> TrainingConfig:
    """The data set's own ``training/config.yaml`` if present, else the shipped default."""
    own = training_folder(data) / "config.yaml"
    return load_training_config(own if own.exists() else None)


def init_training_demo(data: str | Path, seed: int = 2009, rows: int = 20_000, members: int = 50) -> TrainingDemo:
    """Write a synthetic training set into ``<data>/training`` (replacing its store)."""
    store = training_store_path(data)
    if store.exists():
        store.unlink()
    return generate_training_demo(data, seed=seed, rows=rows, members=members)


def _member_ids(data: Path) -> pd.Series | None:
    """The register's member ids (members.csv or members.xlsx, checked), or None when the folder has none."""
    found = optional_register(data)
    return None if found is None else found[1]["member_id"]


def ingest_training(data: str | Path, ingested_at: datetime | None = None) -> list[Reconciliation]:
    """Ingest every records and budgets file of ``<data>/training`` into the training store.

    The store is opened like the evidence store: migrated first, and refused at once while another
    process writes to it.
    """
    folder = training_folder(data)
    if not folder.is_dir():
        raise InputError(f"{folder}: no training folder; run `compact-analysis training demo` or add records there")
    config = training_config_for(data)
    members = _member_ids(Path(data))
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".csv", ".xlsx") and p.name.startswith(("records", "budgets"))
    )
    with open_training_store(training_store_path(data)) as con:

        def ingest_one(path: Path) -> Reconciliation:
            ingest = ingest_training_records if path.name.startswith("records") else ingest_training_budgets
            return ingest(con, path, config, members, ingested_at)

        return ingest_each(files, ingest_one)


@dataclass(frozen=True)
class TrainingData:
    """A period's pack and the data-quality tables, read from the training store."""

    pack: TrainingPack
    quarantine: pd.DataFrame
    files: pd.DataFrame
    config: TrainingConfig


def load_training_pack(data: str | Path, period: str | Period) -> TrainingData:
    """The period pack computed in the training store, with its quarantine and file reconciliation.

    Read-only: waits for an ingest under way to finish (up to a minute) rather than fail.
    """
    with open_training_store(training_store_path(data), read_only=True) as con:
        config = training_config_for(data)
        name = period if isinstance(period, str) else period.name
        budgets = current_budgets(con, parse_period(name).year_name)
        pack = training_pack(duckdb_runner(con), "training_records", budgets, period, config)
        files = con.execute(
            "SELECT name AS file, kind, rows_read, accepted, quarantined FROM training_files ORDER BY file_id"
        ).df()
        return TrainingData(pack, training_quarantine(con), files, config)
