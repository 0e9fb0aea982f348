"""Document titles: unique per paper, naming the framework, the period and the member (PSBAR 2018, WCAG 2.4.2)."""

from compact_analysis.publishing.axe import AXE_VERSION
from compact_analysis.publishing.page_title import document_title, with_title
from tests.helpers import ROOT

EVALUATION = (
    '<html lang="en"><head><title>Period evaluation</title></head><body><h1 id="x">Public Sector Compact: '
    'evaluation for <span class="ca-nowrap">2009-10-Q4</span><a class="anchor-link" href="#x">¶</a></h1>'
    "<h1>A second heading</h1></body></html>"
)


def test_a_heading_naming_the_framework_is_the_title():
    # The first <h1> already names the framework ("Public Sector Compact"), so nothing is added.
    assert document_title(EVALUATION, "Public Sector Compact: 2009-10-Q4") == (
        "Public Sector Compact: evaluation for 2009-10-Q4"
    )


def test_a_scorecard_title_adds_the_framework_after_the_member():
    body = "<h1>Brackenridge &amp; Dunmere: scorecard for 2009-10-Q4</h1>"
    title = document_title(body, "Public Sector Compact: 2009-10-Q4, member M007")
    assert title == "Brackenridge & Dunmere: scorecard for 2009-10-Q4 (Public Sector Compact)"


def test_without_a_heading_the_running_header_is_the_title():
    assert document_title("<p>no heading</p>", "Compact: 2009-10-Q4") == "Compact: 2009-10-Q4"


def test_the_title_is_escaped_and_the_language_is_british_english():
    page = with_title(EVALUATION, 'Skills <Hub> "Partnership" & co')
    assert '<html lang="en-GB">' in page
    assert '<title>Skills &lt;Hub&gt; "Partnership" &amp; co</title>' in page and "Period evaluation" not in page


def test_setup_installs_the_axe_core_version_the_checks_name():
    # scripts/setup.sh pins axe-core; the package's AXE_VERSION names the same release in its messages.
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert f"AXE_VERSION={AXE_VERSION}\n" in setup and 'axe-core@$AXE_VERSION"' in setup
