"""Indicators by theme and perspective, counted by status in words (issue #24 item 4)."""

from __future__ import annotations

from types import SimpleNamespace

from compact_analysis.evaluation.status import Status
from compact_analysis.plan.framework import load_framework
from compact_analysis.presentation.group_summary import indicator_groups, status_words
from tests.helpers import FRAMEWORKS


def _evaluation(framework, labels: dict[str, str]):
    results = {i: SimpleNamespace(status=Status(code, code.capitalize(), "")) for i, code in labels.items()}
    return SimpleNamespace(framework=framework, result=results.__getitem__)


def test_statuses_are_counted_in_the_papers_words(compact):
    labels = {"a": "red", "b": "green", "c": "red", "d": "monitored"}
    # By hand: two red, one green, one monitored; in the paper's order (green before red, rated before not).
    got = status_words(_evaluation(compact, labels), ("a", "b", "c", "d"))
    assert got == "4 indicators: 1 green, 2 red, 1 monitored"
    assert status_words(_evaluation(compact, labels), ("b",)) == "1 indicator: 1 green"


def test_the_compact_groups_by_its_three_themes(compact):
    groups = indicator_groups(_evaluation(compact, {}))
    # The framework's themes: skills (P1, P2, P6), employment (P3, P5, P7), procurement (P4); no perspectives.
    assert [(g.kind, g.name) for g in groups] == [
        ("Theme", "Workforce skills"), ("Theme", "Employment and apprenticeships"), ("Theme", "Procurement"),
    ]  # fmt: skip
    by_priority = {p.id: len(p.indicators) for p in compact.priorities}
    assert len(groups[0].indicator_ids) == by_priority["P1"] + by_priority["P2"] + by_priority["P6"]


def test_a_balanced_scorecard_groups_by_perspective_too():
    lea = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
    groups = indicator_groups(_evaluation(lea, {}))
    perspectives = [g for g in groups if g.kind == "Perspective"]
    assert [g.name for g in perspectives][:3] == ["Pupils and parents", "Internal processes", "Finance"]
    counted = sum(len(g.indicator_ids) for g in perspectives)
    assert counted == len(lea.indicators)  # every indicator once: in its perspective or under "No perspective"
