"""``commentary template``: the blank file owners fill in, pre-filled with what needs their commentary."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.folder import DataFolder
from tests.helpers import FRAMEWORKS


def test_template_lists_attention_indicators_and_open_exceptions_and_reads_back_blank(demo_copy):
    result = CliRunner().invoke(main, ["commentary", "template", "--data", str(demo_copy), "--period", "2009-10-Q4"])
    assert result.exit_code == 0, result.output
    written = pd.read_csv(demo_copy / "commentary" / "2009-10-Q4.csv", dtype=str, keep_default_na=False)
    folder = DataFolder.open(demo_copy, FRAMEWORKS / "compact-2009-10.yaml")
    paper_ev = folder.evaluate("2009-10-Q4", overrides=True)
    # The demo's Q4: 5 indicators red, missed or overdue (stage 2, stage 3, the apprenticeship and LEP gaps
    # missed; procurement's target overdue) and the 14 exceptions still open from earlier periods, none new.
    attention = ["pledge-stage-2", "pledge-stage-3", "apprenticeship-gap-closed", "procurement-value", "lep-gap-closed"]
    open_ids = [f"EX-{n:04d}" for n in range(1, 15)]
    assert written["id"].tolist() == attention + open_ids
    assert (written[["commentary", "action", "action_due"]] == "").all().all()
    assert set(paper_ev.exceptions.loc[paper_ev.exceptions["status"] == "open", "exception_id"]) == set(open_ids)
    assert folder.commentary("2009-10-Q4") == {}  # blank rows are not commentary: every one stays awaited
    again = CliRunner().invoke(main, ["commentary", "template", "--data", str(demo_copy), "--period", "2009-10-Q4"])
    assert again.exit_code == 2 and "already exists" in again.output
    xlsx = ["commentary", "template", "--data", str(demo_copy), "--period", "2009-10-Q4", "--xlsx", "--force"]
    assert CliRunner().invoke(main, xlsx).exit_code == 0
    assert not (demo_copy / "commentary" / "2009-10-Q4.csv").exists()  # replaced, never two files for a period
    assert (
        pd.read_excel(demo_copy / "commentary" / "2009-10-Q4.xlsx", engine="calamine")["id"].tolist()
        == attention + open_ids
    )
