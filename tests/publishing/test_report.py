"""End to end: demo data in, the evaluation paper and member scorecards out as HTML and PDF."""

import hashlib
import html
import json
import re
import shutil
import subprocess

import pytest

from compact_analysis.evidence.demo import AWKWARD_NAME
from compact_analysis.presentation.html import rag_colour
from compact_analysis.presentation.paper import prepare_paper
from compact_analysis.publishing import render
from compact_analysis.publishing.batch import plan_period, render_periods
from compact_analysis.publishing.browser import Browser, headings_in_order
from compact_analysis.publishing.render import find_browser
from compact_analysis.publishing.site_index import write_index
from tests.helpers import FRAMEWORKS, ROOT


@pytest.fixture(scope="module")
def rendered(ingested_demo, tmp_path_factory):
    if find_browser() is None:
        pytest.fail("no Chromium for PDF printing: run `make setup` (installs Debian's chromium)")
    out = tmp_path_factory.mktemp("reports")
    plan = plan_period(
        str(FRAMEWORKS / "compact-2009-10.yaml"),
        ingested_demo.store.parent,
        "2009-10-Q2",
        out,
        FRAMEWORKS,
        scorecards=True,
    )
    plan.members = ["M001", "M007"]  # two scorecards keep the fast suite fast; all 50 run in the slow test
    [outcome] = render_periods([plan], workers=1)
    assert outcome.ok, outcome.failures
    write_index(out)
    return out, outcome.folder


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.browser
def test_html_has_no_code_no_prompts_and_says_synthetic_first(rendered):
    _, folder = rendered
    scorecards = [p for p in sorted((folder / "members").glob("*.html")) if p.name != "index.html"]
    assert len(scorecards) == 2
    for page in [folder / "evaluation.html", *scorecards]:
        text = page.read_text(encoding="utf-8")
        code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', text)
        assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells), page.name
        for source in ("prepare_paper", "prepare_scorecard", "frameworks_dir ="):
            assert source not in text
        assert not re.search(r"In&nbsp;\[|In \[\d*\]", text)
        body = text[text.index("<body") :]
        assert body.index("Synthetic data") < body.index("<h2"), page.name  # first screen


@pytest.mark.browser
def test_html_is_self_contained_with_alt_text(rendered):
    _, folder = rendered
    text = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    images = re.findall(r"<img\b[^>]*>", text)
    assert images
    for tag in images:
        assert 'src="data:image/png;base64,' in tag and re.search(r'alt="[^"]{20,}"', tag)


