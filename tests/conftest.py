"""Shared fixtures: the default framework, and a demo data set ingested once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE, DemoResult, generate_demo
from compact_analysis.evidence.ingest import Reconciliation, ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.plan.framework import Framework, load_framework
from compact_analysis.plan.members import load_register
from compact_analysis.publishing.render import find_browser
from tests.helpers import FRAMEWORKS


@pytest.fixture(scope="session")
def compact() -> Framework:
    return load_framework(FRAMEWORKS / "compact-2009-10.yaml")


@dataclass
class IngestedDemo:
    demo: DemoResult
    store: Path
    reconciliations: list[Reconciliation]


@pytest.fixture(scope="session")
def ingested_demo(tmp_path_factory, compact) -> IngestedDemo:
    folder = tmp_path_factory.mktemp("demo")
    demo = generate_demo(folder, compact, seed=2009)
    (folder / SYNTHETIC_MARKER_FILE).write_text("synthetic\n", encoding="utf-8")
    register = load_register(demo.members_file)
    store = folder / "store.duckdb"
    with open_store(store) as con:
        results = [ingest_returns(con, path, compact, register) for path in demo.return_files]
    return IngestedDemo(demo, store, results)


@pytest.fixture
def demo_copy(ingested_demo, tmp_path) -> Path:
    """A private copy of the ingested demo folder, for tests whose commands write to the store.

    ``report`` records each period's exceptions in the store's register; on the shared session store
    that would leak into every later test that reads the register.
    """
    import shutil

    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    return data


def pytest_collection_modifyitems(config, items):
    """Tests marked ``browser`` are skipped, saying why, when no Chromium-family browser is found.

    ``make test-fast`` leaves them out anyway; this keeps a plain ``pytest`` on a machine without
    Chromium (or with ``COMPACT_BROWSER`` pointing nowhere) from failing on what it cannot run.
    """
    if find_browser() is not None:
        return
    skip = pytest.mark.skip(reason="no Chromium-family browser: install chromium or set COMPACT_BROWSER")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)
