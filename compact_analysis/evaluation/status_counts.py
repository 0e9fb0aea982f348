"""One count of statuses: how many indicators stand at each status, in one vocabulary.

A status is either *rated*, counted under its colour (green, amber, red), or *not rated* (delivered,
monitored, target to be set, target overdue, no data, ...). Each status code has one word. Year-end
verdicts are rated: achieved counts as green and missed as red; so are floors, ceilings and interim targets:
met counts as green, nearly met (a miss within the target's tolerance) as amber and not met as red; Open SDG's progress statuses count under the
colour their badge shows (on track and target achieved green; needs acceleration and limited progress amber;
deterioration red). A milestone's state (delivered, overdue, in progress) is not a rating.

The paper's headline sentence, the manifest a batch writes and the reports index all call
:func:`status_counts`, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from compact_analysis.evaluation.results import Evaluation
from compact_analysis.evaluation.status import Status, StatusCode


class Rating(StrEnum):
    """The colours a rated status is counted under."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


#: Each status code's word and rating (None: not rated), in the order counts are listed.
VOCABULARY: dict[str, tuple[str, Rating | None]] = {
    StatusCode.GREEN: ("green", Rating.GREEN),
    StatusCode.ACHIEVED: ("achieved", Rating.GREEN),
    StatusCode.TARGET_ACHIEVED: ("target achieved", Rating.GREEN),
    StatusCode.ON_TRACK: ("on track", Rating.GREEN),
    StatusCode.MET: ("met", Rating.GREEN),
    StatusCode.AMBER: ("amber", Rating.AMBER),
    StatusCode.NEEDS_ACCELERATION: ("needs acceleration", Rating.AMBER),
    StatusCode.LIMITED_PROGRESS: ("limited progress", Rating.AMBER),
    StatusCode.NEARLY_MET: ("nearly met", Rating.AMBER),
    StatusCode.RED: ("red", Rating.RED),
    StatusCode.MISSED: ("missed", Rating.RED),
    StatusCode.DETERIORATION: ("deterioration", Rating.RED),
    StatusCode.NOT_MET: ("not met", Rating.RED),
    StatusCode.DELIVERED: ("delivered", None),
    StatusCode.IN_PROGRESS: ("in progress", None),
    StatusCode.NOT_STARTED: ("not started", None),
    StatusCode.OVERDUE: ("overdue", None),
    StatusCode.MONITORED: ("monitored", None),
    StatusCode.TARGET_NOT_SET: ("target to be set", None),
    StatusCode.TARGET_OVERDUE: ("target overdue", None),
    StatusCode.NO_DATA: ("no data", None),
    StatusCode.NOT_AVAILABLE: ("not available", None),
    StatusCode.NOT_EVALUATED: ("not evaluated", None),
}
_ORDER = {code: i for i, code in enumerate(VOCABULARY)}


def word_of(status: Status) -> tuple[str, Rating | None]:
    """A status's word and rating; a code outside the vocabulary (an analyst's own, a milestone stage the
    framework names) is not rated and reads as its label before any colon, lower case."""
    if status.code in VOCABULARY:
        return VOCABULARY[status.code]
    return status.label.split(":", 1)[0].strip().lower() or str(status.code), None


@dataclass(frozen=True)
class StatusCount:
    """How many indicators stand at one status code, with the code's word and rating."""

    code: str
    word: str
    rating: Rating | None
    count: int

    @property
    def text(self) -> str:
        """'3 monitored', '2 achieved'."""
        return f"{self.count} {self.word}"


@dataclass(frozen=True)
class StatusCounts:
    """The counts of one evaluation, in vocabulary order (codes outside it last, by word)."""

    rows: tuple[StatusCount, ...]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    def rated(self, rating: Rating) -> int:
        """How many indicators are rated ``rating``."""
        return sum(r.count for r in self.rows if r.rating == rating)

    def detail(self, rating: Rating) -> list[str]:
        """The statuses behind a colour other than the colour itself: ['2 achieved'] under 2 green."""
        return [r.text for r in self.rows if r.rating == rating and r.word != rating]

    @property
    def not_rated(self) -> int:
        return sum(r.count for r in self.rows if r.rating is None)

    def not_rated_detail(self) -> list[str]:
        """['1 delivered', '3 monitored', ...]."""
        return [r.text for r in self.rows if r.rating is None]

    def records(self) -> list[dict[str, object]]:
        """The counts as the manifest records them: one {code, word, rating, count} per status."""
        return [{"code": r.code, "word": r.word, "rating": r.rating, "count": r.count} for r in self.rows]

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> StatusCounts:
        """The counts back from :meth:`records` (a manifest); a rating outside green, amber, red is not rated."""
        rows = []
        for r in records:
            rating = str(r.get("rating") or "")
            rows.append(
                StatusCount(
                    str(r.get("code", "")),
                    str(r.get("word", "")),
                    Rating(rating) if rating in tuple(Rating) else None,
                    _count(r.get("count")),
                )
            )
        return cls(tuple(rows))


def _count(value: object) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def count_statuses(statuses: Iterable[Status]) -> StatusCounts:
    """Count statuses by code, each with its word and rating (see :data:`VOCABULARY`)."""
    statuses = list(statuses)
    counts = Counter(s.code for s in statuses)
    words = {s.code: word_of(s) for s in statuses}
    codes = sorted(counts, key=lambda c: (_ORDER.get(c, len(_ORDER)), words[c][0]))
    return StatusCounts(tuple(StatusCount(str(c), words[c][0], words[c][1], counts[c]) for c in codes))


def status_counts(evaluation: Evaluation) -> StatusCounts:
    """The counts of the statuses an evaluation shows (an analyst's override where there is one)."""
    return count_statuses(r.status for r in evaluation.results)
