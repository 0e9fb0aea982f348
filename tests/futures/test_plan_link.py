"""The link between the futures model and the plan (issue #25, item 5), worked by hand.

The framework is tests/data/frameworks/participation.yaml: a participation figure rising from 80% on
31 March 2009 to 90% by 31 March 2013 on a straight line (1,461 days: 2012 is a leap year), linked to the
futures model with ``per: 100``. The scenarios are the hand-built case of tests/futures/hand_case.py
(base year 2010, target year 2013): FULL requires 100% LA-wide in 2013; MET holds A at 0.8 and B at 0.6,
so with 120 and 200 16-year-olds in 2013 it requires (0.8 × 120 + 0.6 × 200) / 320 = 216/320 = 0.675.
"""

from __future__ import annotations

from datetime import date

import pytest

from compact_analysis.errors import FrameworkError
from compact_analysis.futures.citation import scenario_citation
from compact_analysis.futures.codes import FuturesCode, FuturesInputError
from compact_analysis.futures.demo import write_futures_demo
from compact_analysis.futures.link_section import link_section, reach_words
from compact_analysis.futures.plan_link import PlanPath, chosen_scenario, plan_path, reach_table
from compact_analysis.futures.scenarios import evaluate_all
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.futures_link_checks import futures_link_failures
from tests.futures.hand_case import AREAS, COHORT, FULL, MET, PARTICIPATION, PROVISION
from tests.helpers import ROOT, evaluate_rows, register

FRAMEWORK = ROOT / "tests" / "data" / "frameworks" / "participation.yaml"
# The partnership's own figure for 2010-11: 84.0%, submitted within the 45-day lag.
ROWS = "PARTNERSHIP,participation-16-17,2010-11,2011-03-31,84.0,,2011-04-20"


@pytest.fixture(scope="module")
def framework():
    return load_framework(FRAMEWORK)


@pytest.fixture(scope="module")
def results():
    return evaluate_all(AREAS, COHORT, PARTICIPATION, PROVISION, [FULL, MET])


@pytest.fixture(scope="module")
def path(framework):
    evaluation = evaluate_rows(framework, ROWS, register("PARTNERSHIP"), "2010-11")
    return plan_path(framework, framework.futures.indicators[0], evaluation)


def test_the_plan_path_reads_the_trajectory_and_latest_value_as_shares(path):
    assert path.corners == ((date(2009, 3, 31), 0.8), (date(2013, 3, 31), 0.9))
    assert path.latest == pytest.approx(0.84) and path.period == "2010-11"
    # Expected on 31 March 2011: 730 of 1,461 days along, 80 + 10 × 730/1461 = 84.9966%.
    assert path.expected == pytest.approx((80 + 10 * 730 / 1461) / 100)


def test_a_year_is_read_on_31_december_and_the_target_holds_after_its_date(path):
    # 31 December 2011 is 730 + 275 = 1,005 days after 31 March 2009: 0.8 + 0.1 × 1005/1461.
    assert path.rate_in(2011) == pytest.approx(0.8 + 0.1 * 1005 / 1461)
    assert path.rate_in(2013) == pytest.approx(0.9)  # after 31 March 2013: the target held
    assert path.rate_in(2008) is None  # before the baseline the plan says nothing


def test_the_plan_reaches_a_scenario_only_when_its_rate_is_at_least_the_required_one(path, results):
    table = reach_table(path, results).set_index("scenario")
    assert table.at["full", "required"] == pytest.approx(1.0) and table.at["full", "plan"] == pytest.approx(0.9)
    assert table.at["met", "required"] == pytest.approx(216 / 320)
    assert list(table["reached"]) == [False, True]
    assert reach_words(path, results) == (
        "16-17 year olds in education or training: the plan's current trajectory reaches Already met; "
        "it falls short of Full participation."
    )


def test_without_evidence_the_section_says_so_and_names_no_trajectory(framework, results):
    empty = plan_path(framework, framework.futures.indicators[0], None)
    assert empty == PlanPath("participation", empty.name, None, None, (), None, None)
    assert reach_table(empty, results)["reached"].isna().all()
    html = link_section([empty], results, MET)
    assert "The plan adopts the scenario Already met (target year 2013)." in html
    assert "No evidence yet" in html and 'alt="' in html and html.count("<h2>") == 1


def test_the_section_is_empty_when_the_framework_links_nothing(results):
    assert link_section([], results, None) == ""


def test_the_chosen_scenario_must_be_in_the_scenario_file(framework):
    with pytest.raises(FuturesInputError) as caught:
        chosen_scenario(framework, [FULL, MET], "participation.yaml")  # it names participation-2015
    failure = caught.value.failures[0]
    assert (failure.file, failure.column, failure.value) == (
        "participation.yaml",
        "futures.scenario",
        "participation-2015",
    )
    assert failure.code == FuturesCode.UNKNOWN_SCENARIO


def test_a_linked_indicator_must_be_defined_once_and_have_a_figure():
    data = {
        "priorities": [{"indicators": [{"id": "p", "aggregate": "value"}, {"id": "m", "aggregate": "milestone"}]}],
        "futures": {"indicators": [{"indicator": "p"}, {"indicator": "nope"}, {"indicator": "m"}, {"indicator": "p"}]},
    }
    found = [(f.column, f.code) for f in futures_link_failures(data)]
    assert found == [
        ("futures.indicators[1].indicator", "undefined-reference"),
        ("futures.indicators[2].indicator", "not-a-figure"),
        ("futures.indicators[3].indicator", "duplicate-value"),
    ]


def test_an_unknown_linked_indicator_is_refused_when_the_framework_loads(tmp_path):
    text = FRAMEWORK.read_text(encoding="utf-8").replace("{indicator: participation, per: 100}", "{indicator: nope}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(bad)
    assert [f.column for f in caught.value.failures] == ["futures.indicators[0].indicator"]


def test_the_period_paper_cites_the_adopted_scenario_in_one_sentence(framework, tmp_path):
    assert scenario_citation(framework, tmp_path) == (
        "<p>The plan adopts the futures scenario participation-2015, which futures/scenarios.yaml does not hold "
        "(compact-analysis futures validate lists the file&#x27;s problems).</p>"
    )  # no file: said so, not left out
    write_futures_demo(tmp_path)
    assert scenario_citation(framework, tmp_path) == (
        "<p>The plan adopts the futures scenario Full participation by 2015: participation reaching 100% by 2015 "
        "(academic year 2015/16), set against the plan&#x27;s own participation trajectory in the futures paper.</p>"
    )
    unlinked = load_framework(ROOT / "tests" / "data" / "frameworks" / "figures.yaml")
    assert scenario_citation(unlinked, tmp_path) == ""
