"""Text a member typed, as a table shows it: escaped, isolated and, when very long, shortened.

- Inside ``<bdi>`` (a bidirectional isolate), so a right-to-left override or Arabic and Hebrew
  text in a name or comment cannot reorder the words around it.
- Longer than :data:`SHOWN_CHARACTERS` characters: cut at a word where one is near, ended with
  "…", and the full text kept in the element's ``title`` (shown on hover, read by screen readers).
- A paper table lists at most :data:`MAX_TABLE_ROWS` rows; the rest are counted in a note
  (:func:`capped`), so a huge quarantine or register never renders thousands of pages.
"""

from __future__ import annotations

from html import escape

import pandas as pd

#: The most characters of a member's text a table cell shows before shortening it.
SHOWN_CHARACTERS = 80
#: The most rows a table in a paper lists; the rest are counted in a note under it.
MAX_TABLE_ROWS = 500


def shortened(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text`` cut to at most ``limit`` characters, at a space in the last fifth where there is one, plus "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if not text[limit - 1].isspace() and space >= limit * 4 // 5:  # the cut falls inside a word
        cut = cut[:space]
    return cut.rstrip() + "…"


def member_text(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """HTML for text a member typed: escaped, in ``<bdi>``, shortened with the whole text in ``title``."""
    shown = shortened(text, limit)
    title = f' title="{escape(text, quote=True)}"' if shown != text else ""
    return f"<bdi{title}>{escape(shown)}</bdi>"


def capped(frame: pd.DataFrame, limit: int = MAX_TABLE_ROWS) -> tuple[pd.DataFrame, str]:
    """The first ``limit`` rows and a note saying how many more there are ("" when none were left out)."""
    if len(frame) <= limit:
        return frame, ""
    note = (
        f"Only the first {limit:,} of {len(frame):,} rows are listed; the other {len(frame) - limit:,} "
        "are in the data files (the store and the quarantine CSVs)."
    )
    return frame.head(limit), note


__all__ = ["MAX_TABLE_ROWS", "SHOWN_CHARACTERS", "capped", "member_text", "shortened"]
