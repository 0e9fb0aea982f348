"""Training configuration: budget variance thresholds, course category → priority, funding sources.

Seed 001: "Grant funding will be ring fenced to ensure continued investment in
developing the skills and competencies of relevant professional groups", so each
ring-fenced source names the priorities it may be spent on. Kept in its own
small YAML (shipped default, or ``<data>/training/config.yaml``) so the
framework file need not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import yaml

from compact_analysis.errors import InputError
from compact_analysis.presentation.money import money

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "data" / "training.yaml"
#: The minimum when a config has no ``budget_variance_minimum``: none, so the percentage alone decides (the
#: rule before the minimum existed). The shipped training.yaml sets £5,000.
DEFAULT_MINIMUM_PENCE = 0


def percent_text(fraction: Fraction) -> str:
    """A share as a percentage, e.g. 1/10 -> "10%", 1/8 -> "12.5%"."""
    percent = fraction * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{float(percent):.2f}".rstrip("0").rstrip(".") + "%"


def variance_rule_text(tolerance: Fraction, minimum_pence: int) -> str:
    """How far from budget a projected outturn must be to open an exception, in words.

    "more than 10% and at least £5,000", or "more than 10%" when there is no minimum.
    """
    rule = f"more than {percent_text(tolerance)}"
    return f"{rule} and at least {money(minimum_pence, 'if-any')}" if minimum_pence else rule


@dataclass(frozen=True)
class TrainingConfig:
    """What the training monitor needs beyond the framework."""

    tolerance: Fraction
    categories: dict[str, str]
    funding_sources: dict[str, tuple[bool, tuple[str, ...]]]
    #: Short titles of the priorities, for tables (the framework's own titles run to a sentence).
    priority_titles: dict[str, str] = field(default_factory=dict)
    #: Readable names of the funding sources (``core-budget`` -> "Core training budget").
    funding_names: dict[str, str] = field(default_factory=dict)
    #: Materiality: a variance must also be at least this many pence to open an exception (0: none).
    budget_variance_minimum_pence: int = DEFAULT_MINIMUM_PENCE

    def priority_label(self, priority: str) -> str:
        """``P3`` as ``P3 Apprenticeships`` when the config gives a short title, else the code alone."""
        title = self.priority_titles.get(priority)
        return f"{priority} {title}" if title else priority

    def funding_name(self, source: str) -> str:
        """A funding source's readable name from the config, else its id in title case."""
        return self.funding_names.get(source) or source.replace("-", " ").replace("_", " ").title()

    def tolerance_text(self) -> str:
        """The budget variance tolerance as a percentage, e.g. 1/10 -> "10%", 1/8 -> "12.5%"."""
        return percent_text(self.tolerance)

    def minimum_text(self) -> str:
        """The materiality minimum in pounds, e.g. "£5,000" ("£0" when there is none)."""
        return money(self.budget_variance_minimum_pence, "if-any")

    def variance_rule_text(self) -> str:
        """The two thresholds in words: "more than 10% and at least £5,000" (or "more than 10%")."""
        return variance_rule_text(self.tolerance, self.budget_variance_minimum_pence)

    def categories_frame(self) -> pd.DataFrame:
        return pd.DataFrame(sorted(self.categories.items()), columns=["category", "priority"])

    def funding_frame(self) -> pd.DataFrame:
        """One row per source and purpose priority (purpose NULL for sources that are not ring-fenced)."""
        rows = [
            (source, ring_fenced, purpose)
            for source, (ring_fenced, purposes) in sorted(self.funding_sources.items())
            for purpose in (purposes or (None,))
        ]
        return pd.DataFrame(rows, columns=["funding_source", "ring_fenced", "purpose"])


def load_training_config(path: str | Path | None = None) -> TrainingConfig:
    """Read and check a training config; every problem is named in one :class:`InputError`."""
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 -- strings only, no date parsing
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read training config ({exc})") from None
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise InputError(f"{path}: expected a mapping")
    try:
        tolerance = Fraction(str(raw.get("budget_variance_tolerance", "1/10")))
        if not 0 <= tolerance < 10:
            problems.append("budget_variance_tolerance must be between 0 and 10")
    except (ValueError, ZeroDivisionError):
        problems.append("budget_variance_tolerance must be a fraction like 1/10 or 0.1")
        tolerance = Fraction(0)
    minimum = _minimum_pence(raw.get("budget_variance_minimum"), problems)
    categories = raw.get("categories") or {}
    if not isinstance(categories, dict) or not categories:
        problems.append("categories: a mapping of course category to priority id is required")
        categories = {}
    sources: dict[str, tuple[bool, tuple[str, ...]]] = {}
    names: dict[str, str] = {}
    for name, spec in (raw.get("funding_sources") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            problems.append(f"funding_sources.{name}: expected a mapping like {{ring_fenced: false}}")
            continue
        ring_fenced = str(spec.get("ring_fenced", "false")).lower() in ("true", "yes")
        purpose = tuple(spec.get("purpose") or ())
        if ring_fenced and not purpose:
            problems.append(f"funding_sources.{name}: a ring-fenced source needs a purpose (priority ids)")
        sources[str(name)] = (ring_fenced, purpose)
        if "name" in spec:
            if not isinstance(spec["name"], str) or not spec["name"].strip():
                problems.append(f"funding_sources.{name}.name: expected a non-empty name")
            else:
                names[str(name)] = spec["name"].strip()
    if not sources:
        problems.append("funding_sources: at least one funding source is required")
    titles = raw.get("priorities") or {}
    if not isinstance(titles, dict) or not all(isinstance(t, str) and t.strip() for t in titles.values()):
        problems.append("priorities: a mapping of priority id to a short title is expected")
        titles = {}
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    return TrainingConfig(
        tolerance,
        {str(k): str(v) for k, v in categories.items()},
        sources,
        {str(k): v.strip() for k, v in titles.items()},
        names,
        minimum,
    )


_POUNDS = re.compile(r"£?\d{1,3}(,\d{3})+(\.\d+)?|£?\d+(\.\d+)?")


def _minimum_pence(value: object, problems: list[str]) -> int:
    """``budget_variance_minimum`` (pounds, e.g. 5000, "£5,000", 2500.50) as exact integer pence.

    Absent: :data:`DEFAULT_MINIMUM_PENCE`. A negative amount, a fraction of a penny or anything that is
    not a plain number of pounds is a problem, named by the key.
    """
    if value is None:
        return DEFAULT_MINIMUM_PENCE
    text = str(value).strip()
    expected = "budget_variance_minimum must be a non-negative amount in pounds like 5000 or 2500.50"
    if text.startswith("-") and _POUNDS.fullmatch(text[1:].strip()):
        problems.append(f"{expected}, not negative ({text})")
        return DEFAULT_MINIMUM_PENCE
    if not _POUNDS.fullmatch(text):
        problems.append(f"{expected} (got {text!r})")
        return DEFAULT_MINIMUM_PENCE
    pence = Decimal(text.lstrip("£").replace(",", "")) * 100  # the pattern admits only decimal numbers
    if pence != pence.to_integral_value():
        problems.append(f"budget_variance_minimum must be whole pence ({text})")
        return DEFAULT_MINIMUM_PENCE
    return int(pence)
