"""Figures (issue #21): sums, means, rates, the partnership's own value and running totals, never double counted.

A figure reads only the returns of its indicator's own cadence: an annual outturn and the fourth quarter's
return both end on 31 March, so a quarterly indicator reads only quarterly returns and an annual one only
annual returns — or, for a member and year with no annual return, that member's in-year returns of one
cadence (quarterly, else monthly, else termly), and for a member and quarter with no quarterly return its
monthly returns, said in the figure's note. A return of another cadence is
not lost: it stays in the store and is counted in :attr:`Figure.not_read` for the paper's data note.
Returns whose period name is unknown (observations built without one) are read whatever their cadence.

- ``sum``: the total of the returns read;
- ``mean``: the mean over the members who returned of each member's figure (the mean of its returns read);
  a member with no return is left out, never a zero;
- ``rate``: ``per`` × Σ numerator / Σ denominator over the members who returned both (None when Σ
  denominator is 0: a rate of nothing is undefined);
- ``value``: the partnership's single figure for the period of the indicator's cadence that ends on the
  period's last day (the latest submission of it);
- ``cumulative-sum``: the total of the returns read from ``since`` (default the framework's first day) to
  the period's last day, across years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from compact_analysis.plan.framework import Framework, Indicator
from compact_analysis.plan.periods import CADENCE_CODES

#: The aggregates that give a figure rather than a count of members.
FIGURE_KINDS = ("sum", "mean", "value", "rate", "cumulative-sum")
#: The finer cadences a figure falls back to where a member has no return of its own cadence for one of its
#: periods, in order of preference: an annual figure reads quarters, else months, else terms; a quarterly one months.
_FINER = {"Y": ("Q", "M", "T"), "Q": ("M",)}
_IN_YEAR_WORDS = {"Q": "quarterly", "M": "monthly", "T": "termly", "H": "half-termly"}


def kind_of(aggregate: str) -> str:
    """``IndicatorValue.kind``: the figure's aggregate, or "count" for counts of members (and the rest)."""
    return aggregate if aggregate in FIGURE_KINDS else "count"


@dataclass(frozen=True)
class Rows:
    """One measure's returns, aligned: member, period end, number, period name and cadence code ("" unknown)."""

    members: np.ndarray
    ends: np.ndarray
    numbers: np.ndarray
    periods: np.ndarray
    cadences: np.ndarray

    @staticmethod
    def empty() -> Rows:
        nothing = np.array([], dtype=object)
        return Rows(nothing, np.array([], dtype="datetime64[D]"), np.array([], dtype=float), nothing, nothing)


@dataclass(frozen=True)
class Figure:
    """A figure's value, the members behind it, what it says of itself, and the returns it did not read."""

    value: float | None
    counted: frozenset
    returned: frozenset
    note: str = ""
    not_read: int = 0


@dataclass(frozen=True)
class _Read:
    mask: np.ndarray
    not_read: int
    fallback: int  # member-years (member-quarters) a figure read from finer returns
    fallback_cadences: tuple[str, ...]
    code: str = "Y"


def _window(rows: Rows, ids: set, start: date, end: date) -> np.ndarray:
    inside = (rows.ends >= np.datetime64(start, "D")) & (rows.ends <= np.datetime64(end, "D"))
    return inside & np.fromiter((m in ids for m in rows.members), dtype=bool, count=len(rows.members))


def _buckets(rows: Rows, code: str) -> np.ndarray:
    """The period of cadence ``code`` ("Y" or "Q") each return's period end falls in, as a number: financial
    years and quarters counted from April 1970 (months since the epoch, shifted so that April starts one)."""
    months = rows.ends.astype("datetime64[M]").astype(np.int64) - 3
    return months // (12 if code == "Y" else 3)


def _select(rows: Rows, window: np.ndarray, cadence: str) -> _Read:
    """The rows of ``window`` an indicator of ``cadence`` reads (see the module's docstring)."""
    code = CADENCE_CODES[cadence]
    unknown = rows.cadences == ""
    mask = window & (unknown | (rows.cadences == code))
    fallback, used = 0, set()
    finer = _FINER.get(code, ())
    if finer and (window & ~mask).any():
        buckets = _buckets(rows, code)
        own = {(m, b) for m, b in zip(rows.members[mask], buckets[mask], strict=True)}
        for member, bucket in sorted({(m, b) for m, b in zip(rows.members[window], buckets[window], strict=True)}):
            if (member, bucket) in own:
                continue
            mine = window & (rows.members == member) & (buckets == bucket)
            chosen = next((c for c in finer if (mine & (rows.cadences == c)).any()), None)
            if chosen is not None:
                mask = mask | (mine & (rows.cadences == chosen))
                fallback, used = fallback + 1, used | {chosen}
    return _Read(mask, int((window & ~mask & ~unknown).sum()), fallback, tuple(c for c in finer if c in used), code)


def _fallback_note(read: _Read) -> str:
    if not read.fallback:
        return ""
    how = " or ".join(_IN_YEAR_WORDS[c] for c in read.fallback_cadences)
    span = {"Y": ("year", "annual"), "Q": ("quarter", "quarterly")}[read.code]
    member_spans = f"member-{span[0]}" + ("" if read.fallback == 1 else "s")
    return f"{read.fallback} {member_spans} with no {span[1]} return read as the sum of {how} returns"


def _per_member(rows: Rows, mask: np.ndarray) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for member, number in zip(rows.members[mask], rows.numbers[mask], strict=True):
        if not np.isnan(number):
            found.setdefault(member, []).append(float(number))
    return found


