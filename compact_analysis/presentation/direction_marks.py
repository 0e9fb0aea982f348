"""Direction of travel as an arrow and in words (issue 24 item 6).

The arrow is for the eye and hidden from screen readers (``aria-hidden``); the words beside it say the
same for everyone, so the direction never rests on a glyph or a colour. The arrow follows the words,
not the number: ▲ improved and ▼ worse respect the indicator's polarity (a fall in a lower-is-better
figure is ▲ improved), ► no change (or no significant change, month by month); an information-only
figure moves ↑ up or ↓ down; "not comparable" has no arrow.
"""

from __future__ import annotations

from html import escape

from compact_analysis.evaluation.status import Direction

ARROWS = {
    Direction.IMPROVED: "\u25b2",
    Direction.WORSE: "\u25bc",
    Direction.NO_CHANGE: "\u25ba",
    Direction.NO_SIGNIFICANT_CHANGE: "\u25ba",
    Direction.UP: "\u2191",
    Direction.DOWN: "\u2193",
}


def direction_html(direction: object) -> str:
    """'<span class="ca-direction"><span aria-hidden="true">▲</span> improved</span>' (words escaped)."""
    words = str(direction)
    arrow = ARROWS.get(words)
    mark = f'<span class="ca-arrow" aria-hidden="true">{arrow}</span> ' if arrow else ""
    return f'<span class="ca-direction">{mark}{escape(words)}</span>'
