"""The Public Sector Apprenticeship Target (issue #21 item 8): the DfE's published figures by sub-sector,
evaluated under data/frameworks/public-sector-apprenticeship-target-2017-21.yaml, each expected value worked
by hand from the published figures in tests/data/real/apprenticeship/ (thousands, one decimal)."""

from __future__ import annotations

import pytest

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.evaluation.status import StatusCode
from compact_analysis.plan.periods import parse_period
from tests.helpers import ingested_real_folder

FRAMEWORK = "public-sector-apprenticeship-target-2017-21"
YEARS = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return ingested_real_folder(tmp_path_factory.mktemp("psat"), "apprenticeship", FRAMEWORK)


@pytest.fixture(scope="module")
def years(folder):
    return {year: folder.evaluate(year) for year in YEARS}


def _one_sub_sector(folder, member_id: str, year: str):
    period = parse_period(year)
    as_at = default_as_at(folder.framework, period)
    observations = folder.read_evidence(as_at).observations
    register = folder.register[folder.register["member_id"] == member_id]
    return evaluate_period(folder.framework, observations, register, period, as_at)


def test_the_total_starts_each_year_are_the_sub_sectors_summed(years):
    # Summed by hand from the sub-sector rows:
    # 2017-18: 13.5 + 4.5 + 0.2 + 11.3 + 13.9 + 2.0 + 0.4 = 45.8 (Academies: no data, no return, not a 0);
    # 2018-19: 1.7 + 11.0 + 5.5 + 0.6 + 16.2 + 19.6 + 2.0 + 0.9 = 57.5, where the published Total is 57.4:
    #          each sub-sector is rounded on its own, so the rounded parts add to 0.1 more than the rounded total;
    # 2019-20: 2.3 + 10.8 + 7.5 + 0.6 + 15.9 + 18.3 + 2.1 + 1.9 = 59.4; 2020-21: 2.6 + 12.4 + 7.8 + 0.5 + 12.3
    #          + 19.9 + 1.4 + 3.7 = 60.6; 2021-22: 4.1 + 11.2 + 7.3 + 0.6 + 13.7 + 21.6 + 1.7 + 3.5 = 63.7.
    totals = [years[y].result("new-starts").value.value for y in YEARS]
    assert totals == pytest.approx([45.8, 57.5, 59.4, 60.6, 63.7])
    assert years["2017-18"].result("new-starts").value.members_without_return == ("ACAD",)


def test_starts_since_april_2017_run_across_the_years(years):
    # 45.8 + 57.5 + 59.4 + 60.6 = 223.3 at 31 March 2021, the end of the target period (the published totals
    # give 223.2: the 0.1 of 2018-19's rounding); + 63.7 = 287.0 at 31 March 2022.
    assert years["2020-21"].result("starts-since-2017").value.value == pytest.approx(223.3)
    assert years["2021-22"].result("starts-since-2017").value.value == pytest.approx(287.0)


def test_new_starts_are_information_only_and_go_up_year_on_year(years):
    # polarity none: "up" or "down", never "improved"; 45.8 -> 57.5 -> 59.4 -> 60.6 -> 63.7 rises every year.
    for year in YEARS[1:]:
        result = years[year].result("new-starts")
        assert result.status.code == StatusCode.MONITORED
        assert result.direction == "up"


def test_local_government_2021_22_is_below_the_floor_and_the_armed_forces_above(folder):
    # Local Government 2021-22: 100 × 13.7 / 1049.4 = 1.3055% (published 1.3%): below 2.3, not met.
    local = _one_sub_sector(folder, "LG", "2021-22").result("in-year-rate")
    assert local.value.value == pytest.approx(100 * 13.7 / 1049.4) and round(local.value.value, 1) == 1.3
    assert local.status.code == StatusCode.NOT_MET
    # Armed Forces 2021-22: 100 × 11.2 / 159 = 7.044%; the DfE publishes 7.1% because it divides the
    # unrounded figures (the 11.2 thousand and 159 thousand are rounded), so 7.0 here is the rounding, not an error.
    forces = _one_sub_sector(folder, "AF", "2021-22").result("in-year-rate")
    assert forces.value.value == pytest.approx(100 * 11.2 / 159) and round(forces.value.value, 1) == 7.0
    assert forces.status.code == StatusCode.MET


def test_the_in_year_rate_reads_only_sub_sectors_that_returned_both(years):
    # 2019-20: the Armed Forces, Civil Service, Local Government and NHS gave a headcount:
    # 100 × (10.8 + 7.5 + 15.9 + 18.3) / (153.3 + 355.8 + 1081.4 + 1127.0) = 100 × 52.5 / 2717.5 = 1.932%: not met.
    # 2020-21: no headcount at all, so no rate ("No data"), never 0%.
    rate_2019 = years["2019-20"].result("in-year-rate")
    assert rate_2019.value.value == pytest.approx(100 * 52.5 / 2717.5)
    assert rate_2019.status.code == StatusCode.NOT_MET
    assert "4 members returned only one of the two" in rate_2019.value.note
    assert years["2020-21"].result("in-year-rate").value.value is None
    assert years["2020-21"].result("in-year-rate").status.code == StatusCode.NO_DATA


def test_the_target_period_rate_is_total_starts_over_total_headcounts_judged_at_31_march_2021(years):
    # The Regulations' measure: starts since 1 April 2017 over the headcounts since then, over the member-years
    # that gave both: the sum of starts over the sum of headcounts, as the older summary computes it (its 2019-20
    # Armed Forces row: app_new_cum 35.3 / emp_prior_cum 448.5 = 7.87%, published 7.9), not a mean of yearly rates.
    # At 2020-21 only 2019-20 has headcounts: 52.5 / 2717.5 = 1.932% < 2.3: not met.
    # Before 31 March 2021 the floor is not yet in force; after it, no longer (information only in 2021-22).
    # 2021-22: (52.5 + 11.2 + 7.3 + 0.6 + 13.7) / (2717.5 + 159 + 389.9 + 26.8 + 1049.4) = 85.3 / 4342.6 = 1.964%.
    at_end = years["2020-21"].result("target-period-rate")
    assert at_end.value.value == pytest.approx(100 * 52.5 / 2717.5)
    assert at_end.status.code == StatusCode.NOT_MET
    assert years["2019-20"].result("target-period-rate").status.code == StatusCode.MONITORED
    after = years["2021-22"].result("target-period-rate")
    assert after.value.value == pytest.approx(100 * 85.3 / 4342.6)
    assert after.status.code == StatusCode.MONITORED and "from 1 April 2017" in after.value.note