def summed(rows: Rows, ids: set, start: date, end: date, cadence: str, how: str = "sum") -> Figure:
    """A ``sum`` (or, ``how="mean"``, a ``mean``) of the returns an indicator of ``cadence`` reads."""
    read = _select(rows, _window(rows, ids, start, end), cadence)
    by_member = _per_member(rows, read.mask)
    if how == "mean":
        figures = [sum(values) / len(values) for values in by_member.values()]
        value = sum(figures) / len(figures) if figures else None
    else:
        value = float(sum(sum(values) for values in by_member.values()))
    returned = frozenset(by_member)
    return Figure(value if returned else None, returned, returned, _fallback_note(read), read.not_read)


def rate(numerator: Rows, denominator: Rows, ids: set, start: date, end: date, indicator: Indicator) -> Figure:
    """``per`` × Σ numerator / Σ denominator over the members who returned both (from ``since``: see
    :func:`cumulative_rate`)."""
    if indicator.since is not None:
        return cumulative_rate(numerator, denominator, ids, end, indicator)
    top = _select(numerator, _window(numerator, ids, start, end), indicator.cadence)
    bottom = _select(denominator, _window(denominator, ids, start, end), indicator.cadence)
    tops, bottoms = _per_member(numerator, top.mask), _per_member(denominator, bottom.mask)
    both = frozenset(tops) & frozenset(bottoms)
    over = sum(sum(bottoms[m]) for m in both)
    value = indicator.multiplier * sum(sum(tops[m]) for m in both) / over if both and over else None
    notes = [n for n in (_fallback_note(top), _fallback_note(bottom)) if n]
    one_only = len((frozenset(tops) | frozenset(bottoms)) - both)
    if one_only:
        notes.append(f"{one_only} {'member' if one_only == 1 else 'members'} returned only one of the two and left out")
    if both and not over:
        notes.append("the denominator is 0, so no rate can be given")
    return Figure(
        value, both if value is not None else frozenset(), both, "; ".join(notes), top.not_read + bottom.not_read
    )


def _per_member_period(rows: Rows, mask: np.ndarray) -> dict[tuple[str, np.datetime64], float]:
    found: dict[tuple[str, np.datetime64], float] = {}
    for member, end, number in zip(rows.members[mask], rows.ends[mask], rows.numbers[mask], strict=True):
        if not np.isnan(number):
            found[(member, end)] = found.get((member, end), 0.0) + float(number)
    return found


def cumulative_rate(numerator: Rows, denominator: Rows, ids: set, end: date, indicator: Indicator) -> Figure:
    """A rate over every period from ``since`` to ``end``: ``per`` × Σ numerator / Σ denominator over the
    member-periods that returned both (a target measured "as an average over the period", such as starts since
    April 2017 over the headcounts since April 2017). A member-period that returned one of the two is left out,
    so a year with no headcount does not add its starts to the numerator alone."""
    start = indicator.since
    top = _select(numerator, _window(numerator, ids, start, end), indicator.cadence)
    bottom = _select(denominator, _window(denominator, ids, start, end), indicator.cadence)
    tops, bottoms = _per_member_period(numerator, top.mask), _per_member_period(denominator, bottom.mask)
    both = set(tops) & set(bottoms)
    over = sum(bottoms[k] for k in both)
    value = indicator.multiplier * sum(tops[k] for k in both) / over if both and over else None
    notes = [f"from {start:%-d %B %Y}"] + [n for n in (_fallback_note(top), _fallback_note(bottom)) if n]
    one_only = len((set(tops) | set(bottoms)) - both)
    if one_only:
        word = "member-period" if one_only == 1 else "member-periods"
        notes.append(f"{one_only} {word} with only one of the two left out")
    if both and not over:
        notes.append("the denominator is 0, so no rate can be given")
    members = frozenset(member for member, _ in both)
    return Figure(
        value, members if value is not None else frozenset(), members, "; ".join(notes), top.not_read + bottom.not_read
    )


def partnership_value(rows: Rows, end: date, cadence: str) -> Figure:
    """The partnership's figure for the period of ``cadence`` ending on ``end`` (the latest submission)."""
    code = CADENCE_CODES[cadence]
    mask = (rows.ends == np.datetime64(end, "D")) & ((rows.cadences == code) | (rows.cadences == ""))
    mask &= ~np.isnan(rows.numbers)
    if not mask.any():
        return Figure(None, frozenset(), frozenset())
    last = np.flatnonzero(mask)[-1]
    who = frozenset({rows.members[last]})
    return Figure(float(rows.numbers[last]), who, who, f"the figure for {rows.periods[last]}")


def since_of(framework: Framework, indicator: Indicator) -> date:
    """A running total's first day: ``since``, else the first day of the framework's first year."""
    return indicator.since or framework.periods("annual")[0].start()


def cumulative(rows: Rows, ids: set, framework: Framework, indicator: Indicator, end: date) -> Figure:
    """The running total of the returns read from ``since`` to ``end``, across years."""
    first = since_of(framework, indicator)
    found = summed(rows, ids, first, end, indicator.cadence)
    note = f"running total from {first:%-d %B %Y}" + (f"; {found.note}" if found.note else "")
    return Figure(found.value, found.counted, found.returned, note, found.not_read)


def returns_not_read(results) -> list[tuple[str, int]]:
    """(indicator name, returns not read because of their cadence) for each indicator of an evaluation's
    ``results`` that left some unread, in the framework's order: what the paper's data note says."""
    return [(r.indicator.name, r.value.not_read) for r in results if r.value.not_read]
