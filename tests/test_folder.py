"""The data-folder service: one object finds and loads a folder's framework, register and store."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pandas as pd
import pytest

from compact_analysis.cli.options import DEFAULT_FRAMEWORK as CLI_DEFAULT
from compact_analysis.errors import CompactError, ErrorCode, FrameworkError, ParameterError, StoreError
from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.evidence.store import (
    observations_as_at,
    open_store,
    quarantine,
)
from compact_analysis.folder import DataFolder
from compact_analysis.plan.framework import find_framework, load_framework
from compact_analysis.plan.locate import DEFAULT_FRAMEWORK, open_framework
from compact_analysis.plan.members import load_register
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS


def test_open_finds_the_framework_by_id_and_the_folder_s_files(tmp_path):
    folder = DataFolder.open(tmp_path, "compact-2009-10", FRAMEWORKS)
    assert folder.framework_path == FRAMEWORKS / "compact-2009-10.yaml"
    assert folder.store_path == tmp_path / "store.duckdb"
    assert folder.framework.id == "compact-2009-10"
    assert folder.framework is folder.framework  # loaded once
    assert repr(folder) == f"DataFolder({str(tmp_path)!r}, framework='compact-2009-10')"


def test_a_framework_path_is_used_as_given(tmp_path):
    path = FRAMEWORKS / "compact-2009-10.yaml"
    assert DataFolder.open(tmp_path, str(path)).framework_path == path


def test_the_cli_and_the_folder_default_to_the_same_framework():
    assert CLI_DEFAULT == DEFAULT_FRAMEWORK == "compact-2009-10"


def test_an_unknown_framework_id_gives_the_same_error_as_loading_it_directly(tmp_path):
    with pytest.raises(FrameworkError) as direct:
        load_framework(find_framework("no-such-plan", FRAMEWORKS))
    with pytest.raises(FrameworkError) as via_folder:
        _ = DataFolder.open(tmp_path, "no-such-plan", FRAMEWORKS).framework
    with pytest.raises(FrameworkError) as via_function:
        open_framework("no-such-plan", FRAMEWORKS)
    assert str(via_folder.value) == str(direct.value) == str(via_function.value)
    assert "no-such-plan.yaml" in str(direct.value)


def test_nothing_is_loaded_until_it_is_used(tmp_path):
    # A folder with no register and no framework file can still be opened (``init-demo`` writes them).
    folder = DataFolder.open(tmp_path / "empty", "no-such-plan", FRAMEWORKS)
    with pytest.raises(ParameterError, match="not found"):
        folder.check_exists()


def test_the_demo_folder_has_data_for_each_quarter_of_its_year(ingested_demo):
    # The demo writes one return file per quarter of 2009-10 (the framework's default cadence is quarterly).
    folder = ingested_demo.folder
    assert [p.name for p in folder.periods_with_data()] == ["2009-10-Q1", "2009-10-Q2", "2009-10-Q3", "2009-10-Q4"]
    assert folder.latest_period().name == "2009-10-Q4"


def test_the_register_is_the_folder_s_members_file(ingested_demo):
    folder = ingested_demo.folder
    assert folder.register_path == ingested_demo.demo.members_file
    pd.testing.assert_frame_equal(folder.register, load_register(ingested_demo.demo.members_file))


def test_evaluate_equals_evaluate_period_on_the_same_inputs(ingested_demo, compact):
    period = parse_period("2009-10-Q2")
    as_at = date(2009, 11, 14)  # 30 Sep plus the framework's 45-day reporting lag
    with open_store(ingested_demo.store, read_only=True) as con:
        expected = evaluate_period(
            compact,
            observations_as_at(con, as_at),
            load_register(ingested_demo.demo.members_file),
            period,
            as_at,
            quarantined=quarantine(con),
        )
    got = ingested_demo.folder.evaluate("2009-10-Q2")  # the evidence date defaults to the same lag
    assert got.as_at == as_at
    pd.testing.assert_frame_equal(got.table(), expected.table())
    pd.testing.assert_frame_equal(got.candidates, expected.candidates)
    # The register it carries is the one a fresh folder derives as at that date for that period.
    fresh = DataFolder.open(ingested_demo.store.parent, FRAMEWORKS / "compact-2009-10.yaml")
    pd.testing.assert_frame_equal(got.exceptions, fresh.exceptions_as_at(as_at, "2009-10-Q2"))


def test_an_unknown_period_is_refused_with_a_one_line_error(ingested_demo):
    with pytest.raises(CompactError) as refused:
        ingested_demo.folder.evaluate("2009-10-Q9")
    assert refused.value.exit_code == 2 and "\n" not in str(refused.value)


def test_re_ingesting_the_same_files_adds_nothing(demo_copy):
    folder = DataFolder.open(demo_copy, frameworks_dir=FRAMEWORKS)
    results = folder.ingest()  # every file under returns/: already in the store
    assert [r.file for r in results] == [p.name for p in sorted((demo_copy / "returns").glob("*.csv"))]
    assert all(r.already_ingested and r.accepted == 0 for r in results)


def test_list_then_resolve(demo_copy):
    folder = DataFolder.open(demo_copy, frameworks_dir=FRAMEWORKS)
    q1 = folder.list_register(as_at=date(2009, 8, 14))  # Q1's evidence date: what Q1's rules raised
    assert len(q1) and set(q1["opened_period"]) == {"2009-10-Q1"}
    first = q1["exception_id"].iloc[0]
    folder.resolve(first, "Return received", date(2009, 8, 20))
    again = DataFolder.open(demo_copy, frameworks_dir=FRAMEWORKS)  # read back from the store
    assert first not in set(again.list_register(as_at=date(2009, 8, 20))["exception_id"])
    assert list(again.list_register("resolved", as_at=date(2009, 8, 20))["exception_id"]) == [first]
    # Before the resolution's date it is still open.
    assert first in set(again.list_register(as_at=date(2009, 8, 19))["exception_id"])


def test_resolved_keeps_what_is_loaded_and_makes_paths_absolute(ingested_demo, monkeypatch):
    monkeypatch.chdir(ingested_demo.store.parent.parent)
    folder = DataFolder.open(ingested_demo.store.parent.name, frameworks_dir=FRAMEWORKS)
    loaded = folder.framework
    absolute = folder.resolved()
    assert absolute.path.is_absolute() and absolute.store_path == ingested_demo.store
    assert absolute.framework is loaded


def test_init_demo_refuses_to_replace_a_store_without_force(tmp_path):
    (tmp_path / "store.duckdb").write_text("an old store", encoding="utf-8")
    folder = DataFolder.open(tmp_path, frameworks_dir=FRAMEWORKS)
    with pytest.raises(StoreError) as caught:
        folder.init_demo(seed=7, members=5)
    assert caught.value.code == ErrorCode.STORE_EXISTS and caught.value.exit_code == 2
    assert (tmp_path / "store.duckdb").read_text(encoding="utf-8") == "an old store"
    assert not (tmp_path / "members.csv").exists() and not folder.is_synthetic


def test_init_demo_with_force_replaces_the_store_and_marks_the_folder_synthetic(tmp_path):
    (tmp_path / "store.duckdb").write_text("an old store", encoding="utf-8")
    folder = DataFolder.open(tmp_path, frameworks_dir=FRAMEWORKS)
    result = folder.init_demo(seed=7, members=5, force=True)
    assert not (tmp_path / "store.duckdb").exists()
    assert folder.is_synthetic and "seed 7" in (tmp_path / SYNTHETIC_MARKER_FILE).read_text(encoding="utf-8")
    assert result.members_file == tmp_path / "members.csv" and result.return_files


def test_store_summary_counts_the_ingested_files(ingested_demo, tmp_path):
    # Four quarterly return files and one file of corrections, each ingested once.
    summary = ingested_demo.folder.store_summary()
    assert summary["files"] == len(ingested_demo.demo.return_files) == 5
    assert summary["observations"] > 0 and summary["latest_ingest"] is not None
    assert DataFolder.open(tmp_path).store_summary() == {}  # no store yet: nothing to describe


def test_latest_and_finished_periods_take_a_cadence(ingested_demo):
    # The demo has a return for every month and quarter of 2009-10; the newest ends 31 March 2010.
    folder = ingested_demo.folder
    assert folder.latest_period("monthly").name == "2009-10-M12"  # March holds the Q4 returns' period end
    assert [p.name for p in folder.finished_periods("monthly")] == [f"2009-10-M{m:02d}" for m in range(1, 13)]
    assert [p.name for p in folder.finished_periods("annual")] == ["2009-10"]
    assert folder.latest_period().name == "2009-10-Q4"  # the framework's default cadence


def test_a_store_whose_newest_return_is_for_month_4_has_latest_quarter_1(ingested_demo, tmp_path):
    # Issue #23: the Q1 file and only the July (month 4) rows of the Q2 file. Q2 ends 30 September, after
    # 31 July, so it is not finished: latest is Q1 (quarterly) and M04 (monthly).
    returns = ingested_demo.folder.path / "returns"
    lines = (returns / "2009-10-Q2.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    july = tmp_path / "july.csv"
    july.write_text(lines[0] + "".join(line for line in lines[1:] if ",2009-10-M04," in line), encoding="utf-8")
    shutil.copy(ingested_demo.folder.path / "members.csv", tmp_path / "members.csv")
    folder = DataFolder(tmp_path, ingested_demo.folder.framework_path)
    folder.ingest([returns / "2009-10-Q1.csv", july], ingested_at=datetime(2009, 8, 20))
    assert folder.latest_period().name == "2009-10-Q1"
    assert folder.latest_period("monthly").name == "2009-10-M04"
    assert [p.name for p in folder.finished_periods()] == ["2009-10-Q1"]  # what report-all renders
    with pytest.raises(StoreError) as caught:
        folder.latest_period("annual")
    assert caught.value.code == ErrorCode.NO_FINISHED_PERIOD
