"""End to end: the demo futures inputs in, the futures paper out (HTML without code, PDF, manifest, index).

Rendered once through the command line in a subprocess, Python warnings turned into errors in the command
and in the notebook's kernel, so a warning anywhere fails the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compact_analysis.publishing.render import find_browser

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if find_browser() is None:
        pytest.fail("no Chromium for PDF printing: run `make setup` (installs Debian's chromium)")
    data = tmp_path_factory.mktemp("futures-data")
    run = [sys.executable, "-W", "error", "-m", "compact_analysis", "futures"]
    env = os.environ | {"PYTHONWARNINGS": "error"}
    subprocess.run([*run, "init-demo", "--data", str(data)], check=True, cwd=ROOT, env=env, capture_output=True)
    done = subprocess.run(
        [*run, "report", "--data", str(data), "--out", str(data / "reports")],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return data, done


def _folder(data: Path) -> Path:
    return data / "reports" / "compact-2009-10" / "futures" / "2009"


@pytest.mark.browser
def test_the_paper_is_complete_and_nothing_warned(rendered):
    data, done = rendered
    folder = _folder(data)
    assert done.stderr.strip() == ""
    assert f"HTML: {folder / 'futures.html'}" in done.stdout
    assert {p.name for p in folder.iterdir()} == {"futures.ipynb", "futures.html", "futures.pdf", "manifest.json"}
    executed = json.loads((folder / "futures.ipynb").read_text(encoding="utf-8"))
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] not in ("stream", "error"), output  # no warning, no printout
    assert (folder / "futures.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.browser
def test_three_scenarios_the_banner_first_and_no_code(rendered):
    data, _ = rendered
    html = (_folder(data) / "futures.html").read_text(encoding="utf-8")
    assert html.index("<h1") < html.index("Synthetic data.") < html.index("<h2")  # the banner on page one
    for name in ("Entitlement by 2013", "Full participation by 2015", "High population growth to 2020"):
        assert name in html
    assert "prepare_futures_paper" not in html and "import " not in html  # no code
    assert html.count('alt="') >= 5  # four route charts and the trajectory, each with alt text


@pytest.mark.browser
def test_manifest_and_index_entry(rendered):
    data, _ = rendered
    manifest = json.loads((_folder(data) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "futures" and manifest["synthetic"] is True
    assert manifest["scenarios"] == ["entitlement-2013", "participation-2015", "high-growth-2020"]
    assert "futures/scenarios.yaml" in manifest["input_sha256"]
    index = (data / "reports" / "index.html").read_text(encoding="utf-8")
    assert "compact-2009-10/futures/2009/futures.html" in index and "Futures modelling" in index


@pytest.mark.browser
def test_futures_paper_renders_in_a_real_browser(rendered):
    """Checked like the other papers: no console errors, every chart loads, headings in order, screenshot."""
    from compact_analysis.publishing.browser import Browser, headings_in_order

    data, _ = rendered
    browser = Browser(find_browser())
    try:
        seen = browser.check_page(_folder(data) / "futures.html", screenshot=ROOT / "tests" / "output" / "futures.png")
    finally:
        browser.close()
    assert seen.console_errors == []
    assert len(seen.image_widths) == 5 and all(width > 0 for width in seen.image_widths)
    assert headings_in_order(seen.heading_levels), seen.heading_levels
