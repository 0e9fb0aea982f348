"""Reporting periods of the UK financial year (1 April to 31 March).

Names look like ``2009-10`` (the year), ``2009-10-Q2`` (July to September),
``2009-10-M07`` (October), ``2009-10-T2`` (a school term, dates from the
framework) or ``2004-05-H3`` (a half-term: a term split at its midpoint, plan/half_terms.py). A period is a small frozen value; arithmetic never reads the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from compact_analysis.errors import PeriodError
from compact_analysis.plan.codes import PeriodCode
from compact_analysis.plan.half_terms import HALVES, half_term_bounds, term_of

_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(Q|M|T|H)(\d{1,2}))?$")
_COUNT = {"Y": 1, "Q": 4, "M": 12}
#: Cadences whose periods follow the framework's term dates.
TERM_CODES = ("T", "H")
CADENCE_CODES = {"annual": "Y", "quarterly": "Q", "monthly": "M", "termly": "T", "half-termly": "H"}

#: School-term dates keyed by year name, then term number: ``{"2009-10": {1: (start, end)}}``.
TermDates = Mapping[str, Mapping[int, tuple[date, date]]]


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: a financial year starting in ``year``, a cadence code and an index."""

    year: int
    cadence: str  # "Y", "Q", "M", "T" or "H"
    index: int  # 1-based; 1 for the whole year

    @property
    def year_name(self) -> str:
        """The financial year as written, e.g. ``2009-10``."""
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def name(self) -> str:
        if self.cadence == "Y":
            return self.year_name
        width = 2 if self.cadence == "M" else 1
        return f"{self.year_name}-{self.cadence}{self.index:0{width}d}"

    def __str__(self) -> str:
        return self.name

    def start(self, terms: TermDates | None = None) -> date:
        """First day of the period."""
        return self.bounds(terms)[0]

    def end(self, terms: TermDates | None = None) -> date:
        """Last day of the period (inclusive)."""
        return self.bounds(terms)[1]

    def bounds(self, terms: TermDates | None = None) -> tuple[date, date]:
        """First and last day of the period; terms need the framework's term dates."""
        if self.cadence == "Y":
            return date(self.year, 4, 1), date(self.year + 1, 3, 31)
        if self.cadence == "H":
            return half_term_bounds(Period(self.year, "T", term_of(self.index)).bounds(terms), self.index)
        if self.cadence == "T":
            year_terms = (terms or {}).get(self.year_name)
            if not year_terms:
                raise PeriodError(
                    f"{self.name}: no term dates for {self.year_name} in the framework", code=PeriodCode.NO_TERM_DATES
                )
            if self.index not in year_terms:
                raise PeriodError(
                    f"{self.name}: the framework has {len(year_terms)} terms in {self.year_name}",
                    code=PeriodCode.NO_SUCH_TERM,
                )
            return tuple(year_terms[self.index])  # type: ignore[return-value]
        months = 3 if self.cadence == "Q" else 1
        first_month = 4 + (self.index - 1) * months  # counted from January of `year`
        last_month = first_month + months - 1
        start = _month_start(self.year, first_month)
        y, m = _normalise(self.year, last_month)
        return start, date(y, m, calendar.monthrange(y, m)[1])

    def previous(self, terms: TermDates | None = None) -> Period:
        """The period before this one, crossing into the previous year when needed."""
        if self.index > 1:
            return Period(self.year, self.cadence, self.index - 1)
        return Period(self.year - 1, self.cadence, self._count(self.year - 1, terms))

    def next(self, terms: TermDates | None = None) -> Period:
        """The period after this one."""
        if self.index < self._count(self.year, terms):
            return Period(self.year, self.cadence, self.index + 1)
        return Period(self.year + 1, self.cadence, 1)

    def year_earlier(self) -> Period:
        """The same period a year earlier (2008-09-Q1 for 2009-10-Q1)."""
        return Period(self.year - 1, self.cadence, self.index)

    def _count(self, year: int, terms: TermDates | None) -> int:
        if self.cadence == "H":
            return HALVES * Period(year, "T", 1)._count(year, terms)
        if self.cadence == "T":
            name = Period(year, "Y", 1).year_name
            if not terms or name not in terms:
                raise PeriodError(
                    f"{self.name}: no term dates for {name} in the framework", code=PeriodCode.NO_TERM_DATES
                )
            return len(terms[name])
        return _COUNT[self.cadence]


def _normalise(year: int, month: int) -> tuple[int, int]:
    return year + (month - 1) // 12, (month - 1) % 12 + 1


def _month_start(year: int, month: int) -> date:
    y, m = _normalise(year, month)
    return date(y, m, 1)


def parse_period(text: str) -> Period:
    """Parse a period name; raise :class:`PeriodError` saying what was expected."""
    match = _PATTERN.match(str(text).strip())
    if not match:
        raise PeriodError(
            f"{text!r} is not a period: expected a name like 2009-10, 2009-10-Q2, 2009-10-M07, 2009-10-T1 or 2009-10-H3",
            code=PeriodCode.NOT_A_PERIOD,
        )
    first, second, cadence, index = match.groups()
    year = int(first)
    if (year + 1) % 100 != int(second):
        raise PeriodError(
            f"{text!r}: a financial year runs from one year to the next, e.g. {year}-{(year + 1) % 100:02d}",
            code=PeriodCode.NOT_A_YEAR,
        )
    if cadence is None:
        return Period(year, "Y", 1)
    number = int(index)
    limit = _COUNT.get(cadence)
    if number < 1 or (limit is not None and number > limit):
        raise PeriodError(f"{text!r}: {cadence} periods run from 1 to {limit}", code=PeriodCode.OUT_OF_RANGE)
    return Period(year, cadence, number)


def periods_of_year(year_name: str, cadence: str, terms: TermDates | None = None) -> list[Period]:
    """Every period of one cadence (``quarterly``, ``monthly``, ``termly``, ``half-termly``, ``annual``) in a year."""
    year = parse_period(year_name)
    code = CADENCE_CODES.get(cadence, cadence)
    if code not in ("Y", "Q", "M", "T", "H"):
        message = f"unknown cadence {cadence!r}: expected one of {', '.join(CADENCE_CODES)}"
        raise PeriodError(message, code=PeriodCode.UNKNOWN_CADENCE)
    count = Period(year.year, code, 1)._count(year.year, terms)
    return [Period(year.year, code, i) for i in range(1, count + 1)]


def period_containing(day: date, cadence: str, terms: TermDates | None = None) -> Period:
    """The period of a cadence that contains a date (terms: None between terms)."""
    fy = day.year if day.month >= 4 else day.year - 1
    code = CADENCE_CODES.get(cadence, cadence)
    if code == "Y":
        return Period(fy, "Y", 1)
    if code in TERM_CODES:
        for p in periods_of_year(Period(fy, "Y", 1).year_name, code, terms):
            start, end = p.bounds(terms)
            if start <= day <= end:
                return p
        raise PeriodError(f"{day.isoformat()} falls in no school term of the framework", code=PeriodCode.NOT_IN_A_TERM)
    month_index = (day.month - 4) % 12  # 0 for April
    return Period(fy, code, month_index // 3 + 1 if code == "Q" else month_index + 1)


def months_between(start: date, end: date) -> int:
    """Whole calendar months from the month after ``start`` up to and including ``end``'s month."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month)
