"""The futures inputs' vocabulary: the four learning routes, the demographic variants, and failure codes.

Seed 003, slide 4: "Audit of current availability and quality - Apprenticeships, Diplomas, General
qualifications, FLT" (the Foundation Learning Tier): these are the routes every input is keyed by.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS, Failure, InputError

#: The learning routes of seed 003, in the order papers list them.
ROUTES = ("Apprenticeships", "Diplomas", "General qualifications", "Foundation Learning Tier")
#: The demographic variants of the Office for National Statistics' sub-national population projections.
VARIANTS = ("principal", "low", "high")
#: Quality grades of provision (the inspection scale: 1 outstanding .. 4 inadequate).
GRADES = {1: "Outstanding", 2: "Good", 3: "Satisfactory", 4: "Inadequate"}
#: The folder under a data folder holding the futures inputs.
FUTURES_FOLDER = "futures"


class FuturesCode(StrEnum):
    """What is wrong with a futures input file (the ``code`` of each :class:`~compact_analysis.errors.Failure`)."""

    MISSING_FILE = "futures-file-missing"
    UNREADABLE = "futures-file-unreadable"
    MISSING_COLUMN = "missing-column"
    NOT_A_NUMBER = "not-a-whole-number"
    NEGATIVE = "negative-number"
    NOT_A_SHARE = "not-a-share"
    UNKNOWN_ROUTE = "unknown-route"
    UNKNOWN_AREA = "unknown-area"
    UNKNOWN_GRADE = "unknown-grade"
    UNKNOWN_VARIANT = "unknown-variant"
    MISSING_AGE = "missing-age"
    DUPLICATE = "duplicate-row"
    BLANK = "blank-value"
    SCENARIO_FIELD = "scenario-invalid"
    SHIFTS_NOT_BALANCED = "route-shifts-not-balanced"
    TARGET_YEAR = "target-year-invalid"
    NO_POPULATION = "no-population"
    UNKNOWN_SCENARIO = "unknown-scenario"  # the framework's futures.scenario names none of the file's


class FuturesInputError(InputError):
    """Raised when the futures inputs fail validation; ``failures`` holds every problem, located."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        first = failures[0]
        where = ", ".join(part for part in (f"row {first.row}" if first.row else "", first.column or "") if part)
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(f"{first.file}: {where + ': ' if where else ''}{first.message}{more}", code=first.code)

    def failures_frame(self) -> pd.DataFrame:
        """The failures as a table in :data:`~compact_analysis.errors.FAILURE_COLUMNS` order."""
        return pd.DataFrame([f.as_row() for f in self.failures], columns=list(FAILURE_COLUMNS))
