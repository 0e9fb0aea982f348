"""The small hand-built futures case: two areas, three routes, three projected years (2011-2013).

Base year 2010, age 16 only. Area A (consortium North): 10 Apprenticeships, 20 Diplomas, 50 General
qualifications, 20 not participating: rate 80/100 = 0.8, mix 1/8, 1/4, 5/8. Area B (consortium South):
30, 0, 30, 40 not participating: rate 0.6, mix 1/2, 0, 1/2. Cohort (principal) of 16-year-olds:
A 100, 110, 120 and B 200, 200, 200 in 2011, 2012, 2013. Places in 2010: A 20 Apprenticeships (30 from
2012, a planned change), 30 Diplomas, 60 General; B 100 Apprenticeships, 80 General, no Diplomas.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.futures.scenario_file import Scenario

APP, DIP, GEN = "Apprenticeships", "Diplomas", "General qualifications"
NOT = "Not participating"

AREAS = pd.DataFrame({"area": ["A", "B"], "name": ["Area A", "Area B"], "consortium": ["North", "South"]})
PARTICIPATION = pd.DataFrame(
    [(2010, "A", 16, r, n) for r, n in ((APP, 10), (DIP, 20), (GEN, 50), (NOT, 20))]
    + [(2010, "B", 16, r, n) for r, n in ((APP, 30), (DIP, 0), (GEN, 30), (NOT, 40))],
    columns=["year", "area", "age", "route", "young_people"],
)
COHORT = pd.DataFrame(
    [("principal", "A", 16, y, p) for y, p in ((2011, 100.0), (2012, 110.0), (2013, 120.0))]
    + [("principal", "B", 16, y, 200.0) for y in (2011, 2012, 2013)],
    columns=["variant", "area", "age", "year", "population"],
)
PROVISION = pd.DataFrame(
    [
        ("P1", "A", APP, 2010, 20, 2),
        ("P1", "A", APP, 2012, 30, 2),
        ("P2", "A", DIP, 2010, 30, 3),
        ("P3", "A", GEN, 2010, 60, 1),
        ("P4", "B", APP, 2010, 100, 2),
        ("P5", "B", GEN, 2010, 80, 4),
    ],
    columns=["provider", "area", "route", "year", "places", "grade"],
)
#: 100% participation by 2013, 15 points of the mix moving from General qualifications to Apprenticeships.
FULL = Scenario("full", "Full participation", 2013, route_shifts={APP: 0.15, GEN: -0.15})
#: 60% participation by 2013: both areas are there already (A 0.8, B 0.6), so their rates are held.
MET = Scenario("met", "Already met", 2013, participation=0.6)
