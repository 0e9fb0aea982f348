"""No warning, stderr or traceback in any published output: every executed notebook of a year's pack is scanned.

A ``RuntimeWarning: divide by zero encountered in log1p`` once reached an annual framework's paper, and
matplotlib's "Attempting to set identical low and high ylims" a chart's; the causes are fixed in
:mod:`~compact_analysis.evaluation.forecast` and :mod:`~compact_analysis.presentation.charts`, and this
test keeps any other from being published (slow: it renders the whole demo year with scorecards).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.folder import DataFolder
from tests.helpers import FRAMEWORKS

#: Text that means something went wrong while the notebook ran, wherever it appears in an output.
ALARM = re.compile(r"\w*Warning\b|Traceback \(most recent call last\)|^\s*warnings\.warn", re.MULTILINE)


def problems(notebook: Path) -> list[str]:
    """Every stderr stream, error output and warning or traceback text in an executed notebook's outputs."""
    found = []
    for number, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error" or (kind == "stream" and output.get("name") == "stderr"):
                found.append(f"{notebook.name} cell {number}: {kind} {str(output)[:200]}")
                continue
            text = "".join(output.get("text", "")) + "".join(
                "".join(v) for k, v in output.get("data", {}).items() if k.startswith("text/")
            )
            match = ALARM.search(text)
            if match:
                found.append(f"{notebook.name} cell {number}: {text[max(0, match.start() - 80) : match.end() + 120]}")
    return found


def test_the_scan_finds_a_warning_and_a_stderr_stream(tmp_path):
    notebook = tmp_path / "n.ipynb"
    cells = [
        {"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stdout", "text": "fine"}]},
        {"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stderr", "text": "oops"}]},
        {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
            "text/html": "<p>x.py:1: RuntimeWarning: divide by zero encountered in log1p</p>"}}]},
    ]  # fmt: skip
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    found = problems(notebook)
    assert len(found) == 2 and "cell 1: stream" in found[0] and "RuntimeWarning" in found[1]


def _render(args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--frameworks-dir", str(FRAMEWORKS), "--no-pdf", "--scorecards"])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_no_published_notebook_of_the_demo_year_holds_a_warning(demo_copy, tmp_path):
    out = tmp_path / "reports"
    _render(["report-all", "--data", str(demo_copy), "--out", str(out), "--workers", "2"])
    notebooks = sorted(out.rglob("*.ipynb"))
    assert len(notebooks) == 4 * 51  # four quarters, each a paper and 50 scorecards
    assert [p for nb in notebooks for p in problems(nb)] == []


@pytest.mark.slow
def test_no_published_notebook_of_an_annual_paper_holds_a_warning(tmp_path):
    # The workforce framework (seed 004) reports some indicators annually: its 2019-20 paper runs the forecast
    # on one-year steps, where the log1p warning was printed.
    data = tmp_path / "workforce"
    folder = DataFolder.open(data, "workforce-2019-20", FRAMEWORKS)
    folder.init_demo()
    folder.ingest()
    out = tmp_path / "reports"
    _render(
        ["report", "--framework", "workforce-2019-20", "--data", str(data), "--period", "2019-20", "--out", str(out)]
    )
    notebooks = sorted(out.rglob("*.ipynb"))
    assert (out / "workforce-2019-20" / "2019-20" / "evaluation.ipynb") in notebooks and len(notebooks) > 1
    assert [p for nb in notebooks for p in problems(nb)] == []
