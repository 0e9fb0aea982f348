"""The futures exploration notebook runs top to bottom on the demo inputs, its own scenario included."""

from __future__ import annotations

import json

import pytest

from compact_analysis.futures.demo import write_futures_demo
from tests.helpers import ROOT


@pytest.mark.slow  # a kernel start and the package imports: over 20 s on a loaded machine
def test_futures_explore_runs_on_the_demo(tmp_path):
    import papermill  # heavy: only this test runs a notebook

    write_futures_demo(tmp_path / "data")
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "futures_explore.ipynb"), str(tmp_path / "explore.ipynb"),
        parameters={"data": str(tmp_path / "data")}, progress_bar=False, cwd=str(ROOT / "notebooks"),
    )  # fmt: skip
    executed = json.loads((tmp_path / "explore.ipynb").read_text(encoding="utf-8"))
    texts = ["".join(o.get("data", {}).get("text/plain", "")) for c in executed["cells"] for o in c.get("outputs", [])]
    assert any("high-growth-2020" in t for t in texts)  # the comparison of the file's scenarios
    assert any("Western Hills Consortium" in t for t in texts)  # the analyst's own scenario by consortium
