"""The notebooks for analysts (issue #23 items 3 and 7): typed parameters with help, the project's kernel,
and a one-line error when a notebook cannot find its data folder."""

import json
import subprocess
import sys
from pathlib import Path

import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from compact_analysis.paths import DATA_ENV
from compact_analysis.publishing import kernel_name
from tests.helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_parameter_has_a_type_and_help(path):
    for name, parameter in papermill.inspect_notebook(str(path)).items():
        assert parameter["inferred_type_name"] not in ("None", "", None), name
        assert len(parameter["help"]) > 10, name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebooks_name_the_project_kernel_and_no_relative_default(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == kernel_name.KERNEL_NAME
    assert "../" not in "".join(nb["cells"][0]["source"])


def test_papermill_help_notebook_lists_types_and_help():
    done = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(ROOT / "notebooks" / "period_evaluation.ipynb")],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "period: str" in done.stdout and "data: Optional[str]" in done.stdout
    assert "the period to evaluate" in done.stdout and "Unknown type" not in done.stdout


def _kernelspec(folder: Path, python: str) -> None:
    spec = folder / "kernels" / kernel_name.KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(json.dumps({"argv": argv, "display_name": "x", "language": "python"}))


def test_a_batch_uses_the_project_kernel_only_when_it_runs_this_python(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "this"))
    _kernelspec(tmp_path / "this", sys.executable)
    assert kernel_name.batch_kernel_name() == "compact-analysis"
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "other"))
    _kernelspec(tmp_path / "other", "/elsewhere/bin/python")
    assert kernel_name.batch_kernel_name() == "python3"


def test_a_notebook_run_from_the_wrong_folder_fails_in_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)
    with pytest.raises(PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "period_evaluation.ipynb"), str(tmp_path / "out.ipynb"),
            parameters={"data": "data/demo"}, progress_bar=False, cwd=str(tmp_path), kernel_name="python3",
        )  # fmt: skip
    assert caught.value.ename == "ParameterError"
    assert caught.value.traceback == [f"error: data folder 'data/demo' not found (looked for in {tmp_path}); "
                                      "give an absolute path"]  # fmt: skip
