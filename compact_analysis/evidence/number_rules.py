"""What a number in a return may look like, and why one is refused: never a value silently changed.

A number cell is accepted only in the documented forms: digits with an optional
decimal point and exponent, an optional sign, an optional leading ``£``, ``$`` or
``€``, and commas only as thousands separators in groups of three (``1,500`` and
``£1,500`` are 1500). Everything else is quarantined with a message saying why:

- ``1,5`` (a decimal comma) and ``1,50,000`` (commas not in threes): ambiguous, ``type-error``;
- ``1_000``, ``1 000``, ``1'000``, ``1.000.000``: ambiguous separators, ``type-error``;
- ``NaN``, ``inf``, ``-Infinity``: not a finite number, ``constraint-error``;
- beyond ±10^15 (``1e308``, ``1e309``, a 5,000-digit number): too large to store exactly,
  ``constraint-error`` (a double holds every whole number exactly only up to 2^53, about 9×10^15);
- a fraction for a measure whose unit counts whole things (people, members, ...): ``type-error``;
- more decimal places than the measure's ``decimals`` allows (``62.55`` where one place is allowed):
  ``constraint-error``, never rounded (trailing zeros are not places: ``62.50`` has one).

The rules are SQL fragments used by :mod:`.ingest` over all rows at once.
"""

from __future__ import annotations

from compact_analysis.evidence.reasons import Reason

#: The largest magnitude a number may have: every whole number up to it is held exactly by a DOUBLE.
NUMBER_LIMIT = 10**15
#: Units that count whole things: a fraction of one is refused (lower case; plurals as frameworks write them).
WHOLE_UNITS = frozenset(
    {
        "people", "members", "places", "posts", "sessions", "schools", "councils", "learners", "staff",
        "organisations", "employers", "apprentices", "pupils", "students", "children", "jobs", "events",
        "visits", "starts", "enrolments", "vacancies", "households", "businesses", "courses",
    }
)  # fmt: skip

# One sign, one optional currency symbol, digits (commas only in threes), an optional fraction and exponent.
STRICT_NUMBER = r"([+-]?[£$€]?|[£$€][+-])(\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
# A comma between digits that is not a thousands separator: 1,5 or 1,50,000 or 12,34.
COMMA_BETWEEN_DIGITS = r".*\d,\d.*"
# Digits grouped by something other than the thousands comma: 1_000, 1 000, 1'000, 1’000, 1.000.000.
OTHER_SEPARATOR = r".*\d([_ '’\x{00A0}\x{2009}\x{202F}]\d|\.\d{3}\.\d).*"

AMBIGUOUS_COMMA = (
    "ambiguous: a comma is read only as a thousands separator in groups of three (1,500); "
    "write a decimal with a point (1.5, not 1,5)"
)
AMBIGUOUS_SEPARATOR = (
    "ambiguous: digits may be grouped only by the thousands comma (1,000); "
    "not by _, a space, an apostrophe or points (1_000, 1 000, 1'000, 1.000.000)"
)
NOT_FINITE = "not a finite number (NaN and infinities are not values)"
DECIMALS_MESSAGE = (
    "'more decimal places than the measure allows (at most ' || {decimals} || '); the value is not rounded'"
)
TOO_LARGE = f"too large: a number may be at most {NUMBER_LIMIT:,} either side of zero"


def counts_whole_things(unit: str | None) -> bool:
    """Whether a measure's unit counts whole things, so a fraction of one is not a value (people: yes; hours: no)."""
    return unit is not None and unit.strip().lower() in WHOLE_UNITS


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def plain_digits_sql(value: str) -> str:
    """SQL: whether a trimmed cell is 1 to 15 ASCII digits, the common case (``250``), by the simplest regex.

    Such a cell is a documented number below :data:`NUMBER_LIMIT`, whole, with no decimal places, so
    :func:`fault_sql` has nothing to say about it and :func:`parsed_sql` casts it directly; every other
    cell takes the full rules.
    """
    return f"regexp_full_match({value}, '[0-9]{{1,15}}')"