@pytest.mark.browser
def test_member_names_are_escaped(rendered):
    _, folder = rendered
    text = (folder / "members" / "M007.html").read_text(encoding="utf-8")
    assert html.escape(AWKWARD_NAME, quote=False) in text
    assert "<Hub>" not in text


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is installed by make setup")
def test_pdfs_are_a4_with_sane_page_counts(rendered):
    _, folder = rendered
    assert 2 <= _pages(folder / "evaluation.pdf") <= 40
    assert 1 <= _pages(folder / "members" / "M007.pdf") <= 10
    text = subprocess.run(["pdftotext", str(folder / "evaluation.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Page 1 of" in text and "2009-10-Q2" in text and "Synthetic data" in text


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is installed by make setup")
def test_pdfs_are_tagged_for_screen_readers(rendered):
    # A public-sector paper's PDF carries its structure (headings, lists, tables) for assistive technology.
    _, folder = rendered
    for pdf in (folder / "evaluation.pdf", folder / "members" / "M007.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), f"{pdf.name} is not tagged"


@pytest.mark.browser
def test_manifest_records_inputs_parameters_and_versions(rendered, ingested_demo):
    _, folder = rendered
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["period"] == "2009-10-Q2" and manifest["parameters"]["period"] == "2009-10-Q2"
    assert "members.csv" in manifest["input_sha256"] and "compact-2009-10.yaml" in manifest["input_sha256"]
    assert manifest["versions"]["papermill"] != "not installed"
    # No as_at parameter: the evidence date is 30 September + the framework's 45 days.
    assert manifest["parameters"]["as_at"] is None and manifest["evidence_as_at"] == "2009-11-14"
    assert manifest["store"]["files"] == len(ingested_demo.reconciliations)
    assert manifest["store"]["observations"] == sum(r.accepted for r in ingested_demo.reconciliations)
    # The status counts by code in the paper's vocabulary (the Q2 headline: 2 green, 4 red; 3 monitored, ...).
    counts = {r["code"]: r for r in manifest["status_counts"]}
    assert counts["green"] == {"code": "green", "word": "green", "rating": "green", "count": 2}
    # 3 monitored figures of the plan and the 8 outcome measures seed 000 names without a target (#21 item 7).
    assert counts["monitored"] == {"code": "monitored", "word": "monitored", "rating": None, "count": 11}
    assert manifest["scorecards"] == ["M001", "M007"]


@pytest.mark.browser
def test_index_links_the_period(rendered):
    out, _ = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="compact-2009-10/2009-10-Q2/evaluation.html"' in index and "2 member scorecards" in index
    assert 'href="compact-2009-10/2009-10-Q2/members/index.html"' in index and "Synthetic data" in index


@pytest.mark.browser
def test_members_index_links_every_scorecard(rendered):
    _, folder = rendered
    page = (folder / "members" / "index.html").read_text(encoding="utf-8")
    for member in ("M001", "M007"):
        assert f'href="{member}.html"' in page and f'href="{member}.pdf"' in page
        assert (folder / "members" / f"{member}.html").exists()
    assert html.escape(AWKWARD_NAME) in page and "<Hub>" not in page
    assert 'href="../evaluation.html"' in page and 'href="../../../index.html"' in page
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert [m["member_id"] for m in manifest["scorecard_members"]] == ["M001", "M007"]


@pytest.mark.browser
def test_no_partial_folders_left_behind(rendered):
    out, _ = rendered
    assert [p.name for p in (out / "compact-2009-10").iterdir() if p.name.startswith(".")] == []


def test_a_failing_notebook_is_kept_and_the_period_not_published(ingested_demo, tmp_path, monkeypatch):
    broken = tmp_path / "notebooks"
    broken.mkdir()
    for name in ("period_evaluation", "member_scorecard"):
        shutil.copy(render.NOTEBOOKS_DIR / f"{name}.ipynb", broken)
    nb = json.loads((broken / "period_evaluation.ipynb").read_text(encoding="utf-8"))
    nb["cells"][3]["source"] = "raise RuntimeError('planted failure')"
    (broken / "period_evaluation.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(render, "NOTEBOOKS_DIR", broken)
    plan = plan_period(str(FRAMEWORKS / "compact-2009-10.yaml"), ingested_demo.store.parent, "2009-10-Q1", tmp_path)
    [outcome] = render_periods([plan], workers=1, pdf=False)
    assert not outcome.ok and "planted failure" in outcome.failures[0].error
    assert "cell" in outcome.failures[0].error
    assert (tmp_path / "compact-2009-10" / "failed" / "2009-10-Q1" / "evaluation.ipynb").exists()
    assert not (tmp_path / "compact-2009-10" / "2009-10-Q1").exists()


@pytest.mark.browser
def test_pages_render_in_a_real_browser(rendered):
    _, folder = rendered
    browser = Browser(find_browser())
    try:
        for page in (folder / "evaluation.html", folder / "members" / "M007.html"):
            seen = browser.check_page(page, screenshot=ROOT / "tests" / "output" / f"{page.stem}.png")
            assert seen.console_errors == [], page.name
            assert all(width > 0 for width in seen.image_widths), page.name  # every image loaded
            assert headings_in_order(seen.heading_levels), (page.name, seen.heading_levels)
        assert len(browser.check_page(folder / "evaluation.html").image_widths) >= 3  # the trajectory charts
    finally:
        browser.close()
    assert (ROOT / "tests" / "output" / "evaluation.png").stat().st_size > 10_000


def test_heading_outline_rule():
    assert headings_in_order([1, 2, 3, 3, 2, 3, 4, 2])
    assert not headings_in_order([1, 3])  # skips h2
    assert not headings_in_order([2, 3])  # no h1 first


def test_an_override_shows_with_its_reason_and_the_computed_status(tmp_path, ingested_demo):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    (data / "overrides.csv").write_text(
        "indicator_id,period,status,label,reason,by,date\n"
        "pledge-stage-3,2009-10-Q3,amber,Amber: agreed by the board,<b>Three</b> sign in January,A. Analyst,2010-02-01\n",
        encoding="utf-8",
    )
    paper = prepare_paper("compact-2009-10", str(data), "2009-10-Q3", frameworks_dir=str(FRAMEWORKS))
    result = paper.evaluation.result("pledge-stage-3")
    assert result.status.code == "amber" and result.computed_status.code != "amber"
    html = paper.priority_sections()
    assert "Amber: agreed by the board" in html and "&lt;b&gt;Three&lt;/b&gt; sign in January" in html
    assert f"The rule gave {result.computed_status.label}" in html
    assert "<b>Three</b>" not in paper.method_appendix()


def test_inputs_appendix_hashes_the_framework_register_and_returns(ingested_demo):
    data = ingested_demo.store.parent
    paper = prepare_paper("compact-2009-10", str(data), "2009-10-Q2", frameworks_dir=str(FRAMEWORKS))
    html = paper.inputs_appendix()
    # Returns: only the files with a row sent by the evidence date (Q1, Q2, and Q3's October returns of
    # 3 November); Q4's (from February 2010) and the corrections file (19 February 2010) came later.
    sent, later = ingested_demo.demo.return_files[:3], ingested_demo.demo.return_files[3:]
    assert [p.name for p in later] == ["2009-10-Q4.csv", "2009-10-corrections.csv"]
    for path in [FRAMEWORKS / "compact-2009-10.yaml", data / "members.csv", *sent]:
        assert f"<td>{path.name}</td><td>{hashlib.sha256(path.read_bytes()).hexdigest()}</td>" in html, path.name
    assert all(path.name not in html for path in later)
    # Evidence date for Q2: 30 September + 45 days = 14 November 2009.
    assert "Evidence as submitted up to 14 November 2009 (2009-11-14)" in html
    assert f"{len(paper.observations):,} observations in the evidence store" in html


def test_rag_colour_of_status_codes():
    assert [rag_colour(c) for c in ("green", "on-track", "needs-acceleration", "deterioration", "monitored")] == [
        "green", "green", "amber", "red", None
    ]  # fmt: skip
