"""In a real browser, the evaluation paper with owners' commentary, an analyst's messages and an exception
added by hand, all holding script and image markup, shows them as text: no script runs, no image loads."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.publishing.batch import plan_period, render_periods
from compact_analysis.publishing.browser import Browser
from compact_analysis.publishing.render import find_browser
from tests.helpers import FRAMEWORKS

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_board_inputs_are_text_in_the_rendered_paper(ingested_demo, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ingested_demo.store.parent, data)
    (data / "commentary").mkdir()
    (data / "commentary" / "2009-10-Q4.csv").write_text(
        f"id,owner,commentary,action,action_due\npledge-stage-2,{HOSTILE},{HOSTILE},{HOSTILE},2010-06-30\n",
        encoding="utf-8",
    )
    (data / "messages" / "2009-10-Q4.yaml").write_text(f"messages:\n  - '{HOSTILE}'\nasks:\n  - '{HOSTILE}'\n")
    added = ["exceptions", "add", "--data", str(data), "--kind", "impact", "--owner", HOSTILE]
    added += ["--description", HOSTILE, "--action", HOSTILE, "--due", "2010-05-31", "--date", "2010-02-01"]
    assert CliRunner().invoke(main, added).exit_code == 0
    fw = str(FRAMEWORKS / "compact-2009-10.yaml")
    plan = plan_period(fw, data, "2009-10-Q4", tmp_path / "out", FRAMEWORKS, scorecards=False)
    [outcome] = render_periods([plan], workers=1, pdf=False)
    assert outcome.ok, outcome.failures
    page = outcome.folder / "evaluation.html"
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6  # message, ask, commentary x3, exception
    browser = Browser(find_browser())
    try:
        seen = browser.check_page(page)
    finally:
        browser.close()
    assert seen.console_errors == []  # a script that ran, or an image that failed, would show here
