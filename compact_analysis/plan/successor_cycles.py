"""Successor chains that come back on themselves (A -> B -> A): refused when the register is loaded.

A member that succeeds itself is caught by the register's own check; a longer loop is found here,
and every row on it is named with the whole loop, so a reader sees which rows to correct.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.errors import Failure
from compact_analysis.plan.codes import RegisterCode


def _loops(successors: dict[str, str]) -> list[list[str]]:
    """Each loop of two or more members in the successor map, once, from its first member in file order."""
    loops, seen = [], set()
    for start in successors:
        path, at = [], start
        while at in successors and at not in seen and at not in path:
            path.append(at)
            at = successors[at]
        if at in path and len(path) - path.index(at) > 1:
            loops.append(path[path.index(at) :])
        seen.update(path)
    return loops


def successor_cycle_failures(text: pd.DataFrame, file: str) -> list[Failure]:
    """A failure on the ``successor_id`` of every row of a loop of successors (rows as a spreadsheet numbers them)."""
    if "successor_id" not in text.columns:
        return []
    successors = {m: s for m, s in zip(text["member_id"], text["successor_id"], strict=True) if s and s != m and m}
    row_of = {m: int(i) + 2 for i, m in zip(text.index, text["member_id"], strict=True)}
    failures = []
    for loop in _loops(successors):
        chain = " -> ".join([*loop, loop[0]])
        rows = ", ".join(str(row_of[m]) for m in loop)
        for member in loop:
            message = f"successors go round in a loop ({chain}; rows {rows}): one of them must have no successor"
            failures.append(
                Failure(file, row_of[member], "successor_id", successors[member], RegisterCode.SUCCESSOR_CYCLE, message)
            )
    return failures


__all__ = ["successor_cycle_failures"]
