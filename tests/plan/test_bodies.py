"""The framework's ``bodies``: who papers go to (seed 002's timetable), ids unique."""

from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


def test_the_lea_framework_names_the_bodies_of_seed_002():
    bodies = load_framework(LEA).bodies
    assert [b.id for b in bodies] == [
        "emt", "dmg", "ssig", "joint-executive", "executive-member", "working-parties"
    ]  # fmt: skip
    assert bodies[0].description == "Education Management Team incl. Heads"


def test_a_framework_without_bodies_loads_with_none(compact):
    assert compact.bodies == []


def test_a_body_id_given_twice_is_refused_where_it_is():
    data = read_yaml(LEA)
    data["bodies"].append({"id": "emt", "name": "EMT again"})
    found = [(f.column, f.code, f.message) for f in framework_failures(data)]
    assert found == [("bodies[6].id", FrameworkCode.DUPLICATE_VALUE, "duplicate id 'emt' (first at bodies[0].id)")]


def test_a_body_without_a_name_is_refused():
    data = read_yaml(LEA)
    data["bodies"].append({"id": "panel"})
    assert [(f.column, f.code) for f in framework_failures(data)] == [("bodies[6].name", FrameworkCode.MISSING_FIELD)]
