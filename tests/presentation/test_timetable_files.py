"""The timetable written as iCalendar, CSV, JSON and a table, and the ``timetable`` command."""

import csv
import json
from datetime import date

from click.testing import CliRunner
from icalendar import Calendar

from compact_analysis.cli import main
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.timetable import year_calendar
from compact_analysis.presentation.timetable_files import calendar_ics, for_body, write_timetable
from tests.helpers import FRAMEWORKS

LEA = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
ENTRIES = year_calendar(LEA, "2004-05")


def test_the_ics_file_has_one_all_day_event_per_entry_with_stable_unique_uids():
    parsed = Calendar.from_ical(calendar_ics(ENTRIES, LEA))
    events = parsed.walk("VEVENT")
    assert len(events) == 56 and len({str(e["UID"]) for e in events}) == 56
    first = events[0]  # revenue for April 2004: 30 April + 14 days
    assert (first.decoded("DTSTART"), first.decoded("DTEND")) == (date(2004, 5, 14), date(2004, 5, 15))
    assert str(first["UID"]) == "lea-performance-2004-05/finance-revenue/2004-05-M01"
    assert str(first["SUMMARY"]) == "Finance: revenue: 2004-05-M01 to EMT, DMG"
    assert calendar_ics(ENTRIES, LEA) == calendar_ics(year_calendar(LEA, "2004-05"), LEA)  # no clock: same bytes


def test_a_body_sees_its_papers_and_every_return():
    dmg = for_body(ENTRIES, "dmg")
    # 12 revenue and 4 capital papers, and 12 + 4 + 3 returns due.
    assert len(dmg) == 16 + 19
    assert {e.item for e in dmg if e.kind == "paper"} == {"finance-capital", "finance-revenue"}
    # SSIG is consulted on two termly papers: 6 papers, and the 19 returns.
    assert len(for_body(ENTRIES, "ssig")) == 6 + 19


def test_csv_cells_are_formula_safe_and_json_rows_match(tmp_path):
    hostile = LEA.model_copy(update={"papers": [LEA.papers[4].model_copy(update={"name": "=HYPERLINK(1)"})]})
    entries = [e for e in year_calendar(hostile, "2004-05") if e.kind == "paper"]
    rows = list(csv.DictReader(write_timetable(tmp_path / "t.csv", entries, hostile, "csv").open(encoding="utf-8")))
    assert len(rows) == 4 and rows[0]["title"] == "'=HYPERLINK(1)"
    found = json.loads(write_timetable(tmp_path / "t.json", ENTRIES, LEA, "json").read_text(encoding="utf-8"))
    assert found[0]["uid"] == str(ENTRIES[0].uid) and len(found) == 56


def test_the_command_writes_an_ics_file_and_refuses_an_unknown_body(tmp_path):
    out = tmp_path / "lea.ics"
    args = ["timetable", "--framework", "lea-performance-2004-05", "--year", "2004-05"]
    result = CliRunner().invoke(main, [*args, "--format", "ics", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 56
    refused = CliRunner().invoke(main, [*args, "--body", "cabinet"])
    assert refused.exit_code == 2 and refused.stderr.startswith("error: --body 'cabinet' is not a body")
    outside = CliRunner().invoke(main, ["timetable", "--framework", "lea-performance-2004-05", "--year", "2009-10"])
    assert outside.exit_code == 2 and "outside the framework" in outside.stderr
