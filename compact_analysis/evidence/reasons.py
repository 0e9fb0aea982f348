"""Stable reason codes for quarantined cells, in frictionless-py's vocabulary plus the domain's own.

Tests assert these codes, never the wording of messages. frictionless gives the
codes for what is wrong with a table (``missing-cell``, ``extra-cell``,
``type-error``, ...); the domain codes say what is wrong against the framework
and the member register.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a cell was quarantined."""

    MISSING_CELL = "missing-cell"
    EXTRA_CELL = "extra-cell"
    BLANK_ROW = "blank-row"
    TYPE_ERROR = "type-error"
    CONSTRAINT_ERROR = "constraint-error"
    ENCODING_ERROR = "encoding-error"
    FORMULA_WITHOUT_VALUE = "formula-without-value"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_MEMBER = "unknown-member"
    UNKNOWN_MEASURE = "unknown-measure"
    INVALID_PERIOD = "invalid-period"
    NOT_A_MEMBER_AT_DATE = "not-a-member-at-date"
    LEVEL_NOT_ON_SCALE = "level-not-on-scale"
    PERIOD_AFTER_SUBMISSION = "period-after-submission"
    STAGE_BACKWARDS = "stage-backwards"
    SUBMITTED_IN_FUTURE = "submitted-in-future"
    TWO_DIGIT_YEAR = "two-digit-year"
