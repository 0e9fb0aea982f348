"""Stable failure codes of the plan's validators: the framework file and the member register.

Tests assert these codes, never the wording of messages. Where a code means what
frictionless-py means by it (``missing-cell``, ``type-error``, ``constraint-error``)
it has frictionless's name, as in :mod:`compact_analysis.evidence.reasons`.
"""

from __future__ import annotations

from enum import StrEnum


class FrameworkCode(StrEnum):
    """What is wrong with a framework file: its text, a field, or a check across fields."""

    # The file and its YAML text.
    FILE_NOT_FOUND = "file-not-found"
    NOT_A_FILE = "not-a-file"
    FILE_TOO_LARGE = "file-too-large"
    ENCODING_ERROR = "encoding-error"
    TAB_INDENT = "tab-indent"
    YAML_SYNTAX = "yaml-syntax"
    YAML_ALIAS = "yaml-alias"
    YAML_TAG = "yaml-tag"
    DUPLICATE_KEY = "duplicate-key"
    TOO_DEEP = "too-deep"
    # One field.
    NOT_A_MAPPING = "not-a-mapping"
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    UNKNOWN_CHOICE = "unknown-choice"
    TYPE_ERROR = "type-error"
    CONSTRAINT_ERROR = "constraint-error"
    # Across fields.
    NOT_A_YEAR = "not-a-year"
    DUPLICATE_VALUE = "duplicate-value"
    ID_COLLISION = "id-collision"
    INVALID_ID = "invalid-id"
    UNDEFINED_REFERENCE = "undefined-reference"
    WRONG_MEASURE_TYPE = "wrong-measure-type"
    # Figure aggregates (plan/figure_checks.py).
    MISSING_DENOMINATOR = "missing-denominator"
    NOT_A_PARTNERSHIP_MEASURE = "not-a-partnership-measure"
    SINCE_AFTER_YEARS = "since-after-years"
    UNUSED_FIELD = "unused-field"
    NOT_A_FIGURE = "not-a-figure"
    MISSING_LEVEL = "missing-level"
    LEVEL_NOT_ON_SCALE = "level-not-on-scale"
    REVISION_OUTSIDE_YEARS = "revision-outside-years"
    AGREED_AFTER_YEARS = "agreed-after-years"
    REVISION_OUT_OF_ORDER = "revision-out-of-order"
    MISSING_TERMS = "missing-terms"
    TERMS_MISNUMBERED = "terms-misnumbered"
    TERM_BACKWARDS = "term-backwards"
    TERM_OUTSIDE_YEAR = "term-outside-year"
    TERMS_OVERLAP = "terms-overlap"
    # Target shapes (plan/target_checks.py).
    MISSING_BASELINE = "missing-baseline"
    BASELINE_CONFLICT = "baseline-conflict"
    BAD_BASELINE_PERIOD = "bad-baseline-period"
    MISSING_STEPS = "missing-steps"
    STEPS_OUT_OF_ORDER = "steps-out-of-order"
    STEP_OUTSIDE_SPAN = "step-outside-span"
    NOT_POSITIVE = "not-positive"
    FROM_AFTER_UNTIL = "from-after-until"
    NOT_WHOLE = "not-whole"
    BELOW_MINIMUM = "below-minimum"
    CYCLE_OUTSIDE_FRAMEWORK = "cycle-outside-framework"  # a recurring milestone due outside the years or terms
    TOO_MANY = "too-many"


class RegisterCode(StrEnum):
    """What is wrong with a row or column of the member register."""

    MISSING_COLUMN = "missing-column"
    MISSING_CELL = "missing-cell"
    DUPLICATE_ID = "duplicate-id"
    ID_COLLISION = "id-collision"
    INVALID_ID = "invalid-id"
    UNKNOWN_SECTOR = "unknown-sector"
    TYPE_ERROR = "type-error"
    LEFT_BEFORE_JOINED = "left-before-joined"
    UNKNOWN_SUCCESSOR = "unknown-successor"
    SUCCESSOR_WITHOUT_LEFT = "successor-without-left"
    SUCCESSOR_CYCLE = "successor-cycle"


class PeriodCode(StrEnum):
    """Why a period name or date cannot be placed (the code of a :class:`PeriodError`)."""

    NOT_A_PERIOD = "not-a-period"
    NOT_A_YEAR = "not-a-year"
    OUT_OF_RANGE = "period-out-of-range"
    UNKNOWN_CADENCE = "unknown-cadence"
    NO_TERM_DATES = "no-term-dates"
    NO_SUCH_TERM = "no-such-term"
    NOT_IN_A_TERM = "not-in-a-term"
    OUTSIDE_FRAMEWORK = "outside-framework"
