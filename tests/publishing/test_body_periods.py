"""``report-all --body B`` renders only the periods whose paper the timetable sends B (issue #26 item 6).

By hand from the LEA timetable (seed 002): EMT receives the five termly papers and, with DMG, capital
quarterly and revenue monthly; SSIG is consulted on two termly papers; the half-termly paper is by exception
(``report-by-exception``), so no half-term goes to anyone through ``report-all``. The LEA demo has every
period of 2004-05 finished with data (three terms, four quarters).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.folder import DataFolder
from compact_analysis.publishing.body_periods import body_period_names
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


@pytest.fixture(scope="module")
def lea_demo(tmp_path_factory):
    folder = DataFolder.open(tmp_path_factory.mktemp("lea-body"), LEA)
    folder.init_demo(seed=2004, members=12)
    folder.ingest(ingested_at=datetime(2005, 4, 30))
    return folder


def test_the_periods_a_body_receives(lea_demo):
    assert body_period_names(str(LEA), lea_demo.path, "ssig") == ["2004-05-T1", "2004-05-T2", "2004-05-T3"]
    quarters = ["2004-05-Q1", "2004-05-Q2", "2004-05-Q3", "2004-05-Q4"]
    assert body_period_names(str(LEA), lea_demo.path, "dmg", "quarterly") == quarters


def test_a_body_sent_nothing_at_the_cadence_is_one_line_and_exit_2(lea_demo, tmp_path):
    args = ["report-all", "-f", str(LEA), "--data", str(lea_demo.path), "--out", str(tmp_path / "r"), "--no-pdf"]
    dmg = CliRunner().invoke(main, [*args, "--body", "dmg"])  # termly by default: DMG gets only finance
    assert dmg.exit_code == 2
    assert dmg.output.strip().splitlines() == [
        "error: the timetable of lea-performance-2004-05 sends dmg none of these papers (2004-05-T1...); "
        "it sends dmg: finance-capital (quarterly), finance-revenue (monthly)"
    ]
    unknown = CliRunner().invoke(main, [*args, "--body", "cabinet"])
    assert unknown.exit_code == 2 and "has no body 'cabinet'" in unknown.output
    assert not (tmp_path / "r").exists()


@pytest.mark.slow
def test_report_all_for_a_body_renders_only_its_papers(lea_demo, tmp_path):
    out = tmp_path / "r"
    args = ["report-all", "-f", str(LEA), "--data", str(lea_demo.path), "--out", str(out), "--no-pdf"]
    result = CliRunner().invoke(main, [*args, "--body", "ssig", "--workers", "1"])
    assert result.exit_code == 0, result.output
    rendered = sorted(p.parent.name for p in (out / "lea-performance-2004-05").glob("*/manifest.json"))
    assert rendered == ["2004-05-T1", "2004-05-T2", "2004-05-T3"]
    manifest = json.loads((out / "lea-performance-2004-05" / "2004-05-T2" / "manifest.json").read_text("utf-8"))
    assert "ssig" in [b["id"] for b in manifest["consulted"]]
    html = (out / "lea-performance-2004-05" / "2004-05-T2" / "evaluation.html").read_text("utf-8")
    assert "This paper goes to EMT; consulted: SSIG, Joint Executive, Executive Member, Working Parties." in html
