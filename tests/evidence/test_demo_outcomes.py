"""The demo's returns of the Compact's own outcome measures (issue #21 item 7).

They come from a random stream of their own, after every earlier row of each file, so the demo's other
returns are byte for byte what they were before the measures existed.
"""

from __future__ import annotations

import csv

from compact_analysis.evidence.demo import generate_demo
from compact_analysis.evidence.demo_outcomes import OUTCOME_MEASURES
from compact_analysis.plan.framework import Framework, read_yaml
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS, evaluate_demo


def _without_outcomes() -> Framework:
    """The default framework as it was before issue #21 item 7: no outcome measures or indicators."""
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    data["measures"] = [m for m in data["measures"] if m["id"] not in OUTCOME_MEASURES]
    for priority in data["priorities"]:
        priority["indicators"] = [i for i in priority["indicators"] if i["measure"] not in OUTCOME_MEASURES]
    return Framework.model_validate(data)


def test_the_other_returns_are_unchanged_and_the_outcomes_follow_them(tmp_path, ingested_demo):
    before = generate_demo(tmp_path, _without_outcomes(), seed=2009)
    for old, new in zip(before.return_files, ingested_demo.demo.return_files, strict=True):
        old_lines = old.read_bytes().splitlines()
        new_lines = new.read_bytes().splitlines()
        assert new_lines[: len(old_lines)] == old_lines, new.name
        added = {line.split(b",")[1].decode() for line in new_lines[len(old_lines) :]}
        assert added <= set(OUTCOME_MEASURES)
    assert before.planted_faults == ingested_demo.demo.planted_faults


def _independent(demo, measure: str, period: str) -> tuple[int, float]:
    """(members answering yes, sum of numbers) for one quarterly measure, straight from the CSV files."""
    yes, total = 0, 0.0
    for path in demo.return_files:
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["measure_id"] == measure and row["period"] == period:
                    yes += row["value"] == "yes"
                    total += float(row["value"]) if row["value"].isdigit() else 0
    return yes, total


def test_the_q1_outcome_figures_match_a_count_made_from_the_files(ingested_demo, compact):
    # Every outcome row of Q1 is submitted by 9 August 2009, before the evidence date (14 August), and each
    # member returns a quarterly measure once a quarter: the yes answers and the sums read from the files
    # are the figures.
    period = parse_period("2009-10-Q1")
    evaluation = evaluate_demo(ingested_demo, compact, period.name)
    for indicator in ("skills-analysis", "skills-action-plan", "jobs-pledge"):
        assert evaluation.result(indicator).value.value == _independent(ingested_demo.demo, indicator, period.name)[0]
    for indicator in ("qualified-literacy", "apprentices-employed", "wbl-1419-learners"):
        assert evaluation.result(indicator).value.value == _independent(ingested_demo.demo, indicator, period.name)[1]
    assert evaluation.result("skills-analysis").status.code == "monitored"
