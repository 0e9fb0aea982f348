import json
import re
from html import escape
from pathlib import Path

from compact_analysis.evaluation.status import Status
from compact_analysis.evaluation.status_counts import Rating, count_statuses
from compact_analysis.publishing.batch import PeriodPlan, _finish
from compact_analysis.publishing.outcome import PeriodOutcome, summary_table
from compact_analysis.publishing.render import JobResult
from compact_analysis.publishing.site_index import (
    collect,
    counts_of,
    members_of,
    rag_of,
    render_index,
    render_members_index,
    write_index,
)

AWKWARD = 'Brackenridge & Dunmere "Skills <Hub>" Partnership'


def _row(page: str, period: str) -> str:
    """The table row whose row header is ``period``."""
    match = re.search(rf'<tr><th scope="row">{re.escape(period)}</th>(.*?)</tr>', page)
    assert match, period
    return match.group(1)


def _cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def _manifest(framework="fw", period="2009-10-Q1", **extra) -> dict:
    m = {"framework": framework, "title": f"Title of {framework}", "period": period, "folder": f"{framework}/{period}"}
    m["status_counts"] = {}
    m.update(extra)
    return m


def test_index_lists_complete_reports_newest_first_and_escapes(tmp_path):
    for period in ("2009-10-Q1", "2009-10-Q2"):
        folder = tmp_path / "fw" / period
        folder.mkdir(parents=True)
        manifest = {"framework": "fw", "title": "Plan <b>& co</b>", "period": period, "status_counts": {"Green": 2}}
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    partial = tmp_path / "fw" / ".2009-10-Q3.partial-x"
    partial.mkdir()
    (partial / "manifest.json").write_text(json.dumps({"framework": "fw", "period": "2009-10-Q3"}), encoding="utf-8")
    found = collect(tmp_path)
    assert [m["period"] for m in found] == ["2009-10-Q2", "2009-10-Q1"]
    page = render_index(found)
    assert "Plan &lt;b&gt;&amp; co&lt;/b&gt;" in page and "<b>" not in page
    assert write_index(tmp_path).read_text(encoding="utf-8") == page


def _codes(*codes: str) -> list[dict]:
    """The manifest's status counts for one status per code given (as a batch writes them)."""
    return count_statuses(Status(c, c.capitalize(), "") for c in codes).records()


def test_older_manifests_split_their_labels_into_green_amber_red_and_not_rated():
    assert [rag_of(x) for x in ("Green: on track", "amber: slightly behind", "Red", "Delivered", "Greenish")] == [
        "green",
        "amber",
        "red",
        None,
        None,
    ]
    old = {"Red: off track": 4, "Monitored: no target": 3, "Delivered": 1, "Green: on track": 2}
    counts = counts_of({"status_counts": old, "status_colours": {"Delivered": None}})
    assert (counts.rated(Rating.GREEN), counts.rated(Rating.AMBER), counts.rated(Rating.RED)) == (2, 0, 4)
    assert counts.detail(Rating.RED) == ["4 off track"]
    assert counts.not_rated_detail() == ["3 Monitored: no target", "1 Delivered"]


def test_index_columns_give_each_count_with_its_word():
    # The demo's Q4: 2 achieved, 4 missed, 1 delivered, 3 monitored, 1 target to be confirmed, 1 overdue to be set.
    codes = ("achieved",) * 2 + ("missed",) * 4 + ("delivered", "target-not-set", "target-overdue") + ("monitored",) * 3
    m = _manifest(status_counts=_codes(*codes), pdf=True, scorecards=["M001", "M002"], members_index=True)
    page = render_index([m])
    headers = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert headers == ["Period", "Green", "Amber", "Red", "Not rated", "Files"]
    green, amber, red, other, files = _cells(_row(page, "2009-10-Q1"))
    # Achieved counts as green and missed as red; delivered and target overdue are not ratings.
    assert green == '<span class="total">2 green</span><span class="detail">2 achieved</span>'
    assert amber == "0 amber"
    assert red == '<span class="total">4 red</span><span class="detail">4 missed</span>'
    assert other == (
        '<span class="total">6 not rated</span><ul class="detail"><li>1 delivered</li><li>3 monitored</li>'
        "<li>1 target to be set</li><li>1 target overdue</li></ul>"
    )
    assert 'href="fw/2009-10-Q1/evaluation.html"' in files and 'href="fw/2009-10-Q1/evaluation.pdf"' in files
    assert '<a href="fw/2009-10-Q1/members/index.html">2 member scorecards</a>' in files
    # colour only repeats the word: the class names a palette colour, the text says the status
    assert 'class="count rag-green"' in page and 'class="count rag-red"' in page
    assert 'class="count zero">0 amber' in page
    assert "th[scope=row],.nowrap,.total{white-space:nowrap}" in page  # the period never wraps
    assert '<html lang="en-GB">' in page and "<script" not in page and not re.search(r"(src|href)=\"https?:", page)


