"""Every aggregate of the training pack against hand-worked figures on a seven-row data set."""

from dataclasses import replace
from fractions import Fraction

import duckdb
import pandas as pd
import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.presentation.money import money
from compact_analysis.training.aggregate import (
    budget_variance,
    cumulative_spend,
    duckdb_runner,
    grouping_sets,
    months_elapsed,
    period_pack,
    ring_fenced_spend,
    training_pack,
    view,
)
from compact_analysis.training.config import load_training_config
from compact_analysis.training.exception_rules import training_exceptions
from tests.training.fixtures import small_budgets, small_records


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.register("records_df", small_records())
    connection.execute("CREATE TABLE training_records AS SELECT * FROM records_df")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pack(con):
    return period_pack(duckdb_runner(con), "training_records", "2009-10-Q2")


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


def test_months_elapsed():
    assert months_elapsed("2009-10-M01") == 1
    assert months_elapsed("2009-10-Q2") == 6  # April..September
    assert months_elapsed("2009-10-M12") == 12  # March
    assert months_elapsed("2009-10") == 12


def test_sixteen_grouping_sets():
    assert len(grouping_sets()) == 16  # 3 grains x 5 views + the year-to-date detail


def test_quarters_all(pack):
    # Q1: rows 1, 2 -> 2 enrolments, 1 completed, 60+120 = 180 minutes, learner 1 only, 11500+5000 = 16500p
    # Q2: rows 3, 4, 5 -> 3 enrolments, 2 completed, 90+600+30 = 720 minutes, learners 2 and 3, 20000+150000+2500 = 172500p
    # Row 6 (October) and row 7 (March 2009) fall outside April-September 2009.
    got = _rows(
        view(pack, "quarter", "all"),
        "period",
        "enrolments",
        "completions",
        "learner_minutes",
        "unique_learners",
        "spend_pence",
    )
    assert got == [("2009-10-Q1", 2, 1, 180, 1, 16500), ("2009-10-Q2", 3, 2, 720, 2, 172500)]


def test_year_to_date_all_counts_learners_once(pack):
    # 5 enrolments, 3 completed, 900 minutes, learners {1, 2, 3}, 16500 + 172500 = 189000p
    got = _rows(
        view(pack, "year-to-date", "all"),
        "enrolments",
        "completions",
        "learner_minutes",
        "unique_learners",
        "spend_pence",
    )
    assert got == [(5, 3, 900, 3, 189000)]


def test_year_to_date_by_member(pack):
    # M001: rows 1, 2, 3 -> 3 enrolments, 2 completed, 270 minutes, learners {1, 2}, 11500+5000+20000 = 36500p
    # M002: rows 4, 5 -> 2 enrolments, 1 completed, 630 minutes, learner {3}, 152500p
    got = _rows(
        view(pack, "year-to-date", "member"),
        "member_id",
        "enrolments",
        "completions",
        "learner_minutes",
        "unique_learners",
        "spend_pence",
    )
    assert got == [("M001", 3, 2, 270, 2, 36500), ("M002", 2, 1, 630, 1, 152500)]


def test_year_to_date_by_directorate(pack):
    # (M001, Alpha): rows 1, 2 (learner 1 twice) -> 16500p; (M001, Beta): row 3 -> 20000p;
    # (M002, Alpha): rows 4, 5 (learner 3 twice) -> 152500p
    got = _rows(
        view(pack, "year-to-date", "directorate"),
        "member_id",
        "directorate",
        "enrolments",
        "unique_learners",
        "spend_pence",
    )
    assert got == [("M001", "Alpha", 2, 1, 16500), ("M001", "Beta", 1, 1, 20000), ("M002", "Alpha", 2, 1, 152500)]


