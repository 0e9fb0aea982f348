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
    }


def test_a_misspelt_parameter_is_refused_in_one_line():
    with pytest.raises(ParameterError) as caught:
        check_parameter_names(NOTEBOOKS_DIR / "period_evaluation.ipynb", {"perod": "2009-10-Q2"})
    assert "'perod'" in str(caught.value) and "\n" not in str(caught.value)