def test_index_without_pdf_or_members_index_links_what_exists():
    page = render_index([_manifest(pdf=False, scorecards=["M001"])])
    files = _cells(_row(page, "2009-10-Q1"))[-1]
    assert "evaluation.pdf" not in files
    assert '1 member scorecard in <a href="fw/2009-10-Q1/members/">members/</a>' in files  # an older folder


def test_index_groups_by_framework_newest_period_first():
    reports = [
        _manifest("beta", "2019-20-Q1"),
        _manifest("alpha", "2009-10-Q1"),
        _manifest("alpha", "2009-10-Q4"),
        _manifest("alpha", "2009-10-Q2"),
    ]
    page = render_index(sorted(reports, key=lambda m: m["framework"]))
    assert re.findall(r"<h[1-6]", page) == ["<h1", "<h2", "<h2"]
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == ["Title of alpha", "Title of beta"]
    assert page.count("<table") == 2
    alpha = page[page.index("Title of alpha") : page.index("Title of beta")]
    assert re.findall(r'<th scope="row">(.*?)</th>', alpha) == ["2009-10-Q4", "2009-10-Q2", "2009-10-Q1"]
    assert "No reports yet." in render_index([])


def test_index_escapes_every_manifest_value():
    hostile = '<script>alert("x")</script>&'
    m = _manifest(
        framework='fw"><img src=x>',
        period='Q1<b onclick="x">',
        title=hostile,
        status_counts={"Green: <i>on</i> track": 1, "<u>Odd</u> & ends": 2},
        scorecards=["M1"],
        members_index=True,
    )
    m["folder"] = 'fw"><img src=x>/Q1<b onclick="x">'
    page = render_index([m])
    for raw in ("<script", "<img", "<b ", "<i>", "<u>", 'onclick="x"'):
        assert raw not in page, raw
    assert escape(hostile) in page and "Green: &lt;i&gt;" not in page  # the green cell gives the part after the colon
    assert "&lt;i&gt;on&lt;/i&gt; track" in page and "2 &lt;u&gt;Odd&lt;/u&gt; &amp; ends" in page


def test_synthetic_note_only_when_a_listed_report_is_synthetic():
    assert "Synthetic data" not in render_index([_manifest(synthetic=False)])
    assert "synthetic" not in render_index([_manifest()]).lower()  # unknown: nothing claimed
    every = render_index([_manifest(synthetic=True), _manifest(period="2009-10-Q2", synthetic=True)])
    assert "Every report listed here was built from synthetic data" in every and 'class="tag"' not in every
    mixed = render_index([_manifest(synthetic=True), _manifest(period="2009-10-Q2", synthetic=False)])
    assert "Synthetic data" in _cells(_row(mixed, "2009-10-Q1"))[-1]
    assert "Synthetic data" not in _cells(_row(mixed, "2009-10-Q2"))[-1]


