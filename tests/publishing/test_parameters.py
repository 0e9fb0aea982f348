import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.publishing.parameters import check_parameter_names, declared_parameters
from compact_analysis.publishing.render import NOTEBOOKS_DIR


def test_declared_parameters_come_from_the_parameters_cell():
    assert declared_parameters(NOTEBOOKS_DIR / "member_scorecard.ipynb") == {
        "framework",
        "data",
        "period",
        "member",
        "as_at",
        "frameworks_dir",
        "rule",  # the status rule for the run (--rule), as the period paper's
    }


def test_a_misspelt_parameter_is_refused_in_one_line():
    with pytest.raises(ParameterError) as caught:
        check_parameter_names(NOTEBOOKS_DIR / "period_evaluation.ipynb", {"perod": "2009-10-Q2"})
    assert "'perod'" in str(caught.value) and "\n" not in str(caught.value)


def test_each_unknown_parameter_is_a_failure_with_a_code():
    from compact_analysis.publishing.parameters import ParameterCode, parameter_failures

    notebook = NOTEBOOKS_DIR / "period_evaluation.ipynb"
    failures = parameter_failures(notebook, {"perod": "2009-10-Q2", "period": "2009-10-Q2", "zz": 3}, {"period"})
    assert [(f.file, f.column, f.value, f.code) for f in failures] == [
        ("period_evaluation.ipynb", "perod", "2009-10-Q2", ParameterCode.UNKNOWN_PARAMETER),
        ("period_evaluation.ipynb", "zz", "3", ParameterCode.UNKNOWN_PARAMETER),
    ]
    with pytest.raises(ParameterError) as caught:
        check_parameter_names(notebook, {"perod": "2009-10-Q2"})
    assert caught.value.code == ParameterCode.UNKNOWN_PARAMETER
