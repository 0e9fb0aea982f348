"""``report-by-exception`` renders the LEA demo's half-termly paper through the publishing machinery: a staging
folder swapped into place, a manifest recording the body, an index entry; bad parameters stop it in one line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.by_exception import prepare_by_exception
from compact_analysis.publishing.by_exception import manifest_of, render_by_exception
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


@pytest.fixture(scope="module")
def lea_demo(tmp_path_factory):
    folder = DataFolder.open(tmp_path_factory.mktemp("lea-render"), LEA)
    folder.init_demo(seed=2004, members=12)
    folder.ingest(ingested_at=datetime(2005, 4, 30))
    folder.ingest_actions(ingested_at=datetime(2005, 4, 30))
    return folder


@pytest.mark.slow
def test_the_half_termly_paper_renders_with_its_body_in_the_manifest_and_index(lea_demo, tmp_path):
    report = render_by_exception(lea_demo.path, str(LEA), "2004-05-H4", "emt", tmp_path / "reports", pdf=False)
    folder = tmp_path / "reports" / "lea-performance-2004-05" / "by-exception" / "emt" / "2004-05-H4"
    assert report.html == folder / "by_exception.html" and report.html.is_file()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["kind"], manifest["body"], manifest["audience"]) == ("by-exception", "emt", ["emt"])
    assert manifest["timetable_paper"] == "major-plans-exceptions"  # the LEA timetable's half-termly paper to EMT
    assert manifest["headline"]["actions_overdue"] == 1 and manifest["headline"]["actions_without_progress"] == 1
    html = report.html.read_text(encoding="utf-8")
    assert "BP-3" in html and "EDP-2" in html and 'class="ca-status ca-green"' not in html
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Reports by exception" in index and "by-exception/emt/2004-05-H4/by_exception.html" in index


def test_an_unknown_body_is_one_line_and_exit_2(lea_demo, tmp_path):
    args = ["report-by-exception", "-f", str(LEA), "--data", str(lea_demo.path), "--period", "2004-05-H4"]
    result = CliRunner().invoke(main, [*args, "--body", "cabinet", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: lea-performance-2004-05 has no body 'cabinet' (bodies: dmg, emt, executive-member, joint-executive, "
        "ssig, working-parties)"
    ]
    assert not (tmp_path / "r").exists()


def test_a_body_the_timetable_sends_no_report_by_exception_is_one_line_naming_what_it_gets(lea_demo, tmp_path):
    # The LEA timetable sends DMG finance only (capital quarterly, revenue monthly) and EMT its report by
    # exception half-termly, so DMG at H4 and EMT at term 2 are refused before anything is written.
    args = ["report-by-exception", "-f", str(LEA), "--data", str(lea_demo.path), "--out", str(tmp_path / "r")]
    dmg = CliRunner().invoke(main, [*args, "--period", "2004-05-H4", "--body", "dmg"])
    assert dmg.exit_code == 2
    assert dmg.output.strip().splitlines() == [
        "error: the timetable of lea-performance-2004-05 sends dmg no report by exception for 2004-05-H4 "
        "(half-termly); it sends dmg: finance-capital (quarterly), finance-revenue (monthly)"
    ]
    emt = CliRunner().invoke(main, [*args, "--period", "2004-05-T2", "--body", "emt"])
    assert emt.exit_code == 2 and "major-plans-exceptions (half-termly, by exception)" in emt.output
    assert len(emt.output.strip().splitlines()) == 1 and not (tmp_path / "r").exists()


def test_the_manifest_names_the_timetable_paper(lea_demo):
    paper = prepare_by_exception(lea_demo.path, LEA, "2004-05-H4", "emt")
    manifest = manifest_of(paper, "lea-performance-2004-05", {}, pdf=False)
    assert (manifest["audience"], manifest["timetable_paper"]) == (["emt"], "major-plans-exceptions")
