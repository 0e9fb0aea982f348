"""End to end (issue #25, item 5): a plan with a participation indicator, its returns and the demo futures
inputs in; the futures paper with the plan's trajectory against the scenarios, and the period paper citing
the adopted scenario, out. Warnings are errors in the commands and the kernels.

The framework is tests/data/frameworks/participation.yaml (80% on 31 March 2009 to 90% by 31 March 2013,
held after); the partnership returns 82.0% for 2009-10 and 84.0% for 2010-11. The demo's scenarios require
90.0% LA-wide by 2013, 95.0% by 2015 and 100.0% by 2020 (their participation × progression, weighted by
population: read from the model, tested in test_model.py), so the plan (90% from 2013 on) reaches only the
first.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FRAMEWORK = ROOT / "tests" / "data" / "frameworks" / "participation.yaml"
HEADER = "member_id,measure_id,period,value,comment,submitted,correction\n"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONWARNINGS": "error"}
    command = [sys.executable, "-W", "error", "-m", "compact_analysis", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900, check=False, env=env)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    data = tmp_path_factory.mktemp("link-data")
    (data / "returns").mkdir()
    (data / "members.csv").write_text(
        "member_id,name,sector,code,joined,left,deemed\n"
        "PARTNERSHIP,Fictional 14-19 Partnership,local authority,,2009-04-01,,no\n",
        encoding="utf-8",
    )
    for year, value, submitted in (("2009-10", "82.0", "2010-04-20"), ("2010-11", "84.0", "2011-04-20")):
        row = f"PARTNERSHIP,participation-16-17,{year},{value},Fictional,{submitted},\n"
        (data / "returns" / f"{year}.csv").write_text(HEADER + row, encoding="utf-8")
    out = str(data / "reports")
    for args in (
        ("ingest", "--data", str(data), "--framework", str(FRAMEWORK)),
        ("futures", "init-demo", "--data", str(data)),
        ("futures", "report", "--data", str(data), "--framework", str(FRAMEWORK), "--out", out, "--no-pdf"),
        ("report", "--data", str(data), "--framework", str(FRAMEWORK), "--period", "2010-11", "--no-pdf", "--out", out),
    ):
        done = _run(*args)
        assert done.returncode == 0, done.stderr
    return data / "reports" / "participation-test"


def _words(html: str) -> str:
    """The page's text: tags removed (the glossary links its terms), spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _no_printout(notebook: Path) -> None:
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] not in ("stream", "error"), output


@pytest.mark.slow
def test_the_futures_paper_sets_the_plan_against_each_scenario(rendered):
    folder = rendered / "futures" / "2009"  # beside the framework's period papers, under its id
    _no_printout(folder / "futures.ipynb")
    html = (folder / "futures.html").read_text(encoding="utf-8")
    assert "The plan's participation indicators against the scenarios</h2>" in html
    text = _words(html)
    assert "The plan adopts the scenario Full participation by 2015 (target year 2015)." in text
    assert (
        "the plan's current trajectory reaches Entitlement by 2013; it falls short of Full participation by "
        "2015 and High population growth to 2020." in text
    )
    # The latest figure and the trajectory's value on 31 March 2011: 80 + 10 × 730/1461 = 84.997 -> 85.0%.
    assert "Latest: 84.0% for 2010-11 (evidence as at 15 May 2011); expected on the trajectory then: 85.0%." in text
    assert "the plan's trajectory runs from 80.0% to 90.0% by March 2013" in html  # the chart's alt text
    section = html.index("The plan's participation indicators against the scenarios</h2>")
    assert (
        section
        < html.index("16-17 year olds in education or training</h3>")
        < html.index('<h2 id="Method-and-caveats"')
    )


@pytest.mark.slow
def test_the_period_paper_cites_the_adopted_scenario(rendered):
    folder = rendered / "2010-11"
    _no_printout(folder / "evaluation.ipynb")
    html = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert _words(html).count("The plan adopts the futures scenario Full participation by 2015") == 1
