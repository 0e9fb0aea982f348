"""The exception a figure repeated for a third period running raises (kind ``figure-not-updated``).

One exception per member, naming each of its figures that has stayed the same for :data:`EXCEPTION_RUNS`
periods or more (:mod:`.repeated`); figures repeated only once are noted on the paper, not raised.
"""

from __future__ import annotations

from itertools import groupby

from compact_analysis.evaluation.exception_rules import DATA_OWNER, Candidate, ExceptionKind
from compact_analysis.evaluation.repeated import EXCEPTION_RUNS, RepeatedFigure


def not_updated_candidates(repeated: list[RepeatedFigure], owner: str = DATA_OWNER) -> list[Candidate]:
    """A ``figure-not-updated`` candidate per member with a figure the same for three periods running or more."""
    stale = sorted((r for r in repeated if r.runs >= EXCEPTION_RUNS), key=lambda r: (r.member_id, r.measure_id))
    out = []
    for member, figures in groupby(stale, key=lambda r: r.member_id):
        parts = "; ".join(f"{r.measure_id} {r.value:g} in {r.period}, {r.runs} periods running" for r in figures)
        detail = f"the same figure as in the periods before, possibly not updated: {parts}"
        out.append(Candidate(ExceptionKind.FIGURE_NOT_UPDATED, None, member, owner, detail))
    return out
