"""The exceptions register derived from the evidence, end to end on the demo: commands agree with papers,
the documented examples work, and resolutions of stores made before the register was derived are kept."""

import re
import shlex
import shutil
from datetime import date

import pandas as pd
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.cli.exceptions import exceptions_resolve
from compact_analysis.evidence.migrations import open_database
from compact_analysis.evidence.store import MIGRATIONS, exception_resolutions, open_store
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import prepare_paper
from tests.helpers import FRAMEWORKS, ROOT

FW = ["--frameworks-dir", str(FRAMEWORKS)]


def _listed(output: str) -> list[tuple[str, str]]:
    """(id, status) of each exception ``exceptions list`` printed."""
    return re.findall(r"^(EX-\d{4})\s+(\w+)", output, flags=re.MULTILINE)


def test_the_list_command_shows_what_the_paper_with_that_evidence_date_shows(demo_copy):
    paper = prepare_paper("compact-2009-10", str(demo_copy), "2009-10-Q2", frameworks_dir=str(FRAMEWORKS))
    shown = paper.evaluation.exceptions
    expected = list(zip(shown["exception_id"], shown["status"], strict=True))
    runner = CliRunner()
    by_date = runner.invoke(main, ["exceptions", "list", "--data", str(demo_copy), "--status", "all", "--as-at",
                                   "2009-11-14", *FW])  # fmt: skip
    by_period = runner.invoke(main, ["exceptions", "list", "--data", str(demo_copy), "--status", "all", "-p",
                                     "2009-10-Q2", *FW])  # fmt: skip
    assert by_date.exit_code == 0 and by_period.exit_code == 0, by_date.output + by_period.output
    assert expected and _listed(by_date.output) == expected and _listed(by_period.output) == expected


def test_the_register_does_not_depend_on_what_was_evaluated_before(demo_copy):
    after_q4 = DataFolder.open(demo_copy, frameworks_dir=FRAMEWORKS)
    after_q4.exceptions_as_at(None, "2009-10-Q4")  # the latest period first, as `make report` does
    fresh = DataFolder.open(demo_copy, frameworks_dir=FRAMEWORKS)
    q2 = fresh.exceptions_as_at(None, "2009-10-Q2")
    pd.testing.assert_frame_equal(after_q4.exceptions_as_at(None, "2009-10-Q2"), q2)
    # Nothing Q2's paper shows comes from after its evidence date (14 November 2009): no Q3 or Q4 figures.
    assert (q2["opened_on"] <= date(2009, 11, 14)).all()
    assert not q2["detail"].str.contains("2010").any()


def _run(line: str, data) -> object:
    args = shlex.split(line)
    assert args[0] == "compact-analysis"
    return CliRunner().invoke(main, [*args[1:], "--data", str(data), *FW])


def test_the_help_and_readme_resolve_examples_work_on_the_demo(demo_copy):
    fresh = shutil.copytree(demo_copy, demo_copy.parent / "readme")  # the README's examples get their own copy
    example = re.search(r"Example: (compact-analysis exceptions resolve .+)", exceptions_resolve.help).group(1)
    done = _run(example, demo_copy)
    assert done.exit_code == 0 and "resolved on 2009-11-20" in done.output, done.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"^\s*(compact-analysis exceptions \w+ .*--data data/demo.*?)\s*$", readme, re.MULTILINE)
    assert any(" resolve " in line for line in examples)
    for line in examples:  # in the README's order: list, then resolve
        done = _run(line, fresh)
        assert done.exit_code == 0 and "error" not in done.output, (line, done.output)


def test_resolving_is_refused_before_the_exception_opened(demo_copy):
    # EX-0007 opens at Q2's evidence date (14 November 2009); as at 20 August only Q1's exceptions exist.
    done = _run('compact-analysis exceptions resolve EX-0007 --note "too early" --date 2009-08-20', demo_copy)
    assert done.exit_code == 2 and "no exception EX-0007 in the register as at 2009-08-20" in done.output


def test_a_store_made_before_the_register_was_derived_keeps_its_resolutions(tmp_path):
    path = tmp_path / "store.duckdb"
    old = {n: MIGRATIONS[n] for n in (1, 2, 3)}
    with open_database(path, old, read_only=False, wait_seconds=0) as con:
        con.execute(
            "INSERT INTO exceptions VALUES ('EX-0004', 'return-missing:M001', 'return-missing', NULL, 'M001',"
            " '2009-10-Q1', DATE '2009-08-14', 'Partnership analyst', 'no return')"
        )
        con.execute(
            "INSERT INTO exception_events (exception_id, event, period, on_date, note, detail) VALUES"
            " ('EX-0004', 'opened', '2009-10-Q1', DATE '2009-08-14', NULL, 'no return'),"
            " ('EX-0004', 'resolved', NULL, DATE '2009-09-01', 'Return received', NULL)"
        )
    with open_store(path) as con:  # migration 4 moves the resolution to its rule key
        kept = exception_resolutions(con)
    assert kept.to_dict("records") == [
        {"rule_key": "return-missing:M001", "exception_id": "EX-0004", "on_date": date(2009, 9, 1),
         "note": "Return received"}
    ]  # fmt: skip
