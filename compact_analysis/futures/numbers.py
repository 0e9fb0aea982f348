"""How the futures paper writes its numbers: whole places (half up), percentages, signed gaps."""

from __future__ import annotations

import math


def whole(value: float) -> int:
    """A number of places as a whole number, half rounding up: 32.5 -> 33, -12.5 -> -12."""
    return math.floor(value + 0.5)


def places(value: float) -> str:
    """A number of places, whole, half rounding up, with thousands separators: 1234.5 -> '1,235'."""
    return f"{math.floor(value + 0.5):,}".replace("-", "−")


def gap_words(value: float) -> str:
    """A gap in words: 33.2 -> '33 places missing', -13 -> '13 spare places', 0.4 -> 'none missing'."""
    whole = math.floor(value + 0.5)
    if whole > 0:
        return f"{whole:,} place{'s' if whole != 1 else ''} missing"
    if whole < 0:
        return f"{-whole:,} spare place{'s' if whole != -1 else ''}"
    return "none missing"


def percent(share: float, places_after_point: int = 1) -> str:
    """A share as a percentage: 0.10743 -> '10.7%'; a missing value as '–'."""
    if share is None or math.isnan(share):
        return "–"
    return f"{share * 100:.{places_after_point}f}%"