def test_collect_reads_synthetic_from_the_manifest_or_else_the_data_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "SYNTHETIC.txt").write_text("synthetic\n", encoding="utf-8")
    reports = tmp_path / "reports"
    cases = {
        "new-true": {"synthetic": True},
        "new-false": {"synthetic": False, "parameters": {"data": str(data)}},  # the manifest wins
        "old-marked": {"parameters": {"data": str(data)}},
        "old-gone": {"parameters": {"data": str(tmp_path / "moved")}},
    }
    for period, extra in cases.items():
        (reports / "fw" / period).mkdir(parents=True)
        manifest = {"framework": "fw", "period": period, **extra}
        (reports / "fw" / period / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (reports / "fw" / "old-marked" / "members").mkdir()
    (reports / "fw" / "old-marked" / "members" / "index.html").write_text("x", encoding="utf-8")
    found = {m["period"]: m for m in collect(reports)}
    assert {p: m["synthetic"] for p, m in found.items()} == {
        "new-true": True,
        "new-false": False,
        "old-marked": True,
        "old-gone": None,
    }
    assert {p: m["members_index"] for p, m in found.items()} == {
        "new-true": False,
        "new-false": False,
        "old-marked": True,
        "old-gone": False,
    }


def _members_manifest(**extra) -> dict:
    m = {
        "framework": "fw",
        "title": "Compact <2009>",
        "period": "2009-10-Q2",
        "pdf": True,
        "scorecards": ["M002", "M007", "M001"],
        "scorecard_members": [
            {"member_id": "M001", "name": "Marrowfield Primary Care Trust", "sector": "health"},
            {"member_id": "M002", "name": "ashcombe District Council", "sector": "local authority"},
            {"member_id": "M007", "name": AWKWARD, "sector": "local authority"},
        ],
    }
    m.update(extra)
    return m


def test_members_index_lists_every_scorecard_sorted_by_name_and_escaped():
    page = render_members_index(_members_manifest(synthetic=True))
    names = re.findall(r'<tr><th scope="row">(.*?)</th>', page)
    assert names == ["ashcombe District Council", escape(AWKWARD), "Marrowfield Primary Care Trust"]
    assert "<Hub>" not in page and "Compact &lt;2009&gt;" in page
    row = page[page.index(escape(AWKWARD)) :].split("</tr>")[0]
    assert _cells(row) == ["M007", "local authority", '<a href="M007.html">HTML</a> · <a href="M007.pdf">PDF</a>']
    for member in ("M001", "M002", "M007"):
        assert f'href="{member}.html"' in page and f'href="{member}.pdf"' in page
    assert 'href="../evaluation.html"' in page and 'href="../../../index.html"' in page
    assert "3 member scorecards" in page and "Synthetic data" in page
    assert '<html lang="en-GB">' in page and re.findall(r"<h[1-6]", page) == ["<h1"]


def test_members_index_without_pdf_or_names():
    page = render_members_index(_members_manifest(pdf=False, synthetic=False))
    assert ".pdf" not in page and "Synthetic data" not in page
    old = {"title": "T", "period": "P", "scorecards": ["M009", "M003"]}  # an older manifest: ids only
    assert [m["member_id"] for m in members_of(old)] == ["M003", "M009"]
    assert re.findall(r'<tr><th scope="row">(.*?)</th>', render_members_index(old)) == ["M003", "M009"]


def test_finish_writes_the_members_index_inside_the_folder_before_the_swap(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "SYNTHETIC.txt").write_text("synthetic\n", encoding="utf-8")
    framework = tmp_path / "fw.yaml"
    framework.write_text("id: fw\n", encoding="utf-8")
    staging = tmp_path / "reports" / "fw" / ".2009-10-Q2.partial-1"
    (staging / "members").mkdir(parents=True)
    final = tmp_path / "reports" / "fw" / "2009-10-Q2"
    plan = PeriodPlan("fw", framework, "Compact", "2009-10-Q2", data, None, ["M007", "M001"], final, staging)
    plan.member_details = {"M001": {"name": "Zed Trust", "sector": "health"}, "M007": {"name": AWKWARD, "sector": "x"}}
    results = [JobResult("evaluation", True, 2.0), JobResult("M007", True, 1.5), JobResult("M001", True, 1.0)]
    outcome = _finish(plan, results, pdf=False)
    assert outcome.ok and outcome.seconds == 4.5 and not staging.exists()
    manifest = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert manifest["scorecard_members"][0] == {"member_id": "M007", "name": AWKWARD, "sector": "x"}
    page = (final / "members" / "index.html").read_text(encoding="utf-8")
    assert page == render_members_index(manifest)
    assert page.index(escape(AWKWARD)) < page.index("Zed Trust")


def test_summary_table_gives_each_period_its_own_seconds_and_the_batch_total():
    fail = JobResult("2009-10-Q2 M001", False, 3.0, "cell 4: boom")
    outcomes = [
        PeriodOutcome("2009-10-Q1", True, Path("/r/Q1"), (), 12.25, 30.0),
        PeriodOutcome("2009-10-Q2", False, None, (fail,), 7.5, 30.0),
    ]
    lines = summary_table(outcomes).splitlines()
    assert lines[0].split() == ["period", "result", "notebook-s", "detail"]
    assert lines[1].split() == ["2009-10-Q1", "ok", "12.2", "/r/Q1"]
    assert lines[2].split()[:3] == ["2009-10-Q2", "FAILED", "7.5"] and "cell 4: boom" in lines[2]
    assert lines[3].split()[:2] == ["total", "30.0"] and "wall-clock" in lines[3]


def test_open_sdg_statuses_are_placed_by_their_rating_from_the_status_code():
    # Open SDG labels carry no colour word; the count's rating comes from the status code.
    codes = ("on-track", "on-track", "needs-acceleration", "deterioration") + ("not-available",) * 3
    counts = counts_of({"status_counts": _codes(*codes)})
    assert [counts.rated(r) for r in Rating] == [2, 1, 1] and counts.not_rated == 3
    assert counts.detail(Rating.GREEN) == ["2 on track"] and counts.detail(Rating.AMBER) == ["1 needs acceleration"]
    assert counts.detail(Rating.RED) == ["1 deterioration"] and counts.not_rated_detail() == ["3 not available"]
    # An older manifest with labels and no recorded colours: the label's first word decides; none is rated.
    old = counts_of({"status_counts": {"On track": 2, "Not available": 3}})
    assert old.not_rated == 5 and old.rated(Rating.GREEN) == 0


def _training_manifest(period: str, spend: int, raised: dict, pdf: bool = True) -> dict:
    return {
        "kind": "training", "framework": "compact-2009-10", "title": "Training activity and spend",
        "period": period, "pdf": pdf, "synthetic": True, "folder": f"compact-2009-10/training/{period}",
        "headline": {"spend_to_date_pence": spend, "budget_pence": 921_099_800,
                     "projected_outturn_pence": 914_035_194, "exceptions": raised},
    }  # fmt: skip


def test_training_papers_are_listed_under_their_framework_with_headline_figures(tmp_path):
    from compact_analysis.publishing.site_index import collect_training

    papers = [
        _training_manifest("2009-10-Q3", 685_526_402, {"budget-variance": 12, "ring-fence-misuse": 3}),
        _training_manifest("2009-10-Q1", -150, {}, pdf=False),
    ]
    page = render_index([], papers)
    # One h2 for the framework (no evaluation papers: its id is the heading), then the training table.
    assert page.index("<h2") < page.index("<h3>Training activity and spend</h3>")
    # 685,526,402 pence = £6,855,264.02 -> £6,855,264; 921,099,800 -> £9,210,998; 914,035,194 -> £9,140,352.
    assert "<td>£6,855,264</td><td>£9,210,998</td><td>£9,140,352</td>" in page
    assert "12 budget variance; 3 ring-fence misuse" in page and "0 budget variance; 0 ring-fence misuse" in page
    assert "\u2212\u2060£2" in page  # -150 pence rounds to -£2 with a true minus sign (joined by U+2060)
    assert page.index("2009-10-Q3") < page.index("2009-10-Q1")
    assert 'href="compact-2009-10/training/2009-10-Q3/training.pdf"' in page
    assert 'href="compact-2009-10/training/2009-10-Q1/training.pdf"' not in page  # no PDF rendered
    # collect_training reads complete folders only (hidden partial folders are skipped).
    for name in ("2009-10-Q2", ".2009-10-Q3.partial-1"):
        folder = tmp_path / "compact-2009-10" / "training" / name
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text(json.dumps(_training_manifest(name, 1, {})), encoding="utf-8")
    assert [m["period"] for m in collect_training(tmp_path)] == ["2009-10-Q2"]
