"""Names that become paths are checked; notebook parameters reach the kernel as data, never code."""

from __future__ import annotations

import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.paths import safe_name


@pytest.mark.parametrize(
    "name",
    ["../../etc", "/etc/passwd", "a/b", "a\\b", "..", ".hidden", "CON", "nul.txt", "x" * 65, "", "period\n2"],
)
def test_unsafe_names_are_refused(name):
    """A framework id, period or member id that would escape its folder or is reserved or too long.
    Refused with a ParameterError naming it; no file is written."""
    with pytest.raises(ParameterError):
        safe_name(name, "member id")


@pytest.mark.parametrize("name", ["compact-2009-10", "2009-10-Q2", "M007", "member_12.b"])
def test_ordinary_names_pass(name):
    """Ordinary ids and period names.
    Accepted unchanged."""
    assert safe_name(name) == name


def test_hostile_parameter_values_are_injected_as_literals():
    """A parameter value that looks like Python code (quotes, import, os.system).
    papermill writes it as a string literal in the injected cell, so nothing is executed."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from tests.helpers import ROOT

    nb = load_notebook_node(str(ROOT / "notebooks" / "period_evaluation.ipynb"))
    hostile = "2009-10-Q2\"); import os; os.system('touch /tmp/pwned'); (\""
    injected = parameterize_notebook(nb, {"period": hostile})
    cell = next(c for c in injected.cells if "injected-parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    exec(compile(cell.source, "injected", "exec"), namespace)  # the cell is only assignments
    assert namespace["period"] == hostile


def test_hostile_period_is_refused_before_the_kernel_starts(ingested_demo, tmp_path):
    """A report asked for a period that is not a period name.
    One-line error (exit code 2) before papermill starts; no report folder is created."""
    from click.testing import CliRunner

    from compact_analysis.cli import main
    from tests.helpers import FRAMEWORKS

    result = CliRunner().invoke(
        main,
        [
            "report",
            "--data",
            str(ingested_demo.store.parent),
            "--period",
            "../../etc/passwd",
            "--frameworks-dir",
            str(FRAMEWORKS),
            "--out",
            str(tmp_path / "reports"),
            "--no-pdf",
        ],
    )
    assert result.exit_code == 2 and result.output.startswith("error: ")
    assert not (tmp_path / "reports").exists()
