"""End to end: demo data in, the evaluation paper out as HTML and PDF."""

import json
import re
import shutil
import subprocess

import pytest

from compact_analysis.render import find_browser, render_period
from tests.conftest import FRAMEWORKS


@pytest.fixture(scope="module")
def rendered(ingested_demo, tmp_path_factory):
    if find_browser() is None:
        pytest.fail("no Chromium for PDF printing: run `make setup` (installs Debian's chromium)")
    out = tmp_path_factory.mktemp("reports")
    paths = render_period(
        str(FRAMEWORKS / "compact-2009-10.yaml"), ingested_demo.store.parent, "2009-10-Q2", out, FRAMEWORKS
    )
    return out, paths


def test_html_has_no_code_no_prompts_and_says_synthetic_first(rendered):
    _, paths = rendered
    html = paths.html.read_text(encoding="utf-8")
    # Markdown cells render in an input area; code cells must not appear at all.
    code_cells = re.findall(r'<div class="([^"]*jp-CodeCell[^"]*)"', html)
    assert code_cells and all("jp-mod-noInput" in classes for classes in code_cells)
    for source in ("prepare_paper", "paper.summary_table()", "frameworks_dir ="):
        assert source not in html
    assert not re.search(r"In&nbsp;\[|In \[\d*\]", html)
    body = html[html.index("<body") :]
    assert body.index("Synthetic data") < body.index("<h2")  # on the first screen, before any section


def test_html_is_self_contained(rendered):
    _, paths = rendered
    html = paths.html.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    images = re.findall(r"<img\b[^>]*>", html)
    assert images
    for tag in images:
        assert 'src="data:image/png;base64,' in tag and re.search(r'alt="[^"]{20,}"', tag)


def test_pdf_is_a4_with_several_pages(rendered):
    _, paths = rendered
    assert paths.pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(paths.pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert 2 <= pages <= 40
        assert "(A4)" in info
        text = subprocess.run(["pdftotext", str(paths.pdf), "-"], capture_output=True, text=True).stdout
        assert "Page 1 of" in text and "2009-10-Q2" in text and "Synthetic data" in text


def test_manifest_records_inputs_parameters_and_versions(rendered):
    _, paths = rendered
    manifest = json.loads(paths.manifest.read_text(encoding="utf-8"))
    assert manifest["period"] == "2009-10-Q2" and manifest["parameters"]["period"] == "2009-10-Q2"
    assert "members.csv" in manifest["input_sha256"] and "compact-2009-10.yaml" in manifest["input_sha256"]
    assert manifest["versions"]["papermill"] != "not installed"


def test_no_partial_folders_left_behind(rendered):
    out, _ = rendered
    leftovers = [p.name for p in (out / "compact-2009-10").iterdir() if p.name.startswith(".")]
    assert leftovers == []
