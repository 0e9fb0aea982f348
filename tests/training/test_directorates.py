"""Per-directorate summary and the list of ring-fence misuse exceptions (issue #24 item 6; seed 001)."""

import re

import pandas as pd
import pytest

from compact_analysis.training.directorates import directorate_summary, ring_fence_misuse
from compact_analysis.training.folder import ingest_training
from compact_analysis.training.paper import prepare_training_paper
from tests.training.fixtures import write_small_training_folder

VARIANCE = pd.DataFrame(
    {
        "member_id": ["M1", "M1", "M2", "M2"],
        "directorate": ["Adult", "Adult", "Adult", "Place"],
        "priority": ["P1", "P2", "P1", "P1"],
        "budget_pence": [10_000, 5_000, 20_000, 8_000],
        "spend_pence": [6_000, 1_000, 12_000, 9_000],
        "projected_outturn_pence": [12_000, 2_000, 24_000, 18_000],
        "outturn_variance_pence": [2_000, -3_000, 4_000, 10_000],
    }
)
ACTIVITY = pd.DataFrame(
    {
        "member_id": ["M1", "M2", "M2", "M3"],
        "directorate": ["Adult", "Adult", "Place", "Schools"],
        "enrolments": [4, 6, 3, 2],
        "completions": [3, 5, 1, 0],
    }
)
EXCEPTIONS = pd.DataFrame(
    {
        "kind": ["budget-variance", "budget-variance", "ring-fence-misuse", "ring-fence-misuse"],
        "directorate": ["Place", "Adult", "Place", "Place"],
    }
)


def test_each_directorate_adds_up_its_members_lines_and_counts_its_exceptions():
    found = directorate_summary(VARIANCE, ACTIVITY, EXCEPTIONS).set_index("directorate")
    # Adult: three budget lines (M1 P1, M1 P2, M2 P1): budget 10,000 + 5,000 + 20,000 = 35,000 pence; spend
    # 6,000 + 1,000 + 12,000 = 19,000; outturn 12,000 + 2,000 + 24,000 = 38,000; variance 2,000 - 3,000 + 4,000
    # = 3,000. Enrolments 4 + 6 = 10, completions 3 + 5 = 8. Members M1 and M2. One budget variance exception.
    assert found.loc["Adult"].to_dict() == {
        "members": 2, "budget_pence": 35_000, "spend_pence": 19_000, "projected_outturn_pence": 38_000,
        "outturn_variance_pence": 3_000, "enrolments": 10, "completions": 8, "budget_variance": 1,
        "ring_fence_misuse": 0,
    }  # fmt: skip
    # Place: one line of M2; 3 enrolments, 1 completion; one variance and two misuse exceptions.
    assert found.loc["Place", ["budget_pence", "enrolments", "budget_variance", "ring_fence_misuse"]].tolist() == [
        8_000, 3, 1, 2,
    ]  # fmt: skip
    # Schools has activity but no budget line: it is shown, with a zero budget, not dropped.
    assert found.loc["Schools", ["members", "budget_pence", "enrolments"]].tolist() == [1, 0, 2]
    assert list(found.index) == ["Adult", "Place", "Schools"]


def test_every_misused_grant_is_listed_largest_first_and_spend_on_its_purpose_is_not():
    fenced = pd.DataFrame(
        {
            "member_id": ["M2", "M1", "M1", "M3"],
            "directorate": ["Place", "Adult", "Adult", "Adult"],
            "funding_source": ["grant-a", "grant-a", "grant-a", "grant-a"],
            "purpose": ["P6", "P6", "P6", "P6"],
            "priority": ["P1", "P2", "P6", "P3"],
            "enrolments": [1, 2, 5, 1],
            "spend_pence": [7_100, 13_032, 90_000, 7_100],
            "outside_purpose": [True, True, False, True],
        }
    )
    found = ring_fence_misuse(fenced)
    # M1's P6 spend is on the grant's purpose (not listed); 13,032 first, then the two 7,100s by member.
    assert found[["member_id", "priority", "spend_pence"]].values.tolist() == [
        ["M1", "P2", 13_032], ["M2", "P1", 7_100], ["M3", "P3", 7_100],
    ]  # fmt: skip


@pytest.fixture(scope="module")
def small_paper(tmp_path_factory):
    data = tmp_path_factory.mktemp("small-directorates")
    write_small_training_folder(data)
    ingest_training(data)
    return prepare_training_paper(str(data), "2009-10-Q2")


def test_the_paper_tables_the_small_folder_by_directorate_worked_by_hand(small_paper):
    # tests/training/fixtures.py, 2009-10 to Q2 (six months). Alpha: budget lines M001 P2 £300 + M002 P3 £2,400
    # = £2,700; spend M001 P2 £115 + £50, M002 P3 £1,500 and M002 P2 £25 (no budget line) = £1,690; outturn
    # 1,690 x 12 / 6 = £3,380, variance £680; enrolments 2 + 2 = 4 (M002's 1 October course is Q3), completed 2.
    # Beta: M001 P6 £300 budget, £200 spent, £400 outturn, variance £100; one course, completed.
    # Exceptions: M002 Alpha P3 (+£600) and M001 Beta P6 (+£100, the £100 minimum) vary; M002's leadership
    # grant paid for P2 in Alpha (misuse).
    rows = re.findall(r"<tr>(<td>.*?)</tr>", small_paper.directorate_table())
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
    assert cells == [
        ["Alpha (2 members)", "£2,700.00", "£1,690.00", "£3,380.00", "£680.00"],
        ["Beta (1 member)", "£300.00", "£200.00", "£400.00", "£100.00"],
        ["Alpha (2 members)", "4", "2", "1", "1"],
        ["Beta (1 member)", "1", "1", "1", "0"],
    ]  # fmt: skip


def test_the_paper_lists_each_ring_fence_misuse_with_member_escaped_priority_and_amount(small_paper):
    html = small_paper.ring_fence_misuse_table()
    # The one misuse: M002's leadership grant (for P6) paid £25.00 for a P2 course in Alpha.
    assert re.findall(r"<tr>(<td>.*?)</tr>", html) == [
        "<td><bdi>Brackenridge &amp; Dunmere &quot;Skills &lt;Hub&gt;&quot; Partnership (M002)</bdi></td>"
        "<td>Alpha</td><td>Leadership and management grant</td><td>P2 Skills for Life</td><td>1</td><td>£25.00</td>"
    ]
    assert "<Hub>" not in html
