"""Notebooks are committed without outputs, start with a parameters cell, and define no functions."""

import json

import pytest

from tests.helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name == "period_evaluation.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_first_and_no_function_definitions(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    for cell in code:
        source = "".join(cell["source"])
        assert "def " not in source and "class " not in source, path.name


def test_explore_runs_top_to_bottom_on_the_demo(ingested_demo, tmp_path):
    import papermill

    from tests.helpers import FRAMEWORKS

    papermill.execute_notebook(
        str(ROOT / "notebooks" / "explore.ipynb"), str(tmp_path / "explore.ipynb"),
        parameters={"data": str(ingested_demo.store.parent), "frameworks_dir": str(FRAMEWORKS)},
        progress_bar=False, cwd=str(ROOT / "notebooks"),
    )  # fmt: skip
    executed = json.loads((tmp_path / "explore.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in executed["cells"] if "what_if.projected" in "".join(c["source"]))
    what_if = int("".join(cell["outputs"][0]["data"]["text/plain"]))
    # Q2's committed count plus 2 a month for October to March (12), capped at the 50 deemed members.
    assert 12 <= what_if <= 50
