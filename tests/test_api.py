"""The Python API for analysts (issue #23): the README's example block and the api module's doctests run."""

import doctest
import re

import pandas as pd
import pytest

import compact_analysis as ca
from compact_analysis import api
from compact_analysis.presentation.paper import paper_from_folder
from tests.helpers import FRAMEWORKS, ROOT

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_the_readme_s_python_api_block_runs(ingested_demo, tmp_path, monkeypatch):
    block = re.search(r"## Python API\n.*?```pycon\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "demo").symlink_to(ingested_demo.folder.path)  # the README's paths, as in a checkout
    (tmp_path / "data" / "frameworks").symlink_to(FRAMEWORKS)
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README Python API", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and len(test.examples) >= 8


def test_the_api_module_s_doctests_run(ingested_demo):
    globs = {"DATA": str(ingested_demo.folder.path), "FRAMEWORKS": str(FRAMEWORKS)}
    result = doctest.testmod(api, extraglobs=globs, optionflags=FLAGS)
    assert result.failed == 0 and result.attempted >= 5


def test_import_exports_open_lazily():
    assert {"open", "DataFolder", "__version__"} <= set(dir(ca))
    assert ca.open is api.open
    with pytest.raises(AttributeError):
        ca.no_such_name  # noqa: B018


def test_to_frame_types_and_a_count_never_a_float(ingested_demo):
    frame = ingested_demo.folder.evaluate("2009-10-Q2").to_frame()
    assert str(frame["as_at"].dtype).startswith("datetime64") and frame["returned"].dtype == "Int64"
    assert frame["status"].cat.ordered and list(frame["status"].cat.categories[:3]) == ["green", "amber", "red"]
    # The demo's Q2: 47 of the 50 deemed members returned the Skills Pledge measure, 3 did not (47 + 3 = 50).
    first = frame.iloc[0]
    assert (first["returned"], first["not_returned"], first["members"]) == (47, 3, 50)


def test_a_missing_figure_stays_missing_and_an_override_text_keeps_its_status():
    from compact_analysis.evaluation.frames import typed

    row = {"period": "2009-10-Q1", "period_start": "2009-04-01", "period_end": "2009-06-30", "as_at": "2009-08-14",
           "value": None, "target": 3, "expected_now": None, "previous": None, "year_earlier": None,
           "counted": None, "returned": 0, "not_returned": 5, "members": 5,
           "status": "analyst says amber", "computed_status": "no-data"}  # fmt: skip
    frame = typed(pd.DataFrame([row]))
    assert frame["value"].isna().all() and frame["counted"].isna().all()  # no return is <NA>, never 0
    assert frame.loc[0, "status"] == "analyst says amber"  # an override's own text is a category, not dropped
    assert frame["status"].cat.categories[-1] == "analyst says amber"


def test_history_covers_the_framework_s_periods_and_refuses_an_unknown_id(ingested_demo):
    history = ingested_demo.folder.history("pledge-stage-2")
    assert history["period"].tolist() == [f"2009-10-Q{q}" for q in range(1, 5)]
    assert history["period_end"].is_monotonic_increasing
    with pytest.raises(KeyError, match=r"no indicator 'nope'.*known: pledge-committed"):
        ingested_demo.folder.history("nope")


def test_baseline_members_have_names_and_sectors(ingested_demo):
    ev = ingested_demo.folder.evaluate("2009-10-Q2")
    members = ev.baseline_members("lep-gap-closed")
    baseline = ev.result("lep-gap-closed").baseline
    assert len(members) == len(baseline.lacking) + len(baseline.having) + len(baseline.unanswered)
    assert members["name"].notna().all() and members["sector"].notna().all()
    with pytest.raises(KeyError, match="no baseline"):
        ev.baseline_members("pledge-committed")


def test_reprs_are_short_and_html_is_escaped(ingested_demo):
    folder = ingested_demo.folder
    paper = paper_from_folder(folder, "2009-10-Q2")
    assert len(repr(paper)) < 200 and repr(paper).startswith("<Paper compact-2009-10 2009-10-Q2")
    assert len(repr(paper.evaluation)) < 120
    assert "<table" in paper._repr_html_() and "<table" in paper.evaluation._repr_html_()
    assert "&#x27;" in folder._repr_html_()  # the repr's quotes escaped


def test_find_framework_accepts_a_string_folder():
    from compact_analysis.plan.framework import find_framework

    assert find_framework("compact-2009-10", str(FRAMEWORKS)) == FRAMEWORKS / "compact-2009-10.yaml"
