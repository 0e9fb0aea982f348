"""Revisions on the demo data: the library call, the command and the paper agree on the issue's example.

The demo's Q3 paper (evidence up to 14 February 2010) had 574 Skills for Life participants; six monthly returns
sent later (5 + 7 + 8 + 1 + 6 + 1 = 28 people) make it 602 as known on Q4's evidence date, 15 May 2010.
"""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO

from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.evaluation.revisions import RevisionCause
from compact_analysis.presentation.paper import build_paper
from tests.helpers import FRAMEWORKS


def test_the_library_call_traces_the_q3_participants_to_six_late_returns(ingested_demo):
    found = {(r.indicator_id, r.period): r for r in ingested_demo.folder.revisions("2009-10-Q4")}
    r = found["sfl-participants", "2009-10-Q3"]
    assert (r.published, r.now, r.size, r.cause) == (574, 602, 28, "late return")
    assert sum(float(x.value) for x in r.returns) == 28 and len(r.returns) == 6
    # The demo's one correction (M030 committed in Q2, sent 19 February 2010) is labelled as such.
    pledge = found["pledge-committed", "2009-10-Q2"]
    assert ("M030", RevisionCause.CORRECTION) in [(x.member_id, x.cause) for x in pledge.returns]
    # On Q3's own evidence date, Q3's paper has not been superseded by anything.
    assert ("sfl-participants", "2009-10-Q3") not in {
        (r.indicator_id, r.period) for r in ingested_demo.folder.revisions("2009-10-Q4", as_at=r.published_on)
    }


def test_the_command_lists_them_as_a_table_and_as_csv(ingested_demo):
    args = ["revisions", "--data", str(ingested_demo.store.parent), "--frameworks-dir", str(FRAMEWORKS)]
    table = CliRunner().invoke(main, [*args, "--period", "2009-10-Q4"])
    assert table.exit_code == 0
    assert "sfl-participants  2009-10-Q3  published 2010-02-14: 574  now: 602  (+28, late return)" in table.output
    as_csv = CliRunner().invoke(main, [*args, "--period", "2009-10-Q4", "--format", "csv"])
    rows = list(csv.DictReader(StringIO(as_csv.output)))
    row = next(r for r in rows if r["indicator_id"] == "sfl-participants")
    assert (row["period"], row["as_published"], row["now"], row["size"]) == ("2009-10-Q3", "574.0", "602.0", "28.0")
    # Q1's paper cites no earlier period of the demo's year, and 2008-09 has no data.
    first = CliRunner().invoke(main, [*args, "--period", "2009-10-Q1"])
    assert first.output == "2009-10-Q1: no figure of an earlier period it cites has been revised since publication\n"
    assert CliRunner().invoke(main, [*args, "--period", "2009-10-Q1", "--format", "csv"]).output == (
        "indicator_id,indicator,period,published_on,as_published,now,size,cause,returns\n"
    )


def test_the_q4_paper_says_the_comparator_was_revised_and_lists_it(ingested_demo):
    folder = ingested_demo.folder
    paper = build_paper(folder, folder.period("2009-10-Q4"), date(2010, 5, 15))  # 31 March 2010 + 45 days
    assert "up from 574 in 2009-10-Q3, since revised to 602, no significant change" in paper.narrative()
    table = paper.revisions_table()
    assert "<td>574 (14 Feb 2010)</td><td>602</td><td>late return</td><td>+28</td>" in table
