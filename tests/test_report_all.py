"""The whole year's pack from the command line: every quarter, 50 scorecards each, and the index (slow)."""

import re

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from tests.conftest import FRAMEWORKS


@pytest.mark.slow
def test_report_all_with_scorecards(ingested_demo, tmp_path):
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        main,
        ["report-all", "--data", str(ingested_demo.store.parent), "--frameworks-dir", str(FRAMEWORKS),
         "--out", str(out), "--scorecards", "--workers", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        folder = out / "compact-2009-10" / f"2009-10-{quarter}"
        for suffix in ("html", "pdf", "ipynb"):
            assert (folder / f"evaluation.{suffix}").exists()
        members = folder / "members"
        # 50 deemed members in every quarter: one left on 31 Oct and one joined on 1 Nov.
        assert len(list(members.glob("*.html"))) == 50 and len(list(members.glob("*.pdf"))) == 50
        for page in members.glob("*.html"):
            code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', page.read_text(encoding="utf-8"))
            assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells), page.name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("2009-10-Q4") < index.index("2009-10-Q1")  # newest first
