"""Exceptions added by hand: kept with the rule-raised ones, listed and resolved the same way, as at a date."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.manual_exceptions import manual_detail, manual_exception
from compact_analysis.evaluation.register import empty_log
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import paper_from_folder
from tests.helpers import FRAMEWORKS

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _add(data, *extra: str, on: str = "2009-12-01", kind: str = "emergency"):
    args = ["exceptions", "add", "--data", str(data), "--kind", kind, "--owner", "Chief Executive"]
    args += ["--description", "Flooding closed two centres", "--action", "Classes moved", "--due", "2010-01-31"]
    return CliRunner().invoke(main, [*args, "--date", on, *extra])


def test_the_detail_says_the_action_and_its_due_date_and_ids_number_on():
    register, _ = empty_log()
    opened, events = manual_exception(
        register, "impact", " Owner ", "Lost a member", "Recruit", date(2010, 1, 31), date(2009, 12, 1), "2009-10-Q3"
    )
    assert opened.iloc[0]["exception_id"] == "MX-0001" and opened.iloc[0]["owner"] == "Owner"
    assert opened.iloc[0]["detail"] == "Lost a member. Action: Recruit (due 31 January 2010)."
    assert events.iloc[0]["event"] == "opened" and events.iloc[0]["period"] == "2009-10-Q3"
    again, _ = manual_exception(opened, "budget", "O", "D.", "A", date(2010, 1, 1), date(2010, 1, 1), None)
    assert again.iloc[0]["exception_id"] == "MX-0002"
    assert manual_detail("Ends here!", "Act", date(2010, 2, 1)) == "Ends here! Action: Act (due 1 February 2010)."


@pytest.mark.parametrize(
    ("kind", "owner", "due"),
    [("red", "O", date(2010, 1, 1)), ("impact", " ", date(2010, 1, 1)), ("impact", "O", date(2009, 11, 30))],
)
def test_bad_manual_exceptions_are_refused(kind, owner, due):
    register, _ = empty_log()
    with pytest.raises(ParameterError):
        manual_exception(register, kind, owner, "D", "A", due, date(2009, 12, 1), None)


def test_added_listed_as_at_its_date_and_resolved_like_the_others(demo_copy):
    result = _add(demo_copy)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("MX-0001 added on 2009-12-01")
    folder = DataFolder.open(demo_copy, FRAMEWORKS / "compact-2009-10.yaml")
    before = folder.list_register("all", date(2009, 11, 30))
    assert "MX-0001" not in set(before["exception_id"])  # added on 1 December: not known the day before
    after = folder.list_register("open", date(2009, 12, 1))
    row = after[after["exception_id"] == "MX-0001"].iloc[0]
    assert (row["kind"], row["owner"], row["opened_period"]) == ("emergency", "Chief Executive", "2009-10-Q3")
    resolved = CliRunner().invoke(
        main,
        ["exceptions", "resolve", "MX-0001", "--data", str(demo_copy), "--note", "Reopened", "--date", "2010-01-05"],
    )
    assert resolved.exit_code == 0, resolved.output
    assert "MX-0001" in set(folder.list_register("open", date(2010, 1, 4))["exception_id"])
    assert "MX-0001" in set(folder.list_register("resolved", date(2010, 1, 5))["exception_id"])
    early = CliRunner().invoke(
        main, ["exceptions", "resolve", "MX-0001", "--data", str(demo_copy), "--note", "x", "--date", "2010-01-06"]
    )
    assert early.exit_code == 2 and "already resolved" in early.output


def test_bad_input_is_a_one_line_error(demo_copy, tmp_path):
    assert _add(demo_copy, on="2009-13-01").exit_code == 2
    bad_kind = _add(demo_copy, kind="red")
    assert bad_kind.exit_code == 2  # click refuses a kind not added by hand
    no_store = tmp_path / "empty"
    no_store.mkdir()
    result = _add(no_store)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_hostile_text_is_escaped_in_the_paper(demo_copy):
    result = CliRunner().invoke(
        main,
        ["exceptions", "add", "--data", str(demo_copy), "--kind", "impact", "--owner", HOSTILE,
         "--description", HOSTILE, "--action", HOSTILE, "--due", "2010-01-31", "--date", "2009-12-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = DataFolder.open(demo_copy, FRAMEWORKS / "compact-2009-10.yaml")
    html = paper_from_folder(folder, "2009-10-Q3").exceptions_register()
    assert "MX-0001" in html and "<script>" not in html and "<img" not in html
    assert "<td>an issue added by hand</td>" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html or "&lt;script&gt;" in html
    earlier = paper_from_folder(folder, "2009-10-Q3", as_at="2009-11-30").exceptions_register()
    assert "MX-0001" not in earlier
