"""The batch worker: one kept-alive kernel, reset between notebooks, recovering after a failure."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import nbformat
import pytest

from compact_analysis.publishing.render import NotebookJob, NotebookWorker


def _notebook(folder: Path, name: str, body: str) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("label = 'unset'")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def _job(folder: Path, notebook: Path, label: str) -> NotebookJob:
    return NotebookJob(notebook, folder / "out", label, {"label": label}, "test", pdf=False, label=label)


def _printed(folder: Path, label: str) -> str:
    nb = nbformat.read(folder / "out" / f"{label}.ipynb", as_version=4)
    return "".join(o.get("text", "") for o in nb.cells[-1].outputs)


@pytest.fixture
def worker(tmp_path):
    w = NotebookWorker(cwd=tmp_path)
    yield w
    w.close()


def test_each_notebook_starts_with_an_empty_namespace_but_keeps_imported_modules(tmp_path, worker):
    first = _notebook(tmp_path, "first", "import sys, textwrap\nleftover = label\nprint('first ran')")
    second = _notebook(
        tmp_path,
        "second",
        "import sys\nprint('leftover' in globals(), 'textwrap' in globals(), 'textwrap' in sys.modules, label)",
    )
    assert worker.run(_job(tmp_path, first, "a")).ok
    assert worker.run(_job(tmp_path, second, "b")).ok
    assert worker.run(_job(tmp_path, second, "c")).ok  # a third run: replies still reach this worker
    assert _printed(tmp_path, "b") == "False False True b\n"
    assert _printed(tmp_path, "c") == "False False True c\n"


def test_a_failed_notebook_names_its_cell_and_the_next_one_runs_in_a_fresh_kernel(tmp_path, worker):
    setup = _notebook(tmp_path, "setup", "import builtins\nbuiltins.marker_from_failed_run = 1")
    failing = _notebook(tmp_path, "failing", "raise ValueError('bad member')")
    after = _notebook(tmp_path, "after", "import builtins\nprint(hasattr(builtins, 'marker_from_failed_run'))")
    assert worker.run(_job(tmp_path, setup, "setup")).ok
    failed = worker.run(_job(tmp_path, failing, "failing"))
    assert not failed.ok
    assert "ValueError" in failed.error and "bad member" in failed.error
    assert failed.failed_notebook.endswith("failing.ipynb")
    assert worker.run(_job(tmp_path, after, "after")).ok
    assert _printed(tmp_path, "after") == "False\n"  # the kernel was restarted, not merely reset


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts open files through /proc")
def test_papermill_clients_are_disconnected_after_each_notebook(tmp_path, worker):
    """papermill leaves its client connected when handed a kernel; the worker closes it, so none pile up."""
    notebook = _notebook(tmp_path, "tiny", "print(label)")
    assert worker.run(_job(tmp_path, notebook, "first")).ok
    gc.collect()
    before = _open_descriptors()
    for n in range(8):
        assert worker.run(_job(tmp_path, notebook, f"n{n}")).ok
    gc.collect()
    assert _open_descriptors() - before < 8  # a leaked client holds several sockets: 8 runs would add dozens
    assert _printed(tmp_path, "n7") == "n7\n"
