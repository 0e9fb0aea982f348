import csv
from datetime import date

import pytest

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import observations_as_at, open_store, quarantine
from compact_analysis.plan.members import load_register


def test_reconciliation_adds_up_and_only_planted_faults_are_quarantined(ingested_demo):
    for result in ingested_demo.reconciliations:
        assert result.balanced, result.line()
    with open_store(ingested_demo.store, read_only=True) as con:
        found = quarantine(con)
    quarantined = sorted({(r.file, int(r.row), r.code) for r in found.itertuples()})
    assert quarantined == sorted(ingested_demo.demo.planted_faults)


def test_reingesting_the_same_file_changes_nothing(ingested_demo, compact, tmp_path):
    store = tmp_path / "store.duckdb"
    register = load_register(ingested_demo.demo.members_file)
    first_file = ingested_demo.demo.return_files[0]
    with open_store(store) as con:
        first = ingest_returns(con, first_file, compact, register)
        before = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
        again = ingest_returns(con, first_file, compact, register)
        after = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    assert first.accepted == before and again.already_ingested and before == after


def test_a_correction_supersedes_only_from_its_submitted_date(ingested_demo):
    member, measure, period = ingested_demo.demo.corrected
    correction_file = ingested_demo.demo.return_files[-1]
    with open(correction_file, encoding="utf-8") as handle:
        corrected_on = date.fromisoformat(next(csv.DictReader(handle))["submitted"])
    with open_store(ingested_demo.store, read_only=True) as con:
        before = observations_as_at(con, date(2009, 11, 15))
        after = observations_as_at(con, corrected_on)

    def value(frame):
        row = frame[(frame.member_id == member) & (frame.measure_id == measure) & (frame.period == period)]
        return row["value"].item()

    # As at mid-November (the Q2 report's evidence date) the original return stands; later, the correction.
    assert value(before) == "not-committed"
    assert value(after) == "committed"


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


HEADER = ["member_id", "measure_id", "period", "value", "comment", "submitted"]


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (["M999", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"], "member_id", "unknown-member"),
        (["M002", "no-such-measure", "2009-10-Q1", "committed", "", "2009-07-10"], "measure_id", "unknown-measure"),
        (["M002", "pledge-level", "2011-12-Q1", "committed", "", "2011-07-10"], "period", "invalid-period"),
        (["M002", "pledge-level", "2009-10-Q1", "stage-9", "", "2009-07-10"], "value", "level-not-on-scale"),
        (["M002", "sfl-enrolled", "2009-10-M04", "twelve", "", "2009-08-10"], "value", "type-error"),
        (["M002", "sfl-enrolled", "2009-10-M04", "-3", "", "2009-08-10"], "value", "constraint-error"),
        (["M002", "sfl-test-event", "2009-10-Q1", "maybe", "", "2009-07-10"], "value", "type-error"),
        (["M002", "pledge-level", "2009-10-Q1", "committed", "", "31/13/2009"], "submitted", "type-error"),
        (["M002", "pledge-level", "2009-10-Q1", "", "", "2009-07-10"], "value", "missing-cell"),
        (["M002", "pledge-level", "2009-10-Q3", "committed", "", "2009-07-10"], "period", "period-after-submission"),
    ],
)
def test_each_rule_reports_its_code_row_and_column(tmp_path, compact, ingested_demo, row, column, code):
    path = tmp_path / "return.csv"
    good = ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"]
    _write(path, [HEADER, good, row])
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, compact, register)
        found = quarantine(con)
    assert (result.accepted, result.quarantined) == (1, 1)
    assert [(int(r.row), r.column, r.code) for r in found.itertuples()] == [(3, column, code)]


def test_a_member_who_left_cannot_report_for_a_later_period(tmp_path, compact, ingested_demo):
    leaver = ingested_demo.demo.left_mid_year  # left 31 October 2009
    path = tmp_path / "return.csv"
    _write(path, [HEADER, [leaver, "pledge-level", "2009-10-Q4", "committed", "", "2010-04-10"]])
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / "store.duckdb") as con:
        ingest_returns(con, path, compact, register)
        assert quarantine(con)["code"].tolist() == ["not-a-member-at-date"]


def test_exact_duplicates_are_counted_not_stored_twice(tmp_path, compact, ingested_demo):
    path = tmp_path / "return.csv"
    row = ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"]
    _write(path, [HEADER, row, row])
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, compact, register)
    assert (result.rows_read, result.accepted, result.duplicates) == (2, 1, 1)


