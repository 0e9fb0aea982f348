"""An evaluation is a record: the four demo quarters rendered in three orders give byte-identical papers (slow)."""

import shutil

import nbformat
import pytest

from compact_analysis.publishing.batch import render_reports
from compact_analysis.publishing.render import number_cells
from tests.helpers import FRAMEWORKS

ORDERS = (
    ("2009-10-Q1", "2009-10-Q2", "2009-10-Q3", "2009-10-Q4"),
    ("2009-10-Q4", "2009-10-Q3", "2009-10-Q2", "2009-10-Q1"),
    ("2009-10-Q2", "2009-10-Q4", "2009-10-Q1", "2009-10-Q3"),
)


def _pages(reports) -> dict[str, bytes]:
    """Every paper and scorecard of a reports folder, by path inside it."""
    found = sorted((reports / "compact-2009-10").glob("2009-10-Q?/**/*.html"))
    return {str(p.relative_to(reports)): p.read_bytes() for p in found}


@pytest.mark.slow
def test_papers_and_scorecards_are_the_same_whatever_the_render_order(demo_copy, tmp_path):
    rendered = []
    for number, order in enumerate(ORDERS):
        data = tmp_path / "data"  # a fresh copy of the demo store each time, always at the same path
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(demo_copy, data)
        reports = tmp_path / f"reports-{number}"
        for period in order:  # one `report --period P --scorecards --no-pdf` after another, as a user runs them
            outcomes = render_reports(
                "compact-2009-10", data, [period], reports, FRAMEWORKS, scorecards=True, pdf=False, workers=2
            )
            assert all(o.ok for o in outcomes), [f.error for o in outcomes for f in o.failures]
        rendered.append(_pages(reports))
    first = rendered[0]
    # Four papers and 50 scorecards a quarter (plus each quarter's members index).
    assert sum(name.endswith("evaluation.html") for name in first) == 4
    assert sum("/members/M" in name for name in first) == 200
    for order, pages in zip(ORDERS[1:], rendered[1:], strict=True):
        assert pages.keys() == first.keys()
        differ = [name for name in first if pages[name] != first[name]]
        assert not differ, f"rendered in the order {', '.join(order)}, these differ: {differ[:5]}"


def test_cells_are_numbered_by_their_place_so_two_runs_give_the_same_ids(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a"), nbformat.v4.new_code_cell("1")])
    nb.cells.insert(1, nbformat.v4.new_code_cell("x = 1"))  # as papermill injects its parameters: a random id
    path = tmp_path / "run.ipynb"
    nbformat.write(nb, path)
    number_cells(path)
    assert [c.id for c in nbformat.read(path, as_version=4).cells] == ["cell-0", "cell-1", "cell-2"]
