"""Issue #24 items 7 and 9: every page type passes axe-core at 1280 and 320 px, and every PDF of a pack is
tagged, with an outline, its language, a title naming framework, period and member, and alt text on figures.

Skipped (by conftest) only when no Chromium is found; a missing axe-core fails, saying how to install it.
"""

import shutil
from pathlib import Path

import pytest

from compact_analysis.publishing.axe import axe_audit, axe_script
from compact_analysis.publishing.batch import plan_period, render_periods
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.page_title import LANGUAGE
from compact_analysis.publishing.render import find_browser
from compact_analysis.publishing.site_index import write_index
from compact_analysis.training.folder import ingest_training, init_training_demo
from compact_analysis.training.report import render_training
from tests.helpers import FRAMEWORKS
from tests.publishing.pdf_structure import read_access

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FRAMEWORK_TITLE = "Public Sector Compact, Statement of Priorities 2009-10"


@pytest.fixture(scope="module")
def pack(ingested_demo, tmp_path_factory) -> Path:
    """Q2's evaluation with two scorecards (M007's name is the demo's awkward one), a training paper, the index."""
    data = tmp_path_factory.mktemp("access") / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    out = data.parent / "reports"
    plan = plan_period(str(FRAMEWORKS / "compact-2009-10.yaml"), data, "2009-10-Q2", out, FRAMEWORKS, scorecards=True)
    plan.members = ["M001", "M007"]
    [outcome] = render_periods([plan], workers=1)
    assert outcome.ok, outcome.failures
    init_training_demo(data, seed=11, rows=3000)
    ingest_training(data)
    render_training(data, "2009-10-Q2", out)
    write_index(out)
    return out


def _pages(out: Path) -> list[Path]:
    period = out / "compact-2009-10" / "2009-10-Q2"
    return [
        out / "index.html",
        out / "accessibility.html",
        period / "members" / "index.html",
        period / "evaluation.html",
        period / "members" / "M007.html",
        out / "compact-2009-10" / "training" / "2009-10-Q2" / "training.html",
    ]


def test_every_page_type_passes_axe_core_and_reflows_at_1280_and_320_px(pack):
    script = axe_script().read_text(encoding="utf-8")  # fails, naming the install command, when axe is missing
    browser = Browser(find_browser())
    problems = []
    try:
        for page in _pages(pack):
            for width in (1280, 320):
                audit = axe_audit(browser, page, width, script)
                name = f"{page.relative_to(pack)} at {width} px"
                if audit.violations:
                    problems.append(f"{name}:\n{audit.describe()}")
                if audit.scroll_width > width:  # WCAG 1.4.10: no sideways scrolling of the page itself
                    problems.append(f"{name}: drawn {audit.scroll_width} px wide")
    finally:
        browser.close()
    assert not problems, "\n".join(problems)


def test_every_html_page_has_its_own_title_and_british_english(pack):
    titles = {}
    for page in _pages(pack):
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{LANGUAGE}">' in text, page
        titles[page] = text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert len(set(titles.values())) == len(titles), titles
    assert titles[_pages(pack)[4]] == (
        f'Brackenridge &amp; Dunmere "Skills &lt;Hub&gt;" Partnership: scorecard for 2009-10-Q2 ({FRAMEWORK_TITLE})'
    )


def test_every_pdf_is_tagged_with_outline_language_title_and_figure_alt_text(pack):
    pdfs = sorted(pack.rglob("*.pdf"))
    # evaluation, two scorecards and the training paper
    assert [p.name for p in pdfs] == ["evaluation.pdf", "M001.pdf", "M007.pdf", "training.pdf"]
    for pdf in pdfs:
        found = read_access(pdf)
        assert found.tagged, f"{pdf.name}: not tagged"
        assert found.language == LANGUAGE, f"{pdf.name}: /Lang is {found.language!r}"
        assert found.outline, f"{pdf.name}: no outline"
        assert "2009-10-Q2" in found.title, f"{pdf.name}: title {found.title!r} names no period"
        assert found.figures_without_alt == 0, f"{pdf.name}: {found.figures_without_alt} figures without /Alt"
    evaluation, m001, m007, training = (read_access(p) for p in pdfs)
    assert evaluation.title == f"{FRAMEWORK_TITLE}: evaluation for 2009-10-Q2"
    assert (
        m007.title == f'Brackenridge & Dunmere "Skills <Hub>" Partnership: scorecard for 2009-10-Q2 ({FRAMEWORK_TITLE})'
    )
    assert FRAMEWORK_TITLE in m001.title and m001.title != m007.title
    assert training.title == "Training activity and spend: 2009-10-Q2 (compact-2009-10)"
    assert evaluation.figures > 0 and training.figures > 0  # the charts are there, each with its alt text
    assert evaluation.outline[1:3] == ["Summary", "Where each indicator stands"]