def test_months_by_member_learners(pack):
    # M001 in M01: row 1 (learner 1); M02: row 2 (learner 1); M04: row 3 (learner 2). M002 in M04: row 4; M06: row 5.
    got = _rows(view(pack, "month", "member"), "period", "member_id", "unique_learners")
    assert got == [
        ("2009-10-M01", "M001", 1),
        ("2009-10-M02", "M001", 1),
        ("2009-10-M04", "M001", 1),
        ("2009-10-M04", "M002", 1),
        ("2009-10-M06", "M002", 1),
    ]


def test_detail_view_has_spend_but_no_learner_count(pack):
    detail = view(pack, "year-to-date", "detail")
    assert len(detail) == 5 and detail["unique_learners"].isna().all()  # five distinct cells among rows 1-5
    assert detail["spend_pence"].sum() == 189000


def test_months_by_priority(pack):
    # M01 P2 row 1; M02 P2 row 2; M04 P3 row 4 and P6 row 3; M06 P2 row 5.
    got = _rows(view(pack, "month", "priority"), "period", "priority", "enrolments", "spend_pence")
    assert got == [
        ("2009-10-M01", "P2", 1, 11500),
        ("2009-10-M02", "P2", 1, 5000),
        ("2009-10-M04", "P3", 1, 150000),
        ("2009-10-M04", "P6", 1, 20000),
        ("2009-10-M06", "P2", 1, 2500),
    ]


def test_year_to_date_by_funding_source(pack):
    # leadership-grant: rows 3 and 5, learners {2, 3}, 20000 + 2500 = 22500p
    got = _rows(
        view(pack, "year-to-date", "funding_source"), "funding_source", "enrolments", "unique_learners", "spend_pence"
    )
    assert got == [
        ("apprenticeship-levy", 1, 1, 150000),
        ("core-budget", 1, 1, 11500),
        ("leadership-grant", 2, 2, 22500),
        ("skills-for-life-grant", 1, 1, 5000),
    ]


def test_quarter_by_priority_learners(pack):
    # Q1 P2: rows 1 and 2 are the same learner 1 -> 1 unique learner, 2 enrolments
    got = _rows(view(pack, "quarter", "priority"), "period", "priority", "enrolments", "unique_learners")
    assert got[0] == ("2009-10-Q1", "P2", 2, 1)


def test_budget_variance_and_outturn(pack):
    variance = budget_variance(pack, small_budgets(), "2009-10-Q2", Fraction(1, 10))
    got = _rows(
        variance,
        "member_id", "directorate", "priority", "budget_pence", "spend_pence", "profile_to_date_pence",
        "projected_outturn_pence", "outturn_variance_pence", "beyond_tolerance",
    )  # fmt: skip
    assert got == [
        # spend 16500; profile 30000 x 6/12 = 15000; outturn 16500 x 12/6 = 33000; variance 3000 = exactly 1/10 of 30000: not beyond
        ("M001", "Alpha", "P2", 30000, 16500, 15000, 33000, 3000, False),
        # spend 20000; profile 15000; outturn 40000; variance 10000 > 3000
        ("M001", "Beta", "P6", 30000, 20000, 15000, 40000, 10000, True),
        # no budget; spend 2500; outturn 5000; any spend is beyond a zero budget
        ("M002", "Alpha", "P2", 0, 2500, 0, 5000, 5000, True),
        # spend 150000; profile 120000; outturn 300000; variance 60000 > 24000
        ("M002", "Alpha", "P3", 240000, 150000, 120000, 300000, 60000, True),
    ]
    assert (variance["variance_to_date_pence"] == variance["spend_pence"] - variance["profile_to_date_pence"]).all()


def test_outturn_rounds_half_up_to_the_penny(con):
    pack = period_pack(duckdb_runner(con), "training_records", "2009-10-M07")
    variance = budget_variance(pack, small_budgets(), "2009-10-M07", Fraction(1, 10))
    first = variance.iloc[0]
    # 16500 x 12 / 7 = 28285.71... -> 28286; profile 30000 x 7 / 12 = 17500
    assert (first["projected_outturn_pence"], first["profile_to_date_pence"]) == (28286, 17500)


