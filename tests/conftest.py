"""Shared fixtures: the default framework, and a demo data set ingested once per test session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE, DemoResult, generate_demo
from compact_analysis.evidence.ingest import Reconciliation
from compact_analysis.folder import DataFolder
from compact_analysis.plan.framework import Framework, load_framework
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
    folder: DataFolder  # the data folder the demo was written to, with its framework, register and store


@pytest.fixture(scope="session")
def ingested_demo(tmp_path_factory, compact) -> IngestedDemo:
    folder = tmp_path_factory.mktemp("demo")
    demo = generate_demo(folder, compact, seed=2009)
    (folder / SYNTHETIC_MARKER_FILE).write_text("synthetic\n", encoding="utf-8")
    data = DataFolder.open(folder, FRAMEWORKS / "compact-2009-10.yaml")
    results = data.ingest(demo.return_files)
    return IngestedDemo(demo, data.store_path, results, data)


@pytest.fixture
def demo_copy(ingested_demo, tmp_path) -> Path:
    """A private copy of the ingested demo folder, for tests whose commands write to the store.

    ``report`` records each period's exceptions in the store's register; on the shared session store
    that would leak into every later test that reads the register.
    """
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
