"""Half-terms: six periods a school year (seed 002: "Major LEA plans - half term by exception / termly").

Decision (documented in docs/frameworks.md, "Half-terms"): a framework states its three terms (``terms``);
each term is split at its midpoint into two half-terms, H1 and H2 from term 1, H3 and H4 from term 2, H5
and H6 from term 3. A term of ``n`` days (first and last day counted) gives its first half the first
``ceil(n / 2)`` days and its second half the rest, so an odd day goes to the first half. The half-term
holiday itself falls inside one of the halves; a framework that needs exact half-term dates can state them
as six terms and report termly. Nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Half-terms per term.
HALVES = 2


def split_term(start: date, end: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """A term's two halves: the first ``ceil(n / 2)`` of its ``n`` days, then the rest."""
    days = (end - start).days + 1
    first_end = start + timedelta(days=(days + 1) // 2 - 1)
    return (start, first_end), (first_end + timedelta(days=1), end)


def half_term_bounds(term: tuple[date, date], index: int) -> tuple[date, date]:
    """First and last day of half-term ``index`` (1 to 6) given the bounds of the term it falls in."""
    return split_term(*term)[(index - 1) % HALVES]


def term_of(index: int) -> int:
    """The term a half-term falls in: H1 and H2 in term 1, H3 and H4 in term 2, H5 and H6 in term 3."""
    return (index - 1) // HALVES + 1
