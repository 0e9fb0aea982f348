"""The digests a paper is judged by (issue #27): canonical evidence as at a date, inputs by path pattern."""

import hashlib
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from compact_analysis.evidence.demo import generate_demo
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import paper_from_folder
from compact_analysis.publishing.digest import (
    digest_of,
    evidence_digest,
    frame_digest,
    package_digest,
    pattern_files,
)
from compact_analysis.publishing.incremental import carried, intact, papers_line, scorecard_content, unchanged
from compact_analysis.publishing.outcome import PeriodOutcome, summary_table
from compact_analysis.publishing.render import notebook_for
from tests.helpers import FRAMEWORKS

Q1_AS_AT, Q2_AS_AT = date(2009, 8, 14), date(2009, 11, 14)  # each quarter's end plus the 45-day lag
HEADER = "member_id,measure_id,period,value,comment,submitted,correction\n"
# M002's Q1 literacy figure (4 in the demo) corrected to 5, sent after Q1's evidence date, before Q2's.
CORRECTION = HEADER + "M002,qualified-literacy,2009-10-Q1,5,,2009-09-01,yes\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Five members' demo, ingested file by file in name order."""
    folder = tmp_path_factory.mktemp("small")
    demo = generate_demo(folder, DataFolder.open(folder, "compact-2009-10", FRAMEWORKS).framework, members=5)
    DataFolder.open(folder, "compact-2009-10", FRAMEWORKS).ingest(demo.return_files)
    return folder


def _digest(folder, on):
    with DataFolder.open(folder, "compact-2009-10", FRAMEWORKS).connect(read_only=True) as con:
        return evidence_digest(con, on)


def _corrected(small, tmp_path):
    copy = tmp_path / "corrected"
    shutil.copytree(small, copy)
    (copy / "fix.csv").write_text(CORRECTION, encoding="utf-8")
    DataFolder.open(copy, "compact-2009-10", FRAMEWORKS).ingest([copy / "fix.csv"])
    return copy


def test_frame_and_component_digests_ignore_order():
    rows = pd.DataFrame({"a": [2, 1], "b": ["y", "x"]})
    assert frame_digest(rows) == frame_digest(rows.iloc[::-1])
    assert frame_digest(rows) != frame_digest(rows.assign(b=["y", "z"]))
    assert digest_of({"x": 1, "y": 2}) == digest_of({"y": 2, "x": 1}) != digest_of({"x": 1, "y": 3})
    assert len(package_digest()) == 64 and package_digest() == package_digest()


def test_same_returns_ingested_in_another_order_give_the_same_evidence_digest(small, tmp_path):
    other = tmp_path / "reversed"
    other.mkdir()
    shutil.copytree(small / "returns", other / "returns")
    shutil.copy(small / "members.csv", other / "members.csv")
    files = sorted((other / "returns").glob("*.csv"), reverse=True)
    DataFolder.open(other, "compact-2009-10", FRAMEWORKS).ingest(files)
    assert _digest(other, Q2_AS_AT) == _digest(small, Q2_AS_AT)
    assert _digest(small, Q1_AS_AT) != _digest(small, Q2_AS_AT)  # Q2's returns arrived in between


def test_a_correction_changes_only_the_evidence_of_dates_after_it_was_submitted(small, tmp_path):
    corrected = _corrected(small, tmp_path)
    assert _digest(corrected, Q1_AS_AT) == _digest(small, Q1_AS_AT)  # sent 1 September, after Q1's date
    assert _digest(corrected, Q2_AS_AT) != _digest(small, Q2_AS_AT)


def test_a_resolution_counts_from_its_own_date(small, tmp_path):
    copy = tmp_path / "resolved"
    shutil.copytree(small, copy)
    folder = DataFolder.open(copy, "compact-2009-10", FRAMEWORKS)
    opened = folder.list_register("open", Q2_AS_AT)
    folder.resolve(opened["exception_id"].iloc[0], "chased by phone", date(2009, 11, 1))
    assert _digest(copy, Q1_AS_AT) == _digest(small, Q1_AS_AT)
    assert _digest(copy, Q2_AS_AT) != _digest(small, Q2_AS_AT)


