"""Money for a UK paper: the package's one formatter, exact in whole pence, with a true minus sign.

A negative sum is written with the minus sign U+2212 ("−£19,612.00"), the typographically right sign
for a printed figure (a hyphen-minus is shorter and sits lower), followed by an invisible word joiner
U+2060 so that a narrow table cell cannot break the line between the sign and the pound sign, as
Chromium otherwise does.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

#: What comes before the pound sign of a negative sum: the minus sign, joined to the figure.
MINUS = "\u2212\u2060"


def money(pence: int, pence_shown: Literal["always", "if-any", "never"] = "always") -> str:
    """Integer pence as pounds: 123456 -> '£1,234.56'; -5 -> '−£0.05' (no float on the way).

    ``pence_shown``: "always" for accounts ('£5,000.00'); "if-any" for a threshold written in words
    ('£5,000', but '£2,500.50'); "never" for a summary in whole pounds, half a pound rounding to the
    even pound (-150 -> '−£2', 250 -> '£2').
    """
    pence = int(pence)
    if pence_shown == "never":
        pence = round(Fraction(pence, 100)) * 100
    whole, part = divmod(abs(pence), 100)
    shown = f"£{whole:,}" + ("" if pence_shown == "never" or (pence_shown == "if-any" and not part) else f".{part:02d}")
    return MINUS + shown if pence < 0 else shown