def test_cumulative_spend_against_profile(pack):
    frame = cumulative_spend(pack, small_budgets(), "2009-10-Q2")
    p2 = frame[frame["priority"] == "P2"]
    # monthly 11500, 5000, 0, 0, 0, 2500; annual budget for P2 is 30000 -> profile 2500 per month
    assert p2["spend_pence"].tolist() == [11500, 5000, 0, 0, 0, 2500]
    assert p2["cumulative_pence"].tolist() == [11500, 16500, 16500, 16500, 16500, 19000]
    assert p2["profile_pence"].tolist() == [2500, 5000, 7500, 10000, 12500, 15000]
    assert sorted(frame["priority"].unique()) == ["P2", "P3", "P6"]


def test_ring_fenced_spend_flags_use_outside_purpose(pack):
    fenced = ring_fenced_spend(pack, load_training_config())
    got = _rows(fenced, "member_id", "funding_source", "priority", "spend_pence", "outside_purpose")
    assert got == [
        ("M001", "skills-for-life-grant", "P2", 5000, False),  # sorted by member, then directorate (Alpha, Beta)
        ("M001", "leadership-grant", "P6", 20000, False),
        ("M002", "apprenticeship-levy", "P3", 150000, False),
        ("M002", "leadership-grant", "P2", 2500, True),  # the leadership grant is for P6
    ]


def test_exceptions_for_the_register(pack):
    config = load_training_config()
    # No minimum (the rule when a config has none): the percentage alone, as test_budget_variance_and_outturn.
    variance = budget_variance(pack, small_budgets(), "2009-10-Q2", config.tolerance)
    exceptions = training_exceptions(variance, ring_fenced_spend(pack, config), "2009-10-Q2", config.tolerance)
    assert list(exceptions.columns) == ["kind", "member", "directorate", "priority", "period", "detail"]
    assert _rows(exceptions, "kind", "member", "directorate", "priority") == [
        ("budget-variance", "M001", "Beta", "P6"),
        ("budget-variance", "M002", "Alpha", "P2"),
        ("budget-variance", "M002", "Alpha", "P3"),
        ("ring-fence-misuse", "M002", "Alpha", "P2"),
    ]
    assert exceptions["detail"].iloc[0] == (
        "projected outturn £400.00 against budget £300.00 (variance £100.00; more than 10% from budget)"
    )
    assert exceptions["detail"].iloc[3] == "£25.00 of leadership-grant (for P6) spent on P2"


def test_exceptions_with_a_minimum_state_both_thresholds(pack):
    config = load_training_config()
    # Minimum £100 (10000p): M001 Beta P6's £100 is exactly the minimum, so raised; M002 Alpha P2's £50 is not.
    variance = budget_variance(pack, small_budgets(), "2009-10-Q2", config.tolerance, 10_000)
    exceptions = training_exceptions(variance, ring_fenced_spend(pack, config), "2009-10-Q2", config.tolerance, 10_000)
    assert _rows(exceptions, "kind", "member", "directorate", "priority") == [
        ("budget-variance", "M001", "Beta", "P6"),
        ("budget-variance", "M002", "Alpha", "P3"),
        ("ring-fence-misuse", "M002", "Alpha", "P2"),
    ]
    assert list(exceptions["detail"].iloc[:2]) == [
        "projected outturn £400.00 against budget £300.00 (variance £100.00; more than 10% and at least £100 from budget)",
        "projected outturn £3,000.00 against budget £2,400.00 (variance £600.00; more than 10% and at least £100 from budget)",
    ]
    # A minimum with pence, and a tolerance that is not a whole percentage, in words.
    odd = training_exceptions(variance, ring_fenced_spend(pack, config).iloc[:0], "2009-10-Q2", Fraction(1, 8), 250_050)
    assert odd["detail"].iloc[0].endswith("(variance £100.00; more than 12.5% and at least £2,500.50 from budget)")


