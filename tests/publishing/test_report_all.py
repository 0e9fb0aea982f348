"""The whole year's pack from the command line: every quarter, 50 scorecards each, and the index (slow)."""

import html
import re
import subprocess

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.evidence.demo import AWKWARD_NAME
from tests.helpers import FRAMEWORKS


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, pdf
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.browser
@pytest.mark.slow
def test_report_all_with_scorecards(demo_copy, tmp_path):
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        main,
        ["report-all", "--data", str(demo_copy), "--frameworks-dir", str(FRAMEWORKS),
         "--out", str(out), "--scorecards", "--workers", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        folder = out / "compact-2009-10" / f"2009-10-{quarter}"
        for suffix in ("html", "pdf", "ipynb"):
            assert (folder / f"evaluation.{suffix}").exists()
        members = folder / "members"
        # 50 deemed members in every quarter: one left on 31 Oct and one joined on 1 Nov.
        scorecards = [p for p in members.glob("*.html") if p.name != "index.html"]  # index.html lists them
        assert len(scorecards) == 50 and len(list(members.glob("*.pdf"))) == 50
        assert all(f'href="{p.name}"' in (members / "index.html").read_text(encoding="utf-8") for p in scorecards)
        for page in [folder / "evaluation.html", *scorecards]:
            text = page.read_text(encoding="utf-8")
            code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', text)
            assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells), page.name
            assert "<Hub>" not in text, page.name  # the awkward member name never reaches HTML raw
        # M007's name (with <, & and a quote) is escaped on its scorecard, in the paper and in the members index.
        for page in (members / "M007.html", folder / "evaluation.html", members / "index.html"):
            text = page.read_text(encoding="utf-8")
            assert html.escape(AWKWARD_NAME, quote=False) in text or html.escape(AWKWARD_NAME) in text, page
        # Page counts: the paper runs to a few A4 pages per priority; a scorecard (20 figures) to one to ten: its
        # returns table grows through the year, and the release statement, sign-off and glossary (#24, #26) add one.
        assert 4 <= _pages(folder / "evaluation.pdf") <= 40
        assert all(1 <= _pages(pdf) <= 10 for pdf in members.glob("*.pdf"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("2009-10-Q4") < index.index("2009-10-Q1")  # newest first
