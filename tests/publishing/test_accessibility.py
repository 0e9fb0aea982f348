"""Issue #24 items 7 and 9: every page type passes axe-core at 1280 and 320 px, and every PDF of a pack is
tagged, with an outline, its language, a title naming framework, period and member, and alt text on figures.

Every page type the package writes is here, one of each (an indicator page of each kind): the index, the
accessibility statement, the period's evaluation, members index, a scorecard, the indicators index and
indicator pages, the about pages, the training and futures papers, and from the LEA demo (a framework with
a timetable) the bodies page, the report by exception and a chase letter.

Skipped (by conftest) only when no Chromium is found; a missing axe-core fails, saying how to install it.
"""

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from compact_analysis.folder import DataFolder
from compact_analysis.futures.demo import write_futures_demo
from compact_analysis.futures.report import render_futures
from compact_analysis.publishing.audience_index import write_bodies_index
from compact_analysis.publishing.axe import axe_audit, axe_script
from compact_analysis.publishing.batch import plan_period, render_periods
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.by_exception import render_by_exception
from compact_analysis.publishing.collection import write_chase
from compact_analysis.publishing.page_title import LANGUAGE
from compact_analysis.publishing.render import find_browser
from compact_analysis.publishing.site_index import write_index
from compact_analysis.training.folder import ingest_training, init_training_demo
from compact_analysis.training.report import render_training
from tests.helpers import FRAMEWORKS
from tests.publishing.pdf_structure import read_access

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FRAMEWORK_TITLE = "Public Sector Compact, Statement of Priorities 2009-10"
LEA_TITLE = "Education Business Plan 2004-05, performance management"
#: One indicator page of each kind: a count with a trajectory, a figure drawn over the periods (Skills for
#: Life), a derived target with its baseline (the gap closed) and a milestone.
INDICATORS = ("pledge-committed", "sfl-enrolled", "apprenticeship-gap-closed", "coaching-paper")


@pytest.fixture(scope="module")
def pack(ingested_demo, tmp_path_factory) -> Path:
    """Q2's evaluation with two scorecards (M007's name is the demo's awkward one), its indicator and about pages,
    a training paper, the futures paper, the index."""
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
    write_futures_demo(data)
    render_futures(data, out, "compact-2009-10")
    write_index(out)
    return out


@pytest.fixture(scope="module")
def lea_pack(tmp_path_factory) -> Path:
    """The LEA demo (a timetable of bodies): H4's evaluation (HTML only; its manifest names the bodies it goes to,
    so the bodies page is written), EMT's report by exception for H4, a term's chase letters, the index."""
    root = tmp_path_factory.mktemp("access-lea")
    folder = DataFolder.open(root / "lea", FRAMEWORKS / "lea-performance-2004-05.yaml")
    folder.init_demo(seed=2004, members=12)
    folder.ingest(ingested_at=datetime(2005, 4, 30))
    out = root / "reports"
    lea = str(FRAMEWORKS / "lea-performance-2004-05.yaml")
    [evaluation] = render_periods([plan_period(lea, folder.path, "2004-05-H4", out, FRAMEWORKS)], pdf=False)
    assert evaluation.ok, evaluation.failures  # its manifest names the bodies: bodies.html
    render_by_exception(folder.path, str(FRAMEWORKS / "lea-performance-2004-05.yaml"), "2004-05-H4", "emt", out)
    assert write_chase(folder, "2004-05-T2", date(2005, 1, 20), out)["letters"] > 0
    write_bodies_index(out)
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
        period / "indicators" / "index.html",
        *(period / "indicators" / f"{i}.html" for i in INDICATORS),
        period / "about" / "methods.html",
        period / "about" / "revisions.html",
        out / "compact-2009-10" / "futures" / "2009" / "futures.html",
    ]


def _lea_pages(out: Path) -> list[Path]:
    return [
        out / "bodies.html",
        out / "lea-performance-2004-05" / "by-exception" / "emt" / "2004-05-H4" / "by_exception.html",
        sorted((out / "chase-2004-05-T2").glob("chase-*.html"))[0],
    ]