def _ytd_pack(lines: list[tuple[str, int]], period: str = "2009-10-M12") -> pd.DataFrame:
    """A pack holding only year-to-date detail rows: (member id, spend in pence), directorate D, priority P1."""
    return pd.DataFrame(
        {
            "grain": "year-to-date", "period": period, "view": "detail",
            "member_id": [m for m, _ in lines], "directorate": "D", "priority": "P1", "funding_source": "core-budget",
            "enrolments": 1, "completions": 1, "learner_minutes": 60, "unique_learners": pd.NA,
            "spend_pence": [p for _, p in lines],
        }
    )  # fmt: skip


def test_materiality_needs_both_the_share_and_the_sum_exact_to_the_penny():
    """At M12 the outturn is the spend itself, so each variance is spend − budget, worked in pence by hand.

    Tolerance 1/10, minimum £5,000 (500000p). Beyond needs |variance| × 10 > budget AND |variance| >= 500000.
    """
    lines = [
        # (member, budget, spend): a £100,000 line, where the 10% (£10,000) binds
        ("A1", 10_000_000, 11_000_000),  # +1000000 = exactly 10%: not > 10%          -> within
        ("A2", 10_000_000, 11_000_001),  # +1000001 > 1000000 and >= 500000            -> beyond
        ("A3", 10_000_000, 8_999_999),  # -1000001                                   -> beyond
        ("A4", 10_000_000, 9_000_000),  # -1000000 = exactly 10%                      -> within
        # a £20,000 line, where the £5,000 binds (10% is only £2,000)
        ("B1", 2_000_000, 2_499_999),  # +499999: 25% over but 1p under the minimum  -> within
        ("B2", 2_000_000, 2_500_000),  # +500000: exactly the minimum (>=)            -> beyond
        ("B3", 2_000_000, 1_500_000),  # -500000                                     -> beyond
        ("B4", 2_000_000, 1_500_001),  # -499999                                     -> within
        # no budget: any spend is beyond 10% of nothing, so the minimum alone decides
        ("C1", 0, 499_999),  # -> within
        ("C2", 0, 500_000),  # -> beyond
    ]
    pack = _ytd_pack([(m, spend) for m, _, spend in lines])
    budgeted = [(m, b) for m, b, _ in lines if b > 0]  # the C lines have no budget line at all
    budgets = pd.DataFrame(
        {"member_id": [m for m, _ in budgeted], "directorate": "D", "priority": "P1",
         "budget_pence": [b for _, b in budgeted]}
    )  # fmt: skip
    variance = budget_variance(pack, budgets, "2009-10-M12", Fraction(1, 10), 500_000).set_index("member_id")
    beyond = {m for m, flag in variance["beyond_tolerance"].items() if flag}
    assert beyond == {"A2", "A3", "B2", "B3", "C2"}
    assert (
        variance.loc["B2", "outturn_variance_pence"] == 500_000
        and variance.loc["B1", "outturn_variance_pence"] == 499_999
    )
    # With no minimum the share alone decides: every B and C line is more than 10% out.
    loose = budget_variance(pack, budgets, "2009-10-M12", Fraction(1, 10)).set_index("member_id")
    assert {m for m, flag in loose["beyond_tolerance"].items() if flag} == {
        "A2",
        "A3",
        "B1",
        "B2",
        "B3",
        "B4",
        "C1",
        "C2",
    }


