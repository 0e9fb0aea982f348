"""Text a member typed reaches HTML and spreadsheets as text: never markup, script or formula."""

from __future__ import annotations

import csv
import shutil

import pytest

from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import load_register
from compact_analysis.publishing.batch import plan_period, render_periods
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.render import find_browser
from tests.helpers import FRAMEWORKS

HOSTILE_RETURN = (
    "member_id,measure_id,period,value,comment,submitted\n"
    "M004,sfl-enrolled,2009-10-M01,3,<script>alert(1)</script><img src=x onerror=alert(2)>,2009-07-20\n"
    "M005,sfl-enrolled,2009-10-M01,3,[link](javascript:alert(3)) ![img](http://x.invalid/a.png),2009-07-20\n"
)


@pytest.fixture(scope="module")
def hostile_scorecard(ingested_demo, tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile-data")
    for name in ("members.csv", "store.duckdb", "SYNTHETIC.txt"):
        shutil.copy(ingested_demo.store.parent / name, data / name)
    framework = load_framework(FRAMEWORKS / "compact-2009-10.yaml")
    hostile = data / "hostile.csv"  # later than the demo's April returns, so these supersede them
    hostile.write_text(HOSTILE_RETURN, encoding="utf-8")
    with open_store(data / "store.duckdb") as con:
        assert ingest_returns(con, hostile, framework, load_register(data / "members.csv")).accepted == 2
    out = tmp_path_factory.mktemp("hostile-reports")
    plan = plan_period(str(FRAMEWORKS / "compact-2009-10.yaml"), data, "2009-10-Q1", out, FRAMEWORKS, scorecards=True)
    plan.members = ["M004", "M005"]
    [outcome] = render_periods([plan], workers=1, pdf=False)
    assert outcome.ok, outcome.failures
    return outcome.folder / "members"


@pytest.mark.browser
def test_script_and_img_onerror_are_shown_as_text(hostile_scorecard):
    """A member's comment holding <script>alert(1)</script> and <img src=x onerror=alert(2)>.
    Shown escaped in the scorecard HTML; in a real browser no script runs and no dialog opens."""
    page = hostile_scorecard / "M004.html"
    text = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script" not in text
    assert "onerror=alert" not in text.replace("&lt;img src=x onerror=alert(2)&gt;", "")
    browser = Browser(find_browser())
    try:
        seen = browser.check_page(page)
    finally:
        browser.close()
    assert seen.console_errors == []  # a script that ran, or an image that failed, would show here


def test_markdown_links_and_images_stay_text(hostile_scorecard):
    """A comment written as Markdown: [link](javascript:alert(3)) and an image from another site.
    Shown as the characters typed: no link, no remote image."""
    text = (hostile_scorecard / "M005.html").read_text(encoding="utf-8")
    assert "[link](javascript:alert(3))" in text
    assert 'href="javascript:' not in text and "http://x.invalid/a.png" not in text.replace(
        "![img](http://x.invalid/a.png)", ""
    )


def test_quarantine_file_neutralises_formulas(tmp_path, ingested_demo, compact):
    """A quarantined row whose cells start with =, +, - or @ (a formula a spreadsheet would run).
    The quarantine CSV writes them with a leading apostrophe, so they open as text."""
    path = tmp_path / "return.csv"
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted\n"
        '=HYPERLINK("http://x.invalid"),pledge-level,2009-10-Q1,committed,+SUM(1),2009-07-10\n'
        "M003,pledge-level,2009-10-Q1,@cmd,-2+3,2009-07-10\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
    assert result.quarantined == 2 and result.quarantine_file is not None
    with open(result.quarantine_file, encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    assert any(c.startswith("'=HYPERLINK") for c in cells)