def test_observation_ids_grow_with_ingest_order_and_file_order(tmp_path, compact, ingested_demo):
    """Ids are unique and ordered as a sequence's would be: a later file's rows after an earlier file's, rows of a
    file in its order (the latest value of a key is chosen by submitted date, then id). By hand: file one's rows
    2 and 3 get 0 + 2 and 0 + 3; file two's rows 2 and 3 get 3 + 2 and 3 + 3."""
    register = load_register(ingested_demo.demo.members_file)
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    _write(first, [HEADER, ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"],
                   ["M004", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"]])  # fmt: skip
    _write(second, [HEADER, ["M005", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"],
                    ["M003", "pledge-level", "2009-10-Q2", "committed", "", "2009-10-10"]])  # fmt: skip
    with open_store(tmp_path / "store.duckdb") as con:
        ingest_returns(con, first, compact, register)
        ingest_returns(con, second, compact, register)
        ids = con.execute("SELECT file_id, source_row, observation_id FROM observations ORDER BY 1, 2").fetchall()
    assert ids == [(1, 2, 2), (1, 3, 3), (2, 2, 5), (2, 3, 6)]


def test_a_file_missing_a_column_is_refused_with_its_name(tmp_path, compact, ingested_demo):
    path = tmp_path / "return.csv"
    _write(path, [["member_id", "measure_id", "value"], ["M003", "pledge-level", "committed"]])
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / "store.duckdb") as con, pytest.raises(InputError, match="period, submitted") as caught:
        ingest_returns(con, path, compact, register)
    assert caught.value.code == ErrorCode.MISSING_COLUMN


def _ingest_rows(tmp_path, compact, ingested_demo, rows, name="return.csv", store="store.duckdb"):
    path = tmp_path / name
    _write(path, rows)
    register = load_register(ingested_demo.demo.members_file)
    with open_store(tmp_path / store) as con:
        result = ingest_returns(con, path, compact, register)
        found = quarantine(con)
    return result, [(int(r.row), r.column, r.code) for r in found.itertuples() if r.file == name]


def test_a_stage_lower_than_an_earlier_period_in_the_same_file_goes_backwards(tmp_path, compact, ingested_demo):
    rows = [
        [*HEADER, "correction"],
        ["M003", "pledge-level", "2009-10-Q1", "stage-2", "", "2009-07-10", ""],
        ["M003", "pledge-level", "2009-10-Q2", "committed", "", "2009-10-10", ""],  # rank 2 after rank 3
        ["M004", "pledge-level", "2009-10-Q1", "stage-2", "", "2009-07-10", ""],
        ["M004", "pledge-level", "2009-10-Q2", "committed", "", "2009-10-10", "yes"],  # flagged: accepted
    ]
    result, failures = _ingest_rows(tmp_path, compact, ingested_demo, rows)
    assert (result.accepted, result.quarantined) == (3, 1)
    assert failures == [(3, "value", "stage-backwards")]


def test_a_stage_lower_than_one_already_stored_goes_backwards(tmp_path, compact, ingested_demo):
    first = [HEADER, ["M003", "pledge-level", "2009-10-Q1", "stage-3", "", "2009-07-10"]]
    _ingest_rows(tmp_path, compact, ingested_demo, first, name="q1.csv")
    later = [
        HEADER,
        ["M003", "pledge-level", "2009-10-Q2", "stage-2", "", "2009-10-10"],  # below stored stage-3
        ["M003", "pledge-level", "2009-10-Q3", "stage-3", "", "2010-01-10"],  # equal to it: fine
    ]
    result, failures = _ingest_rows(tmp_path, compact, ingested_demo, later, name="q2.csv")
    assert failures == [(2, "value", "stage-backwards")]
    assert result.accepted == 1


def test_duplicate_key_with_different_values_quarantines_both(tmp_path, compact, ingested_demo):
    rows = [
        HEADER,
        ["M003", "sfl-enrolled", "2009-10-M04", "4", "", "2009-08-10"],
        ["M003", "sfl-enrolled", "2009-10-M04", "5", "", "2009-08-10"],
    ]
    _result, failures = _ingest_rows(tmp_path, compact, ingested_demo, rows)
    assert failures == [(2, "value", "duplicate-key"), (3, "value", "duplicate-key")]


def test_an_interior_blank_row_is_quarantined_once(tmp_path, compact, ingested_demo):
    rows = [HEADER, ["", "", "", "", "", ""], ["M003", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"]]
    result, failures = _ingest_rows(tmp_path, compact, ingested_demo, rows)
    assert (result.rows_read, result.accepted, failures) == (2, 1, [(2, "blank-row", "blank-row")])


def test_the_wide_layout_is_one_observation_per_filled_measure_cell(tmp_path, compact, ingested_demo):
    rows = [
        ["member_id", "period", "submitted", "pledge-level", "sfl-test-event", "apprenticeship-scheme"],
        ["M003", "2009-10-Q1", "2009-07-10", "committed", "yes", ""],  # blank = not answered, not read
        ["M004", "2009-10-Q1", "2009-07-10", "stage-9", "no", "no"],
    ]
    result, failures = _ingest_rows(tmp_path, compact, ingested_demo, rows)
    # 2 + 3 filled measure cells = 5 read; stage-9 fails in column pledge-level on row 3.
    assert (result.layout, result.rows_read, result.accepted, result.quarantined) == ("wide", 5, 4, 1)
    assert failures == [(3, "pledge-level", "level-not-on-scale")]


def test_quarantined_rows_are_written_beside_the_store_formula_safe(tmp_path, compact, ingested_demo):
    rows = [HEADER, ["=cmd|' /C calc'!A0", "pledge-level", "2009-10-Q1", "committed", "", "2009-07-10"]]
    result, _ = _ingest_rows(tmp_path, compact, ingested_demo, rows)
    assert result.quarantine_file == tmp_path / "quarantine" / "return.csv"
    with open(result.quarantine_file, encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        written = list(reader)
    assert reader.fieldnames == ["file", "sheet", "row", "column", "value", "code", "message"]
    assert [(r["row"], r["column"], r["code"]) for r in written] == [("2", "member_id", "unknown-member")]
    assert written[0]["value"] == "'=cmd|' /C calc'!A0"


def test_a_q2_figure_is_reproduced_as_at_q2_after_a_later_correction(ingested_demo, compact):
    """The Q2 committed count as at the day before the correction arrived, and as at its date: one higher
    (one member moved not-committed → committed). Late Q2 returns also arrive in between, so compare adjacent days."""
    from datetime import timedelta

    from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
    from compact_analysis.plan.periods import parse_period

    q2 = parse_period("2009-10-Q2")
    register = load_register(ingested_demo.demo.members_file)
    with open(ingested_demo.demo.return_files[-1], encoding="utf-8") as handle:
        corrected_on = date.fromisoformat(next(csv.DictReader(handle))["submitted"])

    def committed(as_at):
        with open_store(ingested_demo.store, read_only=True) as con:
            observations = observations_as_at(con, as_at)
        return evaluate_period(compact, observations, register, q2, as_at).result("pledge-committed").value.value

    assert default_as_at(compact, q2) < corrected_on  # the Q2 paper's evidence date precedes the correction
    assert committed(corrected_on) == committed(corrected_on - timedelta(days=1)) + 1


def test_memory_cap_grows_only_for_very_large_files():
    from compact_analysis.evidence.resources import memory_limit_mb

    assert memory_limit_mb(51_000_000) == 300  # a 1,000,000-row return: 3 x 51 = 153, below the floor
    assert memory_limit_mb(200_000_000) == 600  # 3 x 200
    assert memory_limit_mb(466_000_000) == 1024  # 3 x 466 = 1398, capped at 1 GB


def test_quarantine_names_the_member_and_period_where_they_could_be_read(tmp_path, compact, ingested_demo):
    rows = [
        HEADER,
        ["M003", "sfl-enrolled", "2009-10-M04", "lots", "", "2009-08-10"],  # a known member, a bad value
        ["M999", "sfl-enrolled", "2009-10-M04", "4", "", "2009-08-10"],  # not in the register: no member named
    ]
    path = tmp_path / "return.csv"
    _write(path, rows)
    with open_store(tmp_path / "store.duckdb") as con:
        ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
        found = quarantine(con).sort_values("row")
    assert list(found["member_id"].fillna("")) == ["M003", ""]
    assert list(found["period_end"].dt.date) == [date(2009, 7, 31)] * 2  # July 2009 (M04) ends on 31 July


def test_reconciliation_line_says_row_for_one():
    from compact_analysis.evidence.ingest import Reconciliation

    one = Reconciliation("c.csv", "x", rows_read=1, accepted=1, quarantined=0, duplicates=0)
    assert one.line() == "c.csv: 1 row read = 1 accepted + 0 quarantined + 0 duplicates ignored"
    three = Reconciliation("q.csv", "x", rows_read=3, accepted=1, quarantined=1, duplicates=1)
    assert three.line() == "q.csv: 3 rows read = 1 accepted + 1 quarantined + 1 duplicates ignored"