def test_materiality_compares_the_projection_rounded_to_the_penny():
    # M11 (February, eleven months): outturn = spend × 12 ÷ 11, half a penny up. Budget £20,000, minimum £5,000.
    # 2291666p × 12 ÷ 11 = 2499999.27p -> 2499999p: variance 499999 < 500000, within.
    # 2291667p × 12 ÷ 11 = 2500000.36p -> 2500000p: variance exactly 500000, beyond.
    pack = _ytd_pack([("E1", 2_291_666), ("E2", 2_291_667)], period="2009-10-M11")
    budgets = pd.DataFrame({"member_id": ["E1", "E2"], "directorate": "D", "priority": "P1", "budget_pence": 2_000_000})
    variance = budget_variance(pack, budgets, "2009-10-M11", Fraction(1, 10), 500_000)
    assert variance["projected_outturn_pence"].tolist() == [2_499_999, 2_500_000]
    assert variance["beyond_tolerance"].tolist() == [False, True]


def test_a_minimum_that_is_not_whole_non_negative_pence_is_refused():
    pack = _ytd_pack([("A1", 1)])
    budgets = pd.DataFrame({"member_id": ["A1"], "directorate": "D", "priority": "P1", "budget_pence": 1})
    for bad in (-1, 2.5):
        with pytest.raises(ParameterError, match="budget variance minimum"):
            budget_variance(pack, budgets, "2009-10-M12", Fraction(1, 10), bad)


def test_money_is_exact_with_a_true_minus_sign_joined_to_the_figure():
    assert money(123456) == "£1,234.56" and money(100_000_000_001) == "£1,000,000,000.01"
    assert money(-5) == "\u2212\u2060£0.05"  # U+2212 minus, then the invisible word joiner
    # Whole pounds, half a pound to the even pound: -150p is -£1.50 -> -£2; 250p -> £2; -40p -> £0 (no sign).
    assert [money(p, "never") for p in (-150, 250, 350, -40, 123_456)] == [
        "\u2212\u2060£2", "£2", "£4", "£0", "£1,235",
    ]  # fmt: skip


def test_training_pack_bundles_everything(con):
    config = load_training_config()
    pack = training_pack(duckdb_runner(con), "training_records", small_budgets(), "2009-10-Q2", config)
    # The shipped £5,000 minimum: the largest variance here is £600 (M002 Alpha P3), so only the misuse is raised.
    assert pack.period == "2009-10-Q2" and len(pack.ring_fenced) == 4
    assert list(pack.exceptions["kind"]) == ["ring-fence-misuse"] and not pack.variance["beyond_tolerance"].any()
    # No minimum: the three variances beyond 10% (test_budget_variance_and_outturn) and the misuse.
    bare = replace(config, budget_variance_minimum_pence=0)
    assert (
        len(training_pack(duckdb_runner(con), "training_records", small_budgets(), "2009-10-Q2", bare).exceptions) == 4
    )


def test_coded_and_text_dimensions_give_the_same_pack(con, pack, monkeypatch):
    import compact_analysis.training.aggregate as ta

    codes = ta.dimension_codes(duckdb_runner(con), "training_records", "2009-10-Q2")
    assert set(codes) == set(ta.DIMENSIONS)  # the seven-row set has a handful of values of each
    assert all(values == sorted(values) for values in codes.values())
    monkeypatch.setattr(ta, "MAX_CODED_VALUES", 0)  # nothing coded: every grouping hashes the text
    assert ta.dimension_codes(duckdb_runner(con), "training_records", "2009-10-Q2") == {}
    assert period_pack(duckdb_runner(con), "training_records", "2009-10-Q2").equals(pack)


def test_a_quote_in_a_coded_value_survives(con):
    from compact_analysis.training.aggregate import pack_sql

    frame = small_records()
    frame.loc[0, "directorate"] = "Children's services"
    local = duckdb.connect()
    local.register("records_df", frame)
    local.execute("CREATE TABLE training_records AS SELECT * FROM records_df")
    run = duckdb_runner(local)
    pack = period_pack(run, "training_records", "2009-10-Q2")
    assert "Children's services" in set(pack["directorate"].dropna())
    assert "WHEN 'Children''s services'" in pack_sql("t", "2009-10-Q2", {"directorate": ["Children's services"]})
