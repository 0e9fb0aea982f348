"""The columns of a return file, stated once: the readers check them, templates and the demo write them.

A tidy return has one row per member, measure and period; a wide return one row
per member and period with a column per measure (named by the measure's id).
"""

from __future__ import annotations

#: Every column of the tidy layout, in the order templates and the demo write them.
TIDY_COLUMNS = ("member_id", "measure_id", "period", "value", "comment", "submitted", "correction")
#: Columns a return may leave out.
OPTIONAL_COLUMNS = ("comment", "correction")
#: Columns a tidy return must have.
REQUIRED_COLUMNS = tuple(c for c in TIDY_COLUMNS if c not in OPTIONAL_COLUMNS)
#: Columns a wide return must have, besides one column per measure.
WIDE_REQUIRED = ("member_id", "period", "submitted")
#: The wide layout's columns before its measure columns, in the order templates write them.
WIDE_FIXED = (*WIDE_REQUIRED, *OPTIONAL_COLUMNS)