def parsed_sql(value: str) -> str:
    """SQL for the number a trimmed cell holds when written in a documented form, else NULL."""
    return (
        f"CASE WHEN {plain_digits_sql(value)} THEN CAST({value} AS DOUBLE) "
        f"WHEN regexp_full_match({value}, {_quoted(STRICT_NUMBER)}) "
        f"THEN try_cast(regexp_replace({value}, '[£$€,]', '', 'g') AS DOUBLE) END"
    )


def places_sql(value: str) -> str:
    """SQL for the decimal places a number written in a documented form carries, trailing zeros not counted.

    The mantissa's digits with the point removed, scaled by the exponent: ``12.50`` has 1, ``1.25e1`` 1,
    ``1500e-3`` 1 (1.5), ``100`` 0.
    """
    digits = (
        f"regexp_replace(regexp_extract({value}, '^[^0-9.]*([0-9,]*)', 1), ',', '', 'g') "
        f"|| regexp_extract({value}, '\\.([0-9]*)', 1)"
    )
    scale = (
        f"length(regexp_extract({value}, '\\.([0-9]*)', 1)) "
        f"- coalesce(try_cast(regexp_extract({value}, '[eE]([+-]?[0-9]+)$', 1) AS INTEGER), 0)"
    )
    return f"greatest(0, ({scale}) - (length({digits}) - length(rtrim({digits}, '0'))))"


def fault_sql(value: str, parsed: str, whole: str, unit: str, decimals: str = "NULL") -> str:
    """SQL for why a number cell is refused, as a struct (code, message), or NULL when it is a good value.

    ``value`` is the trimmed text, ``parsed`` the result of :func:`parsed_sql`, ``whole``
    whether the unit counts whole things, ``unit`` the unit's name, ``decimals`` the places the
    measure allows (NULL: any). Only for cells that are not missing and belong to a number measure.
    """

    def fault(code: Reason, message: str) -> str:
        return f"{{'code': '{code}', 'message': {message}}}"

    # The decimal places are counted only for a measure that limits them (a CASE evaluates a branch
    # only for the rows that reach it: most measures have no limit, and counting costs five regexes).
    return f"""CASE
        WHEN {plain_digits_sql(value)} THEN NULL
        WHEN {parsed} IS NOT NULL AND isfinite({parsed}) AND abs({parsed}) <= {NUMBER_LIMIT}
             AND NOT (coalesce({whole}, FALSE) AND {parsed} <> floor({parsed}))
             AND NOT (CASE WHEN {decimals} IS NULL THEN FALSE
                           ELSE coalesce({places_sql(value)} > {decimals}, FALSE) END) THEN NULL
        WHEN {parsed} IS NOT NULL AND isfinite({parsed}) AND abs({parsed}) <= {NUMBER_LIMIT}
             AND coalesce({whole}, FALSE) AND {parsed} <> floor({parsed})
             THEN {fault(Reason.TYPE_ERROR, f"'a count of ' || {unit} || ' is a whole number, not a fraction'")}
        WHEN {parsed} IS NOT NULL AND isfinite({parsed}) AND abs({parsed}) <= {NUMBER_LIMIT}
             THEN {fault(Reason.CONSTRAINT_ERROR, DECIMALS_MESSAGE.format(decimals=decimals))}
        WHEN regexp_full_match({value}, {_quoted(STRICT_NUMBER)})
             THEN {fault(Reason.CONSTRAINT_ERROR, _quoted(TOO_LARGE))}
        WHEN NOT isfinite(try_cast({value} AS DOUBLE)) THEN {fault(Reason.CONSTRAINT_ERROR, _quoted(NOT_FINITE))}
        WHEN regexp_full_match({value}, {_quoted(OTHER_SEPARATOR)})
             THEN {fault(Reason.TYPE_ERROR, _quoted(AMBIGUOUS_SEPARATOR))}
        WHEN regexp_full_match({value}, {_quoted(COMMA_BETWEEN_DIGITS)})
             THEN {fault(Reason.TYPE_ERROR, _quoted(AMBIGUOUS_COMMA))}
        ELSE {fault(Reason.TYPE_ERROR, "'expected a number'")}
    END"""


__all__ = [
    "NUMBER_LIMIT",
    "WHOLE_UNITS",
    "counts_whole_things",
    "fault_sql",
    "parsed_sql",
    "places_sql",
    "plain_digits_sql",
]
