"""End to end: synthetic training data in, the training paper out as HTML (no code) and PDF, in its own folder."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.plan.framework import find_framework, load_framework
from compact_analysis.publishing.batch import swap_into_place
from compact_analysis.publishing.render import find_browser
from compact_analysis.training.config import DEFAULT_CONFIG, TrainingConfig, load_training_config
from compact_analysis.training.demo import records_as_submitted, training_frame
from compact_analysis.training.folder import ingest_training, init_training_demo
from compact_analysis.training.paper import prepare_training_paper
from compact_analysis.training.report import training_manifest
from tests.training.fixtures import write_small_training_folder

ROOT = Path(__file__).resolve().parent.parent.parent
M002_ESCAPED = "Brackenridge &amp; Dunmere &quot;Skills &lt;Hub&gt;&quot; Partnership (M002)"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The CLI renders the paper once, in a subprocess so that what the kernel prints is seen."""
    if find_browser() is None:
        pytest.fail("no Chromium for PDF printing: run `make setup` (installs Debian's chromium)")
    data = tmp_path_factory.mktemp("training-data")
    (data / "SYNTHETIC.txt").write_text("synthetic\n", encoding="utf-8")
    init_training_demo(data, seed=11, rows=3000)
    ingest_training(data)
    reports = data / "reports"
    legacy = reports / "compact-2009-10" / "2009-10-Q3"  # where an earlier version put the paper
    legacy.mkdir(parents=True)
    (legacy / "training.html").write_text("old", encoding="utf-8")
    (legacy / "evaluation.html").write_text("the evaluation's", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "compact_analysis", "training", "report", "--data", str(data),
         "--period", "2009-10-Q3", "--out", str(reports)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return data, done


def _folder(data: Path) -> Path:
    return data / "reports" / "compact-2009-10" / "training" / "2009-10-Q3"


@pytest.mark.browser
def test_cli_prints_the_paths_of_the_own_folder_and_the_kernel_is_quiet(rendered):
    data, done = rendered
    folder = _folder(data)
    assert f"HTML: {folder / 'training.html'}" in done.stdout
    assert f"PDF:  {folder / 'training.pdf'}" in done.stdout
    # The kernel listens on IPC sockets, as the evaluation batches' do: no TCP warning, nothing on stderr.
    assert "IPKernelApp" not in done.stderr and "TCP" not in done.stderr
    assert done.stderr.strip() == ""


@pytest.mark.browser
def test_html_has_no_code_and_h1_comes_before_the_synthetic_banner(rendered):
    data, _ = rendered
    html = (_folder(data) / "training.html").read_text(encoding="utf-8")
    code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', html)
    assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells)
    for source in ("prepare_training_paper", "paper.headline()", "period ="):
        assert source not in html
    body = html[html.index("<body") :]
    assert body.index("<h1") < body.index("Synthetic data") < body.index("<h2")
    assert "<script" not in html


@pytest.mark.browser
def test_html_words_not_codes(rendered):
    data, _ = rendered
    html = (_folder(data) / "training.html").read_text(encoding="utf-8")
    # The shipped config's two thresholds, in words (not "tolerance 1/10").
    assert "more than 10% and at least £5,000 from budget" in html and "1/10" not in html
    for header in ("Rows read", "File", "Code", "Cells", "Quarantined"):
        assert f'<th scope="col">{header}</th>' in html
    assert "Rows_read" not in html and '<th scope="col">file</th>' not in html
    assert "<td>Leadership and management grant</td>" in html and "<td>leadership-grant</td>" not in html
    assert "<td>P3 Apprenticeships</td>" in html
    assert "Priority key" in html


@pytest.mark.browser
def test_charts_have_alt_text_and_learner_keys_never_appear(rendered):
    data, _ = rendered
    html = (_folder(data) / "training.html").read_text(encoding="utf-8")
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 3
    assert all(re.search(r'alt="[^"]{40,}"', tag) for tag in images)
    keys = set(records_as_submitted(training_frame(11, 3000), 11)["learner_key"])
    assert "LK-" not in html and not any(key in html for key in list(keys)[:200])


@pytest.mark.browser
def test_pdf_exists_and_is_a4(rendered):
    data, _ = rendered
    pdf = _folder(data) / "training.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Synthetic data" in text and "2009-10-Q3" in text


@pytest.mark.browser
def test_training_paper_renders_in_a_real_browser(rendered):
    """Checked like the evaluation paper: no console errors, every chart loads, headings in order, screenshot."""
    from compact_analysis.publishing.browser import Browser, headings_in_order

    data, _ = rendered
    browser = Browser(find_browser())
    try:
        seen = browser.check_page(
            _folder(data) / "training.html", screenshot=ROOT / "tests" / "output" / "training.png"
        )
    finally:
        browser.close()
    assert seen.console_errors == []
    assert len(seen.image_widths) >= 3 and all(width > 0 for width in seen.image_widths)  # three charts, all loaded
    assert headings_in_order(seen.heading_levels), seen.heading_levels
    assert (ROOT / "tests" / "output" / "training.png").stat().st_size > 10_000


