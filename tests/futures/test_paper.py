"""The futures paper's sections on the hand-built case: figures as worked by hand, text escaped, numbers in words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from compact_analysis.futures.inputs import FuturesInputs
from compact_analysis.futures.numbers import gap_words, percent, places, whole
from compact_analysis.futures.paper import FuturesPaper
from compact_analysis.futures.scenarios import evaluate_all
from tests.futures.hand_case import AREAS, COHORT, FULL, MET, PARTICIPATION, PROVISION


@pytest.fixture
def paper() -> FuturesPaper:
    named = replace(FULL, name='Full <b>"participation"</b> & more')
    inputs = FuturesInputs(AREAS, COHORT, PARTICIPATION, PROVISION, [named, MET])
    return FuturesPaper(inputs, evaluate_all(AREAS, COHORT, PARTICIPATION, PROVISION, inputs.scenarios), True)


def test_numbers_in_words():
    assert whole(32.5) == 33 and whole(-12.5) == -12  # half rounds up
    assert places(1234.5) == "1,235"
    assert gap_words(33.2) == "33 places missing"
    assert gap_words(-13) == "13 spare places"
    assert gap_words(1) == "1 place missing"
    assert gap_words(0.4) == "none missing"
    assert percent((163 / 120) ** (1 / 3) - 1) == "10.7%"  # 1.3583 ** (1/3) = 1.1075
    assert percent(float("nan")) == "–"


def test_headline_figures_worked_by_hand(paper):
    head = paper.headline_figures()
    # full: Apprenticeships 33 missing by 2013, 11 a year; the met scenario misses nothing
    assert head["full"]["places_missing"]["Apprenticeships"] == 33
    assert head["full"]["extra_places_a_year"]["Apprenticeships"] == 11
    assert head["full"]["places_missing"]["General qualifications"] == 0
    assert set(head["met"]["places_missing"].values()) == {0}


def test_summary_says_what_is_missing_and_what_must_change_next_year(paper):
    text = paper.summary()
    assert "by 2013, Apprenticeships 33 places missing" in text
    assert "By this time next year, 11 more places than planned are needed" in text
    assert "Already met: the places planned meet demand on every route by 2013." in text


def test_scenario_names_are_escaped_everywhere(paper):
    for section in (paper.title_block(), paper.summary(), paper.scenarios_table(), paper.comparison_table(),
                    paper.next_year_table(), paper.level_table("consortium")):  # fmt: skip
        assert "<b>" not in section
    assert "Full &lt;b&gt;&quot;participation&quot;&lt;/b&gt; &amp; more" in paper.scenarios_table()


def test_tables_show_the_hand_worked_figures(paper):
    comparison = paper.comparison_table()
    assert "163 (163–163)" in comparison  # Apprenticeships demand in 2013, no interval (one history year)
    assert "13 spare places" in comparison  # General qualifications: 127 against 140
    assert "10.7%" in comparison
    next_year = paper.next_year_table()
    assert "131" in next_year  # 120 planned for 2011 plus 11
    consortium = paper.level_table("consortium")
    assert "3 places missing" in consortium and "30 places missing" in consortium  # North and South
    area = paper.level_table("area")
    assert "Area A (A)" in area
    audit = paper.provision_audit()
    assert "43%" in audit  # General qualifications: 60 of 140 places graded outstanding or good


def test_charts_carry_alt_text_with_their_figures(paper):
    charts = paper.route_charts()
    assert charts.count("<img") == 4  # one a route
    assert 'alt="Range chart of LA-wide demand for Apprenticeships places' in charts
    # LA-wide Apprenticeships in 2013: 33 + 130 = 163, no interval; places planned 30 + 100 = 130
    assert "demand 163 places in 2013 (range 163 to 163)" in charts
    assert "places planned reach 130 by 2013" in charts
    # 2010: (80 + 60) / 200 = 70.0%; the full scenario needs 100% by 2013 (every rate at 1)
    trajectory = paper.trajectory()
    assert 'alt="Line chart of the LA-wide participation rate: 70.0% in 2010' in trajectory
    assert "needs 100.0% by 2013" in trajectory
