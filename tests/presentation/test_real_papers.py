"""The real published plans (issue #21 items 2 and 8) render a paper for every year with no warning, every
status in words; the three-year Cumbria plan draws its staircase across the years, says which year's target
is in force and compares each year with the one before."""

from __future__ import annotations

import re
import warnings

import pytest

from compact_analysis.presentation import html as ui
from compact_analysis.presentation.indicator_sections import trajectory_figure
from compact_analysis.presentation.paper import paper_from_folder
from tests.helpers import ingested_real_folder

PLANS = {
    "apprenticeship": ("public-sector-apprenticeship-target-2017-21", ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]),
    "cumbria": ("cumbria-council-plan-2010-13", ["2010-11", "2011-12", "2012-13"]),
}  # fmt: skip
SECTIONS = (
    "title_block", "summary_table", "narrative", "year_end", "rule_note", "priority_sections", "member_matrix",
    "exceptions_register", "returns_received", "data_quality", "method_appendix", "inputs_appendix",
)  # fmt: skip


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("real")
    return {name: ingested_real_folder(tmp, name, framework) for name, (framework, _) in PLANS.items()}


def _render(folder, year: str) -> tuple[object, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "identical low and high ylims" and the like fail the test
        paper = paper_from_folder(folder, year)
        return paper, "".join(str(getattr(paper, section)()) for section in SECTIONS)


@pytest.mark.parametrize(("plan", "year"), [(p, y) for p, (_, years) in PLANS.items() for y in years])
def test_every_year_renders_without_a_warning_and_every_status_has_words(folders, plan, year):
    paper, page = _render(folders[plan], year)
    for result in paper.evaluation.results:
        assert result.status.label and result.status.reason, result.indicator.id
        assert ui.escape(result.status.label) in page, (result.indicator.id, result.status.label)
    assert ("Illustrative returns." in page) == (plan == "cumbria")  # the real DfE figures carry no banner
    assert "Synthetic data." not in page  # a real council is never called invented


def test_the_three_year_chart_runs_across_the_years_with_the_steps(folders):
    paper, _ = _render(folders["cumbria"], "2011-12")
    chart = trajectory_figure(paper.framework, paper.earlier_years + paper.history, "ni136")
    # The 2010-11 return (2,771) is drawn with 2011-12's (2,780): the chart's actuals span the years.
    assert "(2010-11: 2771, 2011-12: 2780)" in chart.alt
    assert "The vertical axis starts at" in chart.caption  # 2,737 to 2,820 on an axis from 0 is a flat line


def test_each_year_s_paper_names_the_step_in_force_and_compares_with_the_year_before(folders):
    _, first = _render(folders["cumbria"], "2010-11")
    _, second = _render(folders["cumbria"], "2011-12")
    _, last = _render(folders["cumbria"], "2012-13")
    assert "The plan&#x27;s step in force at 31 March 2011: 2,765 (due 31 March 2011)" in first
    assert "no figure for the previous year, 2009-10" in first
    assert "step in force at 31 March 2012: 2,792 (due 31 March 2012); its final target is 2,820" in second
    # NI 136 2,771 -> 2,780: improved, said once (for a year, the previous period is the year before).
    assert (
        'Direction of travel: <span class="ca-direction"><span class="ca-arrow" aria-hidden="true">\u25b2</span> '
        "improved</span> against the previous year, 2010-11. Owner"
    ) in second
    assert "against the same period a year earlier" not in second
    # The plan's 72.77 is written as the plan wrote it, not 72.8.
    assert "to a target of 72.77" in second
    assert "Achieved: 2,826 against a target of 2,820, 6 over" in last


def test_the_running_total_and_the_floor_are_drawn_across_the_years(folders):
    _, page = _render(folders["apprenticeship"], "2021-22")
    alts = re.findall(r'alt="([^"]*)"', page)
    totals = next(a for a in alts if a.startswith("Line chart: New apprentice starts since 1 April 2017,"))
    # 45.8, then + 57.5 = 103.3, + 59.4 = 162.7, + 60.6 = 223.3, + 63.7 = 287.
    assert "2017-18: 45.8, 2018-19: 103.3, 2019-20: 162.7, 2020-21: 223.3, 2021-22: 287" in totals
    rates = next(a for a in alts if a.startswith("Line chart: New apprentice starts as a percentage of headcount"))
    assert "2020-21: no data" in rates and "The floor in force is dotted." in rates
    # The floor's words: 100 × 32.8 / 1625.1 = 2.018%, 0.282 points below 2.3.
    assert "Not met: 2.02%, 0.282 points below the floor of 2.3%" in page