def test_every_page_type_passes_axe_core_and_reflows_at_1280_and_320_px(pack, lea_pack):
    script = axe_script().read_text(encoding="utf-8")  # fails, naming the install command, when axe is missing
    browser = Browser(find_browser())
    problems = []
    try:
        for page in _pages(pack) + _lea_pages(lea_pack):
            for width in (1280, 320):
                audit = axe_audit(browser, page, width, script)
                name = f"{page.name} at {width} px"
                if audit.violations:
                    problems.append(f"{name}:\n{audit.describe()}")
                if audit.scroll_width > width:  # WCAG 1.4.10: no sideways scrolling of the page itself
                    problems.append(f"{name}: drawn {audit.scroll_width} px wide")
    finally:
        browser.close()
    assert not problems, "\n".join(problems)


def test_every_html_page_has_its_own_title_and_british_english(pack, lea_pack):
    titles = {}
    for page in _pages(pack) + _lea_pages(lea_pack):
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{LANGUAGE}">' in text, page
        titles[page] = text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert len(set(titles.values())) == len(titles), titles
    assert titles[_pages(pack)[4]] == (
        f'Brackenridge &amp; Dunmere "Skills &lt;Hub&gt;" Partnership: scorecard for 2009-10-Q2 ({FRAMEWORK_TITLE})'
    )
    for page in _pages(pack)[6:-1]:  # the indicator and about pages name the framework and the period
        assert titles[page].endswith(f"{FRAMEWORK_TITLE}, 2009-10-Q2"), titles[page]
    assert (
        titles[_pages(pack)[-1]]
        == "Futures modelling: 14-19 places, demand and the gap (compact-2009-10, base year 2009)"
    )
    bodies, by_exception, letter = _lea_pages(lea_pack)
    assert titles[bodies] == "Reports by body"  # the one page over every framework's bodies
    assert titles[by_exception] == f"{LEA_TITLE}: report by exception to EMT, 2004-05-H4"
    assert titles[letter].startswith("Returns owed: ") and titles[letter].endswith(f", 2004-05-T2 ({LEA_TITLE})")


def test_every_pdf_is_tagged_with_outline_language_title_and_figure_alt_text(pack, lea_pack):
    pdfs = sorted(pack.rglob("*.pdf")) + sorted(lea_pack.rglob("*.pdf"))
    # evaluation, two scorecards, the futures and training papers; the report by exception
    names = ["evaluation.pdf", "M001.pdf", "M007.pdf", "futures.pdf", "training.pdf", "by_exception.pdf"]
    assert [p.name for p in pdfs] == names
    for pdf, period in zip(pdfs, ["2009-10-Q2"] * 3 + ["2009", "2009-10-Q2", "2004-05-H4"], strict=True):
        found = read_access(pdf)
        assert found.tagged, f"{pdf.name}: not tagged"
        assert found.language == LANGUAGE, f"{pdf.name}: /Lang is {found.language!r}"
        assert found.outline, f"{pdf.name}: no outline"
        assert period in found.title, f"{pdf.name}: title {found.title!r} names no period"
        assert found.figures_without_alt == 0, f"{pdf.name}: {found.figures_without_alt} figures without /Alt"
    evaluation, m001, m007, futures, training, by_exception = (read_access(p) for p in pdfs)
    assert futures.title == "Futures modelling: 14-19 places, demand and the gap (compact-2009-10, base year 2009)"
    assert futures.figures > 0
    assert by_exception.title == f"{LEA_TITLE}: report by exception to EMT, 2004-05-H4"
    assert evaluation.title == f"{FRAMEWORK_TITLE}: evaluation for 2009-10-Q2"
    assert (
        m007.title == f'Brackenridge & Dunmere "Skills <Hub>" Partnership: scorecard for 2009-10-Q2 ({FRAMEWORK_TITLE})'
    )
    assert FRAMEWORK_TITLE in m001.title and m001.title != m007.title
    assert training.title == "Training activity and spend: 2009-10-Q2 (compact-2009-10)"
    assert evaluation.figures > 0 and training.figures > 0  # the charts are there, each with its alt text
    summary = evaluation.outline.index("Summary")  # after the key messages and asks, when there are any
    assert evaluation.outline[summary + 1] == "Where each indicator stands"
