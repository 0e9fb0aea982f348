"""The half-termly report by exception for the LEA demo lists only what needs attention (seed 002: "half
term by exception"): nothing green, on time or resolved appears in it."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime

import pandas as pd
import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.by_exception import prepare_by_exception
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


@pytest.fixture(scope="module")
def lea_demo(tmp_path_factory):
    folder = DataFolder.open(tmp_path_factory.mktemp("lea-bx"), LEA)
    folder.init_demo(seed=2004, members=12)
    folder.ingest(ingested_at=datetime(2005, 4, 30))
    folder.ingest_actions(ingested_at=datetime(2005, 4, 30))
    return folder


def _html(paper) -> str:
    parts = [paper.title_block(), paper.summary(), paper.exceptions_table("new"), paper.exceptions_table("open")]
    return "".join([*parts, paper.indicators_table(), paper.actions_table()])


@pytest.fixture(scope="module")
def h4(lea_demo):
    # Half term 4 runs 28 October - 17 December 2004; its evidence date is 17 December + 21 days = 7 January 2005.
    return prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "emt")


def test_only_overdue_and_stalled_actions_are_listed(h4):
    # As at 7 January 2005 (the demo's returns, evidence/demo_actions.py): BP-3 (due 30 November, nothing
    # reported) is overdue by 38 days; EDP-2 (started 6 September, reported "not-started") has no progress.
    # Done on time (CS-1, BVA-1, BP-1), done late (EDP-1) and in progress (BP-2) are left out.
    assert [(a.id, s.state, s.days_late) for _, a, s in h4.actions] == [
        ("BP-3", "overdue", 38),
        ("EDP-2", "no-progress", 0),
    ]
    table = h4.actions_table()
    for on_time in ("CS-1", "BVA-1", "BP-1", "BP-2", "EDP-1"):
        assert f">{on_time}<" not in table


def test_nothing_green_on_time_or_resolved_appears(lea_demo, h4):
    html = _html(h4)
    assert "ca-green" not in html and "Green" not in html  # no green badge, no green word
    evaluation = lea_demo.evaluate("2004-05-T2", date(2005, 1, 7), overrides=True)
    calm = [r.indicator.name for r in evaluation.results if r.status.code not in ("red", "target-overdue")]
    listed = [r.indicator.name for r in h4.indicators]
    assert listed == ["Schools in a category of concern", "Partnership working measure"]
    table = h4.indicators_table()
    for name in calm:  # every indicator not red or missed is absent from the indicators listed
        assert name not in table
    assert {str(s) for s in pd.concat(h4.exceptions.values())["status"]} == {"open"}


def test_resolved_exceptions_drop_out(tmp_path, lea_demo):
    copy = shutil.copytree(lea_demo.path, tmp_path / "copy")
    folder = DataFolder.open(copy, LEA)
    view = folder.exceptions_as_at(date(2005, 1, 7))
    slipped = view.loc[view["kind"] == "slippage", "exception_id"].iloc[0]
    folder.resolve(slipped, "round rescheduled to the spring term; heads told", date(2005, 1, 7))
    paper = prepare_by_exception(copy, LEA, "2004-05-H4", "emt")
    assert slipped not in _html(paper) and slipped in _html(
        prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "emt")
    )
    assert re.search(r"<td[^>]*>BP-3</td>", paper.actions_table())  # still overdue: the action is still listed


def test_owner_text_is_escaped(lea_demo):
    hostile = pd.DataFrame(
        [["schools-causing-concern", "<script>x</script>", "<b>late</b> & worse", "", ""]],
        columns=["id", "owner", "commentary", "action", "action_due"],
    )
    paper = prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "emt", commentary=hostile)
    table = paper.indicators_table()
    assert "<script>" not in table and "&lt;script&gt;" in table and "&lt;b&gt;late&lt;/b&gt; &amp; worse" in table


def test_a_body_the_framework_does_not_name_is_refused(lea_demo):
    with pytest.raises(ParameterError, match="no body 'board'"):
        prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "board")


def test_the_paper_is_the_timetables(h4):
    # The LEA timetable's half-termly paper by exception to EMT (tests/plan/test_exception_papers.py by hand).
    assert h4.timetable_paper == "major-plans-exceptions"


def test_a_body_the_timetable_sends_none_to_is_refused(lea_demo):
    with pytest.raises(ParameterError, match="sends dmg no report by exception for 2004-05-H4"):
        prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "dmg")


def test_owners_commentary_file_is_shown_beside_the_exception(tmp_path, lea_demo):
    copy = shutil.copytree(lea_demo.path, tmp_path / "copy")
    (copy / "commentary").mkdir(exist_ok=True)
    (copy / "commentary" / "2004-05-H4.csv").write_text(
        "id,owner,commentary,action,action_due\n"
        "schools-causing-concern,School Improvement Service,Two schools entered special measures,"
        "Monitoring visits weekly,2005-02-11\n",
        encoding="utf-8",
    )
    table = prepare_by_exception(copy, LEA, "2004-05-H4", "emt").indicators_table()
    assert "Two schools entered special measures" in table and "Monitoring visits weekly" in table