def test_data_folder_inputs_are_found_by_pattern_for_their_own_period(tmp_path):
    patterns = ("messages/{period}.yaml", "commentary/{period}.*", "actions/*")
    assert pattern_files(tmp_path, patterns, "2009-10-Q2") == {}  # none yet: an empty, known set
    for name in ("messages/2009-10-Q2.yaml", "messages/2009-10-Q3.yaml", "commentary/2009-10-Q2.xlsx", "actions/a.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    found = pattern_files(tmp_path, patterns, "2009-10-Q2")
    assert sorted(found) == ["actions/a.csv", "commentary/2009-10-Q2.xlsx", "messages/2009-10-Q2.yaml"]
    (tmp_path / "messages/2009-10-Q3.yaml").write_text("changed", encoding="utf-8")
    assert pattern_files(tmp_path, patterns, "2009-10-Q2") == found  # another period's messages


def test_a_scorecard_is_judged_by_what_it_shows(small, tmp_path):
    """The correction is to M002's own figure, a sum: M002's scorecard lists it; M003's shows no sum."""
    corrected = _corrected(small, tmp_path)
    notebook = notebook_for("member_scorecard", None)
    before = paper_from_folder(DataFolder.open(small, "compact-2009-10", FRAMEWORKS), "2009-10-Q2")
    after = paper_from_folder(DataFolder.open(corrected, "compact-2009-10", FRAMEWORKS), "2009-10-Q2")
    assert scorecard_content(before, "M002", notebook) != scorecard_content(after, "M002", notebook)
    assert scorecard_content(before, "M003", notebook) == scorecard_content(after, "M003", notebook)


def test_a_paper_is_unchanged_only_with_its_files_intact(tmp_path):
    (tmp_path / "evaluation.html").write_text("<p>paper</p>", encoding="utf-8")
    written = hashlib.sha256(b"<p>paper</p>").hexdigest()
    old = {"inputs": "a", "digest": "a", "outputs": {"evaluation.html": written}}
    assert intact(tmp_path, old) and unchanged(tmp_path, old, {"inputs": "a", "digest": "a"}, "inputs")
    assert not unchanged(tmp_path, old, {"inputs": "b", "digest": "b"}, "inputs")
    (tmp_path / "evaluation.html").write_text("<p>edited</p>", encoding="utf-8")
    assert not intact(tmp_path, old)
    (tmp_path / "evaluation.html").unlink()
    assert not unchanged(tmp_path, old, {"inputs": "a", "digest": "a"}, "inputs")
    assert not intact(tmp_path, {"outputs": {}})  # a record that lists no files proves nothing


def test_papers_line_counts_every_period():
    def outcome(unchanged, rendered):
        return SimpleNamespace(unchanged=unchanged, rendered=rendered)

    assert papers_line([outcome(6, 0), outcome(8, 3)]) == "Papers: 14 unchanged, 3 rendered (--force renders every one)"
    assert papers_line([outcome(0, 2)]) == "Papers: 0 unchanged, 2 rendered"


def test_a_period_none_of_whose_papers_was_rendered_reads_same_in_the_summary():
    outcomes = [
        PeriodOutcome("2009-10-Q1", True, Path("/r/Q1"), (), 0.0, 0.0, unchanged=51),
        PeriodOutcome("2009-10-Q2", True, Path("/r/Q2"), (), 4.0, 9.0, rendered=2, unchanged=49),
    ]
    lines = summary_table(outcomes).splitlines()
    assert lines[1].split() == ["2009-10-Q1", "same", "0.0", "/r/Q1"]
    assert lines[2].split() == ["2009-10-Q2", "ok", "4.0", "/r/Q2"]
    assert papers_line(outcomes) == "Papers: 100 unchanged, 2 rendered (--force renders every one)"


def test_a_paper_left_in_place_keeps_the_digest_it_was_judged_by():
    previous = {"inputs": "old", "digest": "shows-x", "components": {"evidence": "e1", "content": "x"},
                "outputs": {"members/M003.html": "h"}}  # fmt: skip
    today = {"inputs": "new", "digest": "new", "components": {"evidence": "e2"}}  # evidence moved on, same content
    assert carried(previous, today) == {"inputs": "new", "digest": "shows-x", "outputs": {"members/M003.html": "h"},
                                        "components": {"evidence": "e2", "content": "x"}}  # fmt: skip
