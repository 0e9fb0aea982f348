"""The charts of notebooks/explore.ipynb: trajectories, monthly process charts, members counted by sector."""

import pandas as pd
import pytest

from compact_analysis.presentation import explore
from compact_analysis.presentation.paper import prepare_paper
from tests.helpers import FRAMEWORKS

# Two indicators over three sectors, written by hand.
COUNTS = pd.DataFrame(
    {
        "indicator_id": ["a", "a", "a", "b"],
        "sector": ["health", "police", "schools", "health"],
        "members": [4, 0, 5, 4],
        "returned": [3, 0, 5, 2],
        "counted": [1, 0, 3, 2],
    }
)


def test_sector_shares_are_counted_over_members_and_none_for_an_empty_sector():
    rows = explore.sector_shares(COUNTS, "a")
    assert list(rows["sector"]) == ["health", "police", "schools"]
    # health 1 of 4 = 0.25; police has no members, so no share (not 0); schools 3 of 5 = 0.6
    assert rows["share"].iloc[0] == 0.25 and pd.isna(rows["share"].iloc[1]) and rows["share"].iloc[2] == 0.6


def test_an_unknown_indicator_names_the_known_ones():
    with pytest.raises(KeyError, match=r"'c'.*a, b"):
        explore.sector_shares(COUNTS, "c")


def test_the_sector_chart_says_its_numbers_in_its_alt_text():
    chart = explore.sector_chart(COUNTS, "a", "Indicator A: by sector")
    assert chart.png.startswith(b"\x89PNG")
    assert "health: 1 of 4; police: 0 of 0; schools: 3 of 5" in chart.alt


def test_the_explore_charts_of_the_demo_quarter(ingested_demo):
    paper = prepare_paper("compact-2009-10", str(ingested_demo.store.parent), "2009-10-Q2", None, str(FRAMEWORKS))
    results = paper.evaluation.results
    # one chart per indicator with a trajectory, per monthly figure with a process chart, per member count
    assert len(explore.trajectory_charts(paper)) == sum(r.has_trajectory for r in results)
    monthly = explore.monthly_charts(paper)
    assert len(monthly) == sum(r.spc is not None and r.spc.mean is not None for r in results) > 0
    assert all("XmR chart" in chart.alt for chart in monthly)
    counted = {r.indicator.id for r in results if r.indicator.aggregate in ("count-at-level", "count-yes")}
    assert len(explore.sector_charts(paper)) == len(counted)
