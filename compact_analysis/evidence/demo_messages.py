"""The demo's example of an analyst's messages file: one year-end period's messages and asks, marked synthetic.

So ``init-demo`` shows what ``messages/<period>.yaml`` (:mod:`.board_messages`) looks like and how the
paper's first page reads with it. It names no figure, so the demo's numbers and any seed leave it true.
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.evidence.board_messages import messages_file
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import periods_of_year

TEXT = """\
# Synthetic example written by compact-analysis init-demo: the analyst's own messages and the
# decisions asked of the board for this period (see README, "Key messages, asks and owners' commentary").
messages:
  - This is the year-end paper (synthetic example). Targets due by now read achieved or missed.
asks:
  - Agree that each theme group with a missed target brings a recovery plan to the next meeting (synthetic example).
"""


def write_demo_messages(folder: str | Path, framework: Framework) -> Path:
    """Write the example messages file for the last period of the framework's first year; its path."""
    year = framework.years[0]
    last = periods_of_year(year, framework.default_cadence, framework.terms)[-1]
    path = messages_file(folder, last.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT, encoding="utf-8")
    return path
