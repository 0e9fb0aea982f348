"""Chase lists and letters written from a data folder, and members' sign-off of returns (store migration 6).

A small LEA data folder built by hand: term 1 of 2004-05 ends 22 July, returns are due 12 August.
"""

import csv
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ParameterError
from compact_analysis.folder import DataFolder
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.collection import folder_signoffs, sign_off, write_chase
from compact_analysis.publishing.render import find_browser

MEMBERS = """member_id,name,sector,code,joined,left,deemed
S01,<b>Hill</b> School,education,,2004-04-01,,yes
S02,=Vale School,education,,2004-04-01,,yes
"""
# S01 sent all three termly measures on 10 August (on time), one of them again on 20 August (a
# correction: still on time, the first return counts); S02 sent one, on 20 August (late).
RETURNS = """member_id,measure_id,period,value,comment,submitted,correction
S01,causing-concern,2004-05-T1,no,,2004-08-10,
S01,unauthorised-absence,2004-05-T1,12,,2004-08-10,
S01,appraisals-complete,2004-05-T1,yes,,2004-08-10,
S01,unauthorised-absence,2004-05-T1,13,,2004-08-20,yes
S02,causing-concern,2004-05-T1,no,,2004-08-20,
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "returns").mkdir()
    (tmp_path / "returns" / "t1.csv").write_text(RETURNS, encoding="utf-8")
    found = DataFolder.open(tmp_path, "lea-performance-2004-05")
    found.ingest(ingested_at=datetime(2004, 9, 1))
    return found


def test_the_chase_folder_holds_the_window_the_list_and_a_letter_per_member_owing(folder, tmp_path):
    counts = write_chase(folder, "2004-05-T1", date(2004, 9, 1), tmp_path / "out")
    # S01: 3 on time; S02: causing-concern late, the other two overdue. Only S02 owes: one letter.
    assert counts == {"on time": 3, "late": 1, "overdue": 2, "not yet due": 0, "letters": 1}
    made = tmp_path / "out" / "chase-2004-05-T1"
    assert sorted(p.name for p in made.iterdir()) == ["chase-S02.html", "chase.csv", "collection.csv"]
    rows = list(csv.DictReader((made / "chase.csv").open(encoding="utf-8")))
    assert [(r["member_id"], r["name"], r["due"], r["status"]) for r in rows] == [
        ("S02", "'=Vale School", "2004-08-12", "overdue"),  # formula-safe
        ("S02", "'=Vale School", "2004-08-12", "overdue"),
    ]
    assert {r["send_to"] for r in rows} == {"Personnel", "Education Welfare Service"}


def test_a_letter_escapes_the_members_name_and_says_the_status_in_words(folder, tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS.replace("=Vale", "<i>Vale</i>"), encoding="utf-8")
    folder = DataFolder.open(tmp_path, "lea-performance-2004-05")
    write_chase(folder, "2004-05-T1", date(2004, 8, 12), tmp_path / "out")
    page = (tmp_path / "out" / "chase-2004-05-T1" / "chase-S02.html").read_text(encoding="utf-8")
    assert "<i>Vale" not in page and "&lt;i&gt;Vale" in page
    assert page.count("Not yet due") == 3  # on the due date nothing is overdue; S02's late return not yet sent
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page and "<h1>" in page


def test_a_sign_off_is_kept_as_at_its_date_and_a_later_one_supersedes_it(folder):
    sign_off(folder, "S01", "2004-05-T1", "A Head", date(2004, 8, 9))
    sign_off(folder, "S01", "2004-05-T1", "B Deputy", date(2004, 8, 21))
    assert folder_signoffs(folder, date(2004, 8, 8)).empty
    early = folder_signoffs(folder, date(2004, 8, 20))
    assert early[["member_id", "period", "signed_by", "signed_on"]].values.tolist() == [
        ["S01", "2004-05-T1", "A Head", date(2004, 8, 9)]
    ]
    assert folder_signoffs(folder, date(2004, 9, 1))["signed_by"].tolist() == ["B Deputy"]


@pytest.mark.parametrize(
    ("member", "period", "by", "on", "says"),
    [
        ("S09", "2004-05-T1", "A Head", date(2004, 8, 9), "not in the member register"),
        ("S01", "2004-05-T1", "  ", date(2004, 8, 9), "--by is empty"),
        ("S01", "2004-05-T1", "A Head", date(2004, 7, 1), "before 2004-05-T1 ends"),
    ],
)
def test_a_bad_sign_off_is_refused_and_nothing_written(folder, member, period, by, on, says):
    with pytest.raises(ParameterError, match=says):
        sign_off(folder, member, period, by, on)
    assert folder_signoffs(folder, date(2005, 3, 31)).empty


def test_the_commands(folder, tmp_path):
    common = ["--framework", "lea-performance-2004-05", "--data", str(tmp_path)]
    done = CliRunner().invoke(main, ["returns", "sign-off", *common, "-m", "S01", "-p", "2004-05-T1",
                                     "--by", "A Head", "--on", "2004-08-09"])  # fmt: skip
    assert done.exit_code == 0, done.output
    listed = CliRunner().invoke(main, ["returns", "sign-offs", *common, "--as-at", "2004-09-01", "--format", "csv"])
    assert listed.output.splitlines() == ["member_id,period,signed_by,signed_on", "S01,2004-05-T1,A Head,2004-08-09"]
    chased = CliRunner().invoke(main, ["chase", *common, "-p", "2004-05-T1", "--as-at", "2004-09-01",
                                       "--out", str(tmp_path / "out")])  # fmt: skip
    assert chased.exit_code == 0 and chased.output.startswith("3 on time, 1 late, 2 overdue")
    bad = CliRunner().invoke(main, ["chase", *common, "-p", "2004-05-T9", "--as-at", "2004-09-01"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error:")


@pytest.mark.browser
def test_a_hostile_name_in_a_letter_runs_nothing_in_a_browser(folder, tmp_path):
    hostile = MEMBERS.replace("=Vale School", "<img src=x onerror=alert(2)><script>alert(1)</script>")
    (tmp_path / "members.csv").write_text(hostile, encoding="utf-8")
    write_chase(DataFolder.open(tmp_path, "lea-performance-2004-05"), "2004-05-T1", date(2004, 9, 1), tmp_path / "o")
    browser = Browser(find_browser())
    try:
        seen = browser.check_page(tmp_path / "o" / "chase-2004-05-T1" / "chase-S02.html")
    finally:
        browser.close()
    assert seen.console_errors == [] and seen.image_widths == []
    assert seen.heading_levels == [1] and seen.title.startswith("Returns owed: <img")
