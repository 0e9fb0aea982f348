"""End to end: synthetic training data in, the training paper out as HTML (no code) and PDF."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.render import find_browser
from compact_analysis.training import ingest_training, init_training_demo
from compact_analysis.training_demo import records_as_submitted, training_frame
from compact_analysis.training_report import render_training


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if find_browser() is None:
        pytest.fail("no Chromium for PDF printing: run `make setup` (installs Debian's chromium)")
    data = tmp_path_factory.mktemp("training-data")
    (data / "SYNTHETIC.txt").write_text("synthetic\n", encoding="utf-8")
    init_training_demo(data, seed=11, rows=3000)
    ingest_training(data)
    return data, render_training(data, "2009-10-Q3", data / "reports")


def test_html_has_no_code_and_says_synthetic_first(rendered):
    _, paths = rendered
    html = paths.html.read_text(encoding="utf-8")
    code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', html)
    assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells)
    for source in ("prepare_training_paper", "paper.headline()", "period ="):
        assert source not in html
    body = html[html.index("<body") :]
    assert body.index("Synthetic data") < body.index("<h2")
    assert "<script" not in html


def test_charts_have_alt_text_and_learner_keys_never_appear(rendered):
    _, paths = rendered
    html = paths.html.read_text(encoding="utf-8")
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 3
    assert all(re.search(r'alt="[^"]{40,}"', tag) for tag in images)
    keys = set(records_as_submitted(training_frame(11, 3000), 11)["learner_key"])
    assert "LK-" not in html and not any(key in html for key in list(keys)[:200])


def test_pdf_exists_and_is_a4(rendered):
    _, paths = rendered
    assert paths.pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(paths.pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info
        text = subprocess.run(["pdftotext", str(paths.pdf), "-"], capture_output=True, text=True).stdout
        assert "Synthetic data" in text and "2009-10-Q3" in text


def test_no_partial_files_left_behind(rendered):
    _, paths = rendered
    assert sorted(p.name for p in paths.html.parent.iterdir()) == ["training.html", "training.ipynb", "training.pdf"]


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
