"""Who a report by exception's items go to: the timetable where the framework has one, else plan audiences (E19).

By hand from the LEA framework: its actions are CS-1 (community strategy), BP-1..BP-3 (business plan), EDP-1,
EDP-2 (EDP) and BVA-1 (attendance review); every plan, and every monitoring-measure plan, goes to EMT. The
copies below move the business plan to DMG: with the timetable, EMT (the audience of its half-termly paper by
exception) still receives every action, indicator and exception, and DMG (sent no report by exception) none;
without the timetable, the plan rule gives the business plan's three actions to DMG only.
"""

from compact_analysis.evaluation.by_exception import body_actions, receives_indicators
from compact_analysis.plan.framework import load_framework
from tests.helpers import FRAMEWORKS

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
ALL = ["CS-1", "BP-1", "BP-2", "BP-3", "EDP-1", "EDP-2", "BVA-1"]


def _moved(framework):
    plans = [p.model_copy(update={"audience": ["dmg"]}) if p.id == "business-plan" else p for p in framework.plans]
    return framework.model_copy(update={"plans": plans})


def test_with_a_timetable_its_paper_by_exception_decides():
    moved = _moved(LEA)
    assert list(body_actions(moved, "emt")) == ALL
    assert list(body_actions(moved, "dmg")) == []
    assert receives_indicators(moved, "emt") and not receives_indicators(moved, "dmg")


def test_without_a_timetable_the_plan_audiences_decide():
    bare = _moved(LEA.model_copy(update={"papers": []}))
    assert list(body_actions(bare, "emt")) == ["CS-1", "EDP-1", "EDP-2", "BVA-1"]
    assert list(body_actions(bare, "dmg")) == ["BP-1", "BP-2", "BP-3"]
    assert receives_indicators(bare, "emt") and not receives_indicators(bare, "dmg")  # monitoring measures: EMT
