"""Audience: the bodies a period's paper goes to, recorded in the manifest and grouped on ``bodies.html``."""

import json

from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.timetable import audience_of
from compact_analysis.publishing.audience_index import (
    bodies_of,
    render_bodies_index,
    reports_for_body,
    write_bodies_index,
)
from compact_analysis.publishing.manifest import audience_fields
from compact_analysis.publishing.site_index import render_index
from tests.helpers import FRAMEWORKS

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
CONSULTED = ["ssig", "joint-executive", "executive-member", "working-parties"]


def test_a_periods_audience_is_the_bodies_of_the_timetables_papers_of_its_cadence(compact):
    # Termly: five papers, all to EMT, two of them consulting the other four bodies.
    assert audience_of(LEA, parse_period("2004-05-T1")) == (["emt"], CONSULTED)
    # Quarterly: capital, to EMT and DMG; monthly: revenue, the same; half-termly: major plans, EMT.
    assert audience_of(LEA, parse_period("2004-05-Q2")) == (["emt", "dmg"], [])
    assert audience_of(LEA, parse_period("2004-05-H3")) == (["emt"], [])
    assert audience_of(compact, parse_period("2009-10-Q2")) == ([], [])  # a framework with no timetable


def test_the_manifest_fields_name_the_bodies():
    assert audience_fields(LEA, parse_period("2004-05-Q1")) == {
        "audience": [{"id": "emt", "name": "EMT"}, {"id": "dmg", "name": "DMG"}],
        "consulted": [],
    }


def _manifest(period: str, audience: list[str], consulted: list[str] = (), title: str = "Plan") -> dict:
    named = {"emt": "EMT", "dmg": "DMG", "ssig": "<SSIG>"}
    return {"framework": "lea", "title": title, "period": period, "folder": f"lea/{period}", "pdf": False,
            "audience": [{"id": b, "name": named[b]} for b in audience],
            "consulted": [{"id": b, "name": named[b]} for b in consulted]}  # fmt: skip


REPORTS = [_manifest("2004-05-T1", ["emt"], ["ssig"]), _manifest("2004-05-Q2", ["emt", "dmg"])]


def test_each_body_sees_only_the_papers_that_go_to_it_with_its_role():
    assert bodies_of(REPORTS) == [("emt", "EMT"), ("ssig", "<SSIG>"), ("dmg", "DMG")]
    assert [(m["period"], role) for m, role in reports_for_body(REPORTS, "dmg")] == [("2004-05-Q2", "Receives")]
    assert [(m["period"], role) for m, role in reports_for_body(REPORTS, "ssig")] == [("2004-05-T1", "Consulted")]
    assert len(reports_for_body(REPORTS, "emt")) == 2


def test_the_page_escapes_names_and_has_a_section_per_body():
    page = render_bodies_index([*REPORTS, _manifest("2004-05-T2", ["emt"], title="<script>x</script>")])
    assert "<SSIG>" not in page and "&lt;SSIG&gt;" in page and "<script>" not in page
    assert page.count("<h2") == 3 and 'id="body-dmg"' in page and 'href="lea/2004-05-Q2/evaluation.html"' in page
    assert "Consulted" in page and "Receives" in page


def test_the_index_links_the_page_only_when_a_report_names_a_body(tmp_path):
    assert 'href="bodies.html"' in render_index(REPORTS)
    assert 'href="bodies.html"' not in render_index([_manifest("2004-05-T1", [])])
    for m in REPORTS:
        folder = tmp_path / m["folder"]
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text(json.dumps({k: v for k, v in m.items() if k != "folder"}))
    assert write_bodies_index(tmp_path) == tmp_path / "bodies.html"
    for m in REPORTS:
        (tmp_path / m["folder"] / "manifest.json").write_text(json.dumps({**m, "audience": [], "consulted": []}))
    assert write_bodies_index(tmp_path) is None and not (tmp_path / "bodies.html").exists()
