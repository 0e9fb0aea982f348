"""Property: late returns ingested after a paper was published never change it, and show up as revisions.

Random rows (member, measure, value, correction flag, a submitted date after 2009-10-Q2's evidence date of
14 November 2009 and up to Q3's of 14 February 2010) are ingested into a copy of the demo store. Then:
evaluating Q2 with its own evidence date gives exactly the published figures; and Q3's paper lists a revision
of a Q2 figure exactly where Q2's figure as at 14 February differs from the published one, with the figure
as published and as now, and each new return behind it labelled by its cause.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compact_analysis.evaluation.revisions import RevisionCause
from compact_analysis.evidence.submissions import submissions_as_at
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import build_paper

Q2_PUBLISHED = date(2009, 11, 14)  # 30 September 2009 + 45 days
Q3_PUBLISHED = date(2010, 2, 14)  # 31 December 2009 + 45 days
HEADER = ["member_id", "measure_id", "period", "value", "comment", "submitted", "correction"]

measure_and_value = st.one_of(
    st.tuples(
        st.just("pledge-level"),
        st.just("2009-10-Q2"),
        st.sampled_from(["not-committed", "committed", "stage-2", "stage-3"]),
    ),
    st.tuples(st.just("sfl-test-event"), st.just("2009-10-Q2"), st.sampled_from(["yes", "no"])),
    st.tuples(st.just("sfl-participants"), st.just("2009-10-M05"), st.integers(0, 40).map(str)),
)
late_row = st.tuples(
    st.integers(1, 50).map(lambda n: f"M{n:03d}"),
    measure_and_value,
    st.integers(1, (Q3_PUBLISHED - Q2_PUBLISHED).days).map(lambda n: Q2_PUBLISHED + timedelta(days=n)),
    st.booleans(),
)
late_rows = st.lists(late_row, min_size=1, max_size=8, unique_by=lambda r: (r[0], r[1][0], r[2]))


def _copy_with(source: DataFolder, rows, folder: Path) -> tuple[DataFolder, set]:
    """A copy of the demo folder with ``rows`` ingested as one late file; returns the keys of rows stored."""
    shutil.copytree(source.path, folder / "demo")
    copy = DataFolder(folder / "demo", source.framework_path)
    path = folder / "late.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for member, (measure, period, value), sent, flag in rows:
            writer.writerow([member, measure, period, value, "", sent.isoformat(), "yes" if flag else ""])
    copy.ingest([path])
    with copy.connect(read_only=True) as con:
        stored = submissions_as_at(con, Q3_PUBLISHED)
    new = stored[stored["file"] == "late.csv"]
    return copy, set(zip(new["member_id"], new["measure_id"], new["period"], new["submitted"], strict=True))


def _expected_cause(source_rows, member: str, measure: str, period: str, flagged: bool) -> RevisionCause:
    """Late unless the member had returned that measure for that period by Q2's evidence date."""
    earlier = source_rows[
        (source_rows["member_id"] == member)
        & (source_rows["measure_id"] == measure)
        & (source_rows["period"] == period)
    ]
    if earlier.empty:
        return RevisionCause.LATE_RETURN
    return RevisionCause.CORRECTION if flagged else RevisionCause.RESUBMISSION


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=late_rows)
def test_late_rows_leave_the_published_figures_and_are_listed_as_revisions(rows, ingested_demo):
    source = ingested_demo.folder
    published = source.evaluate("2009-10-Q2")
    with source.connect(read_only=True) as con:
        before_q2 = submissions_as_at(con, Q2_PUBLISHED)
    with tempfile.TemporaryDirectory() as folder:
        copy, stored = _copy_with(source, rows, Path(folder))
        again = copy.evaluate("2009-10-Q2")
        now = copy.evaluate("2009-10-Q2", Q3_PUBLISHED)
        found = {r.indicator_id: r for r in copy.revisions("2009-10-Q3") if r.period == "2009-10-Q2"}
    assert again.table().equals(published.table())
    for then, current in zip(again.results, now.results, strict=True):
        if then.value.shown == current.value.shown:
            assert then.indicator.id not in found
            continue
        revision = found[then.indicator.id]
        assert (revision.published, revision.now) == (then.value.shown, current.value.shown)
        assert revision.returns, "a revised figure names the returns behind it"
    flags = {(m, mv[0], mv[1], sent): flag for m, mv, sent, flag in rows}
    for revision in found.values():
        for back in revision.returns:
            key = (back.member_id, back.measure_id, back.period, back.submitted)
            if back.file == "late.csv":
                assert key in stored
                expected = _expected_cause(before_q2, back.member_id, back.measure_id, back.period, flags[key])
                assert back.cause == expected, key


@pytest.mark.slow
def test_the_published_paper_is_rebuilt_exactly_after_late_corrections(ingested_demo, tmp_path):
    """The paper's sections, built again with Q2's evidence date after late rows arrived, are unchanged."""
    rows = [
        ("M030", ("pledge-level", "2009-10-Q2", "stage-2"), date(2009, 12, 1), True),
        ("M010", ("sfl-participants", "2009-10-M05", "40"), date(2010, 1, 5), True),
        ("M002", ("sfl-test-event", "2009-10-Q2", "yes"), date(2009, 11, 15), False),
    ]
    source = ingested_demo.folder
    q2 = source.period("2009-10-Q2")
    before = build_paper(source, q2, Q2_PUBLISHED)
    copy, stored = _copy_with(source, rows, tmp_path)
    assert len(stored) == 3
    after = build_paper(copy, q2, Q2_PUBLISHED)
    # Every section of the paper, the returns-ingested, quarantine and input-hash tables included (they are as at
    # the evidence date, so late.csv, all sent after 14 November 2009, is in none of them).
    for section in (
        "title_block",
        "membership_changes",
        "summary_table",
        "year_end",
        "rule_note",
        "narrative",
        "revisions_table",
        "exceptions_register",
        "returns_received",
        "method_appendix",
        "priority_sections",
        "member_matrix",
        "data_quality",
        "inputs_appendix",
    ):
        assert getattr(after, section)() == getattr(before, section)(), section
    later = build_paper(copy, source.period("2009-10-Q3"), Q3_PUBLISHED).revisions_table()
    assert "M010 sfl-participants 2009-10-M05: 40, sent 2010-01-05 in late.csv" in later
