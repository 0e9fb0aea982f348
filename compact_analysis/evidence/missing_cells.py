"""What counts as a missing cell in a return, as SQL computed once per required column.

A cell is missing when it is empty or, trimmed and case aside, one of the markers people write for
"nothing here": ``n/a``, ``na``, ``-`` or ``--`` (``ingest``'s ``missing-cell`` check). The rule is
``lower(trim(cell)) IN markers``; it is written so a million cells are decided cheaply: the trimmed cell is
compared with every case spelling of the markers (no character outside ASCII lowers to n, a, / or -), and
a trimmed cell longer than the longest marker (3 bytes) is not missing without comparing at all. As
before, a cell of more than 8 characters, padding included, is not missing (``"      n/a"``).
"""

from __future__ import annotations

MISSING_MARKERS = ("", "n/a", "na", "-", "--")


def _spellings(marker: str) -> set[str]:
    """Every upper/lower-case spelling of an ASCII marker: ``na`` → na, nA, Na, NA."""
    spellings = {""}
    for char in marker:
        spellings = {s + c for s in spellings for c in {char.lower(), char.upper()}}
    return spellings


MARKER_SPELLINGS = tuple(sorted(set().union(*(_spellings(m) for m in MISSING_MARKERS))))
_LONGEST = max(len(m.encode()) for m in MARKER_SPELLINGS)


#: A cell longer than this, padding included, is never read as missing (the rule as it has always been).
MAX_CELL_CHARS = 8


def missing_trimmed_sql(cell: str, trimmed: str) -> str:
    """SQL: whether a cell is missing, given the cell and its trimmed text (NULL when the cell is)."""
    return (
        f"(CASE WHEN {cell} IS NULL THEN TRUE WHEN strlen({trimmed}) > {_LONGEST} THEN FALSE "
        f"WHEN length({cell}) > {MAX_CELL_CHARS} THEN FALSE ELSE {trimmed} IN {MARKER_SPELLINGS} END)"
    )


def missing_flag(column: str) -> str:
    """The column of ingest's ``prepared`` table that says whether a required cell is missing."""
    return f"miss_{column}"


__all__ = ["MARKER_SPELLINGS", "MAX_CELL_CHARS", "MISSING_MARKERS", "missing_flag", "missing_trimmed_sql"]