@pytest.mark.browser
def test_the_folder_is_complete_and_the_old_place_is_cleared(rendered):
    data, _ = rendered
    folder = _folder(data)
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json",
        "training.html",
        "training.ipynb",
        "training.pdf",
    ]
    assert [p.name for p in folder.parent.iterdir()] == ["2009-10-Q3"]  # no hidden partial folder left
    legacy = data / "reports" / "compact-2009-10" / "2009-10-Q3"
    assert sorted(p.name for p in legacy.iterdir()) == ["evaluation.html"]  # the stale copy only


@pytest.mark.browser
def test_rebuilding_the_evaluation_folder_leaves_the_training_paper(rendered, tmp_path):
    """`compact-analysis report` builds reports/<framework>/<period>/ afresh and swaps it in whole."""
    data, _ = rendered
    reports = tmp_path / "reports"
    shutil.copytree(data / "reports", reports)
    staging = reports / "compact-2009-10" / ".2009-10-Q3.partial-1"
    staging.mkdir()
    (staging / "evaluation.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, reports / "compact-2009-10" / "2009-10-Q3")
    assert (reports / "compact-2009-10" / "training" / "2009-10-Q3" / "training.pdf").exists()


@pytest.mark.browser
def test_rendered_manifest(rendered):
    data, _ = rendered
    manifest = json.loads((_folder(data) / "manifest.json").read_text(encoding="utf-8"))
    assert {k: manifest[k] for k in ("kind", "framework", "title", "period", "pdf", "synthetic")} == {
        "kind": "training",
        "framework": "compact-2009-10",
        "title": "Training activity and spend",
        "period": "2009-10-Q3",
        "pdf": True,
        "synthetic": True,
    }
    assert manifest["input_sha256"] == {
        "training/records.csv": _sha256(data / "training" / "records.csv"),
        "training/budgets.csv": _sha256(data / "training" / "budgets.csv"),
        "training.yaml": _sha256(DEFAULT_CONFIG),
    }
    headline = manifest["headline"]
    assert all(isinstance(v, int) for k, v in headline.items() if k != "exceptions")
    # The manifest's figures are the paper's: the headline paragraph says the same.
    html = (_folder(data) / "training.html").read_text(encoding="utf-8")
    assert f"{headline['enrolments']:,} enrolments by {headline['unique_learners']:,} learners" in html


# --- the small hand-worked data set (tests/training_fixtures.py) as a data folder -----------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    data = tmp_path_factory.mktemp("small-training")
    write_small_training_folder(data)
    ingest_training(data)
    return data, prepare_training_paper(str(data), "2009-10-Q2")


def test_manifest_headline_figures_worked_by_hand(small):
    data, paper = small
    manifest = training_manifest(paper, data, "compact-2009-10", pdf=False)
    # Up to Q2 (six months): rows 1-5. Spend 11500 + 5000 + 20000 + 150000 + 2500 = 189000p.
    # Budgets 30000 + 30000 + 240000 = 300000p (the fourth line, M002 Alpha P2, has none).
    # Outturn = spend × 12 ÷ 6 per line: 16500→33000, 20000→40000, 150000→300000, 2500→5000; total 378000p.
    # The folder's own config: more than 1/10 of budget and at least £100 (10000p).
    # M001 Alpha P2 |33000-30000| = 3000 is not > 3000; M001 Beta P6 10000 > 3000 and 10000 >= 10000 (exactly
    # the minimum): raised; M002 Alpha P3 60000 > 24000 and >= 10000: raised; M002 Alpha P2 5000 > 0 but
    # 5000 < 10000: not raised -> 2. Ring-fence: row 5, leadership grant on P2 -> 1. Enrolments 5; learners 3.
    assert manifest["headline"] == {
        "enrolments": 5,
        "unique_learners": 3,
        "spend_to_date_pence": 189000,
        "budget_pence": 300000,
        "projected_outturn_pence": 378000,
        "budget_lines": 4,
        "exceptions": {"budget-variance": 2, "ring-fence-misuse": 1},
    }
    assert (manifest["kind"], manifest["period"], manifest["pdf"], manifest["synthetic"]) == (
        "training",
        "2009-10-Q2",
        False,
        False,
    )
    assert manifest["input_sha256"] == {  # the folder's own config, not the shipped one
        "training/records.csv": _sha256(data / "training" / "records.csv"),
        "training/budgets.csv": _sha256(data / "training" / "budgets.csv"),
        "training/config.yaml": _sha256(data / "training" / "config.yaml"),
        "members.csv": _sha256(data / "members.csv"),
    }
    json.dumps(manifest)  # plain JSON types only


def test_exceptions_name_members_escaped_and_say_both_thresholds_in_words(small):
    _, paper = small
    html = paper.exceptions_summary()
    # Largest variances first: M002 Alpha P3 +£600, M001 Beta P6 +£100 (exactly the £100 minimum);
    # M002 Alpha P2's +£50 is beyond 10% of its zero budget but under £100, so it is not listed.
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", html)
    assert rows == [
        (f"<bdi>{M002_ESCAPED}</bdi>", "Alpha", "P3 Apprenticeships"),  # member text isolated (issue #22)
        ("<bdi>Marrowfield Primary Care Trust (M001)</bdi>", "Beta", "P6 Coaching and mentoring for leaders"),
    ]
    assert "<Hub>" not in html
    assert (
        "2 of 4 budget lines have a projected outturn more than 10% and at least £100 from budget "
        "(2 over, 0 under), and 1 shows ring-fenced grant spent outside its purpose."
    ) in html
    assert "<caption>Largest budget variances more than 10% and at least £100 from budget</caption>" in html
    # M002 Alpha P2 (+£50 on a zero budget) is the one line beyond 10% but under the £100 minimum.
    assert "A further 1 line is more than 10% from budget by less than £100, below the minimum that opens one." in html
    assert "1/10" not in html and "tolerance" not in html


def test_method_states_both_thresholds(small):
    _, paper = small
    method = paper.method()
    assert "when its projected outturn is more than 10% and at least £100 from its budget" in method
    assert "a share of the budget (10%) and a sum (£100)" in method
    bare = replace(paper, data=replace(paper.data, config=replace(paper.data.config, budget_variance_minimum_pence=0)))
    assert "more than 10% from its budget, compared in exact pence; no minimum sum is set." in bare.method()


def test_tables_have_worded_headers_and_readable_names(small):
    _, paper = small
    quality = paper.data_quality()
    heads = re.findall(r'<th scope="col">(.*?)</th>', quality)
    assert heads == ["File", "Kind", "Rows read", "Accepted", "Quarantined"]
    assert "Nothing was quarantined." in quality
    funding = paper.funding_table()
    assert re.findall(r"<tr><td>(.*?)</td>", funding) == [
        "Apprenticeship levy",
        "Core training budget",
        "Leadership and management grant",
        "Skills for Life grant",
    ]
    fenced = paper.ring_fenced_table()
    assert "<td>Leadership and management grant</td><td>P6 Coaching and mentoring for leaders</td>" in fenced


def test_counts_have_thousands_separators(small):
    _, paper = small
    # 1,234,567 minutes = 20,576.1 hours -> 20,576; learners and enrolments likewise.
    big = paper.data.pack.activity.copy()
    big[["enrolments", "completions", "learner_minutes", "unique_learners"]] = [12_345, 1_234, 1_234_567, 2_345]
    paper = replace(paper, data=replace(paper.data, pack=replace(paper.data.pack, activity=big)))
    table = paper.activity_table()
    assert "<td>12,345</td><td>1,234</td><td>20,576</td><td>2,345</td>" in table
    assert paper.headline().startswith("<p>12,345 enrolments by 2,345 learners, 1,234 completed, 20,576 learner-hours")


def test_legends_sit_outside_the_axes(small, monkeypatch):
    """No legend may cover a bar: each legend's box lies outside its axes' box."""
    import compact_analysis.training.charts as tr

    figures = []

    def keep(fig):
        fig.canvas.draw()
        figures.append(fig)
        return b""

    monkeypatch.setattr(tr, "png_bytes", keep)
    _, paper = small
    for make in (paper.spend_vs_budget_chart, paper.activity_mix_chart):
        chart = make()
        assert chart.caption.startswith("Priorities: P2 Skills for Life; P3 Apprenticeships")
    for fig in figures:
        [ax] = fig.axes
        legend = ax.get_legend().get_window_extent()
        assert not legend.overlaps(ax.get_window_extent())
        assert not legend.overlaps(ax.xaxis.label.get_window_extent())
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_config_labels_and_the_framework_agree():
    config = load_training_config()
    framework = load_framework(find_framework("compact-2009-10", ROOT / "data" / "frameworks"))
    ids = {p.id for p in framework.priorities}
    assert set(config.priority_titles) == ids and set(config.categories.values()) <= ids
    assert config.priority_label("P3") == "P3 Apprenticeships" and config.priority_label("P9") == "P9"
    assert config.funding_name("core-budget") == "Core training budget"
    bare = TrainingConfig(Fraction(1, 8), {"a": "P1"}, {"partner-contribution": (False, ())})
    assert bare.funding_name("partner-contribution") == "Partner Contribution"
    assert bare.tolerance_text() == "12.5%" and config.tolerance_text() == "10%"


def test_cli_training_commands(tmp_path):
    runner = CliRunner()
    for command in ("demo", "ingest", "report"):
        result = runner.invoke(main, ["training", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
    assert runner.invoke(main, ["training", "demo", "--data", str(tmp_path), "--rows", "500"]).exit_code == 0
    result = runner.invoke(main, ["training", "ingest", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "503 rows read = 500 accepted + 3 quarantined" in result.output
    bad = runner.invoke(main, ["training", "report", "--data", str(tmp_path), "--period", "2009-10-Q7", "--no-pdf"])
    assert bad.exit_code == 2 and bad.output.startswith("error: ")
