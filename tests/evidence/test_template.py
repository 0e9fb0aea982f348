"""Return templates: what `compact-analysis template` writes ingests cleanly."""

from __future__ import annotations

import pytest

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.evidence.template import template_rows, write_template
from compact_analysis.plan.members import load_register


@pytest.mark.parametrize("name", ["t.csv", "t.xlsx"])
@pytest.mark.parametrize("layout", ["tidy", "wide"])
def test_a_template_ingests_without_quarantine(tmp_path, compact, ingested_demo, name, layout):
    path = write_template(tmp_path / name, compact, layout)
    _header, rows = template_rows(compact, layout)
    with open_store(tmp_path / "s.duckdb") as con:
        result = ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
    # tidy: one row per member-reported measure (16 of the 17; coaching-paper is the partnership's);
    # wide: one row with the 8 level and yes/no member measures filled in (5, and the 3 yes/no outcome measures
    # of #21 item 7).
    expected = len(rows) if layout == "tidy" else len(rows[0]) - 5
    assert (result.layout, result.rows_read, result.accepted) == (layout, expected, expected)
    assert expected == (16 if layout == "tidy" else 8)
