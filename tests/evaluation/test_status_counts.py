"""One count of statuses: the vocabulary, worked by hand, and the paper, manifest and index agreeing on the demo."""

import re

from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.evaluation.status_counts import Rating, StatusCounts, count_statuses, status_counts
from compact_analysis.presentation.narrative import headline
from compact_analysis.presentation.paper import paper_from_folder
from compact_analysis.publishing.batch import plan_folder_period
from compact_analysis.publishing.site_index import render_index


def _status(code: str, label: str) -> Status:
    return Status(code, label, "")


HAND_BUILT = [
    _status(StatusCode.GREEN, "Green: on track"),
    _status(StatusCode.ACHIEVED, "Achieved: 26 against a target of 20, 6 over"),
    _status(StatusCode.RED, "Red: off track"),
    _status(StatusCode.MISSED, "Missed: 7 against a target of 12, 5 short"),
    _status(StatusCode.MISSED, "Missed: 2 against a target of 10, 8 short"),
    _status(StatusCode.DELIVERED, "Delivered"),
    _status(StatusCode.MONITORED, "Monitored: no target"),
    _status(StatusCode.TARGET_NOT_SET, "Target to be confirmed"),
    _status(StatusCode.TARGET_NOT_SET, "Target not yet set"),
    _status(StatusCode.NO_DATA, "Baseline not yet set"),
    _status(StatusCode.NO_DATA, "No data"),
    _status(StatusCode.TARGET_OVERDUE, "Target overdue to be set"),
    _status("on hold", "On hold: paused by the board"),  # an analyst's own code
]


def test_statuses_are_counted_by_code_in_one_vocabulary():
    counts = count_statuses(HAND_BUILT)
    # By hand: green = green 1 + achieved 1 = 2; amber none; red = red 1 + missed 2 = 3. Not rated: 13 - 5 = 8,
    # by code whatever the label: both target-not-set labels are "target to be set", both no-data labels "no data".
    assert counts.total == 13
    assert [counts.rated(r) for r in Rating] == [2, 0, 3]
    assert counts.detail(Rating.GREEN) == ["1 achieved"] and counts.detail(Rating.RED) == ["2 missed"]
    assert counts.detail(Rating.AMBER) == []
    assert counts.not_rated == 8
    assert counts.not_rated_detail() == [
        "1 delivered", "1 monitored", "2 target to be set", "1 target overdue", "2 no data", "1 on hold"
    ]  # fmt: skip


def test_open_sdg_statuses_count_under_their_colour():
    statuses = [
        _status(StatusCode.ON_TRACK, "On track"),
        _status(StatusCode.TARGET_ACHIEVED, "Target achieved"),
        _status(StatusCode.NEEDS_ACCELERATION, "Needs acceleration"),
        _status(StatusCode.LIMITED_PROGRESS, "Limited progress"),
        _status(StatusCode.DETERIORATION, "Deterioration"),
        _status(StatusCode.NOT_AVAILABLE, "Not available"),
    ]
    counts = count_statuses(statuses)
    # 2 green (on track, target achieved), 2 amber, 1 red; "not available" is no rating.
    assert [counts.rated(r) for r in Rating] == [2, 2, 1] and counts.not_rated_detail() == ["1 not available"]
    assert counts.detail(Rating.GREEN) == ["1 target achieved", "1 on track"]


def test_manifest_records_give_back_the_same_counts():
    counts = count_statuses(HAND_BUILT)
    assert StatusCounts.from_records(counts.records()) == counts
    assert counts.records()[0] == {"code": "green", "word": "green", "rating": "green", "count": 1}


def _index_cells(page: str, period: str) -> list[str]:
    row = re.search(rf'<tr><th scope="row">{re.escape(period)}</th>(.*?)</tr>', page).group(1)
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def test_paper_manifest_and_index_agree_on_the_demo_q4(ingested_demo, tmp_path):
    folder = ingested_demo.folder
    paper = paper_from_folder(folder, "2009-10-Q4")
    evaluation = paper.evaluation
    sentence = headline(evaluation)
    plan = plan_folder_period(folder, "2009-10-Q4", tmp_path / "reports")
    manifest = {"framework": "compact-2009-10", "title": "t", "period": "2009-10-Q4", "folder": "f",
                "status_counts": plan.status_counts}  # fmt: skip
    green, amber, red, not_rated = (
        re.sub(r"<[^>]+>", " ", c) for c in _index_cells(render_index([manifest]), "2009-10-Q4")[:4]
    )
    # The demo's Q4 (the due date of every numeric target): Pledge commitment 26 >= 20 and the test-the-
    # organisation event 30 >= 25 achieved; stage 2 (7 < 12), stage 3 (2 < 10), apprenticeships (4 < 11) and
    # LEPs (4 < 6) missed; the coaching paper delivered; eleven monitored figures (three Skills for Life sums
    # and the eight outcome figures of issue #21 item 7); the 14-19 share TBC; the
    # procurement target overdue to be set (31 July 2009).
    assert sentence == (
        "Of 20 indicators, 2 green (2 achieved), 4 red (4 missed); not rated: 1 delivered, 11 monitored, "
        "1 target to be set, 1 target overdue."
    )
    assert sentence in paper.narrative()
    # The year-to-date history reads Q3 as at Q4's evidence date (after the due date), yet Q3 keeps its
    # trajectory statuses: the six numeric targets changed from green or red to achieved or missed.
    assert "Since 2009-10-Q3, 6 indicators changed status:" in paper.narrative()
    assert StatusCounts.from_records(plan.status_counts) == status_counts(evaluation)
    assert green.split() == ["2", "green", "2", "achieved"] and amber == "0 amber"
    assert red.split() == ["4", "red", "4", "missed"]
    for words in ("14 not rated", "1 delivered", "11 monitored", "1 target to be set", "1 target overdue"):
        assert words in not_rated
