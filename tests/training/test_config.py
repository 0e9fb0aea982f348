"""The training config's budget variance thresholds: the materiality minimum, read exactly and checked."""

from fractions import Fraction

import pytest

from compact_analysis.errors import InputError
from compact_analysis.presentation.money import money
from compact_analysis.training.config import (
    DEFAULT_CONFIG,
    TrainingConfig,
    load_training_config,
    variance_rule_text,
)
from tests.training.fixtures import small_config_text

SHIPPED = DEFAULT_CONFIG.read_text(encoding="utf-8")


def _config(tmp_path, minimum_line: str | None):
    """The shipped config with its ``budget_variance_minimum`` line replaced (None: the key removed)."""
    lines = [line for line in SHIPPED.splitlines() if not line.startswith("budget_variance_minimum:")]
    if minimum_line is not None:
        lines.append(minimum_line)
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_shipped_config_sets_five_thousand_pounds():
    config = load_training_config()
    assert config.tolerance == Fraction(1, 10) and config.budget_variance_minimum_pence == 500_000
    assert config.minimum_text() == "£5,000"
    assert config.variance_rule_text() == "more than 10% and at least £5,000"


def test_no_key_means_no_minimum_the_percentage_alone(tmp_path):
    config = load_training_config(_config(tmp_path, None))
    assert config.budget_variance_minimum_pence == 0 and config.variance_rule_text() == "more than 10%"
    # A config built in code has no minimum either.
    assert TrainingConfig(Fraction(1, 8), {"a": "P1"}, {"g": (False, ())}).variance_rule_text() == "more than 12.5%"


@pytest.mark.parametrize(
    ("written", "pence"),
    [
        ("budget_variance_minimum: 5000", 500_000),
        ('budget_variance_minimum: "5000.00"', 500_000),
        ('budget_variance_minimum: "£5,000"', 500_000),
        ("budget_variance_minimum: 2500.50", 250_050),
        ("budget_variance_minimum: 0.01", 1),
        ("budget_variance_minimum: 1,234,567.8", 123_456_780),
        ("budget_variance_minimum: 0", 0),
    ],
)
def test_the_minimum_is_read_as_exact_pence(tmp_path, written, pence):
    assert load_training_config(_config(tmp_path, written)).budget_variance_minimum_pence == pence


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("budget_variance_minimum: lots", "budget_variance_minimum must be a non-negative amount in pounds"),
        ("budget_variance_minimum: -5000", "not negative (-5000)"),
        ('budget_variance_minimum: "-£5,000"', "not negative (-£5,000)"),
        ("budget_variance_minimum: 5000.005", "budget_variance_minimum must be whole pence (5000.005)"),
        ("budget_variance_minimum: 5e3", "got '5e3'"),
        ("budget_variance_minimum: [5000]", "budget_variance_minimum must be a non-negative amount in pounds"),
        ("budget_variance_minimum: 50,00", "got '50,00'"),
    ],
)
def test_a_bad_minimum_is_named_with_the_key(tmp_path, written, says):
    path = _config(tmp_path, written)
    with pytest.raises(InputError) as caught:
        load_training_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and says in message


def test_a_bad_minimum_is_reported_with_the_other_problems(tmp_path):
    bad = tmp_path / "config.yaml"
    bad.write_text("budget_variance_tolerance: lots\nbudget_variance_minimum: -1\ncategories: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_training_config(bad)
    message = str(caught.value)
    assert "budget_variance_tolerance must be" in message and "budget_variance_minimum must be" in message
    assert "categories" in message and "funding_sources" in message


def test_threshold_words():
    assert money(500_000, "if-any") == "£5,000" and money(250_050, "if-any") == "£2,500.50"
    assert money(7, "if-any") == "£0.07"
    assert variance_rule_text(Fraction(1, 10), 500_000) == "more than 10% and at least £5,000"
    assert variance_rule_text(Fraction(3, 40), 0) == "more than 7.5%"


def test_the_small_folder_config_differs_from_the_shipped_only_in_the_minimum(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(small_config_text(), encoding="utf-8")
    small, shipped = load_training_config(path), load_training_config()
    assert small.budget_variance_minimum_pence == 10_000
    assert (small.tolerance, small.categories, small.funding_sources) == (
        shipped.tolerance,
        shipped.categories,
        shipped.funding_sources,
    )
