"""The number rules of a return, cell by cell: each expected value worked out by hand from the text typed."""

from __future__ import annotations

import duckdb
import pytest

from compact_analysis.evidence.number_rules import NUMBER_LIMIT, counts_whole_things, fault_sql, parsed_sql


def _check(text: str, whole: bool = True) -> tuple[float | None, str | None]:
    """The number read from ``text`` and the code of its fault (None when it is a good value)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE cell AS SELECT trim(?) AS text, ? AS whole, 'people' AS unit", [text, whole])
    sql = (
        f"SELECT parsed, ({fault_sql('text', 'parsed', 'whole', 'unit')}).code "
        f"FROM (SELECT *, {parsed_sql('text')} AS parsed FROM cell)"
    )
    return tuple(con.execute(sql).fetchone())


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,500", 1500),  # the thousands comma removed: 1 500
        ("£1,500", 1500),  # and a leading pound sign
        ("-£1,250.50", -1250.5),  # sign, pound, comma, fraction (not a whole count: whole=False below)
        ("1,234,567", 1234567),
        ("1200.0", 1200),  # a whole number written with a point
        (" 12 ", 12),  # spaces around are trimmed
        ("1e3", 1000),  # 1 x 10^3
        (str(NUMBER_LIMIT), 10**15),  # exactly the limit is allowed
    ],
)
def test_documented_forms_are_read_as_typed(text, number):
    parsed, code = _check(text, whole=False)
    assert (parsed, code) == (number, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,5", "type-error"),  # a decimal comma: 1.5 or 15? ambiguous
        ("12,34", "type-error"),  # commas only in threes
        ("1,50,000", "type-error"),  # Indian grouping: ambiguous here
        ("1_000", "type-error"),
        ("1 000", "type-error"),
        ("1'000", "type-error"),
        ("1\u00a0000", "type-error"),  # no-break space
        ("1.000.000", "type-error"),  # points as thousands separators
        ("NaN", "constraint-error"),
        ("-inf", "constraint-error"),
        ("Infinity", "constraint-error"),
        ("1e308", "constraint-error"),  # finite but beyond 10^15
        ("1e309", "constraint-error"),  # overflows a double
        ("9" * 5000, "constraint-error"),
        ("1000000000000001", "constraint-error"),  # 10^15 + 1
        ("lots", "type-error"),
        ("0x10", "type-error"),  # hexadecimal is not a documented form
    ],
)
def test_refused_forms_are_quarantined(text, code):
    assert _check(text, whole=False)[1] == code


@pytest.mark.parametrize(
    ("text", "whole", "code"),
    [
        ("12.5", True, "type-error"),  # half a person
        ("12.5", False, None),  # twelve and a half hours is a value
        ("12.0", True, None),  # 12.0 = 12, a whole number
        ("0.1", True, "type-error"),
    ],
)
def test_a_fraction_only_where_the_unit_is_not_a_count(text, whole, code):
    assert _check(text, whole=whole)[1] == code


@pytest.mark.parametrize(
    ("unit", "whole"),
    [("people", True), ("Members", True), ("places", True), ("hours", False), ("pounds", False), (None, False)],
)
def test_units_that_count_whole_things(unit, whole):
    assert counts_whole_things(unit) is whole
