"""The status rule chosen per run (``--rule``): one framework serves "against the trajectory" and the UK council
or Open SDG views; the paper's method section names the rule it used."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.targets import RULES
from compact_analysis.presentation.paper import paper_from_folder


def test_the_rule_given_per_run_judges_every_indicator_and_is_named(ingested_demo):
    folder = ingested_demo.folder
    plan = paper_from_folder(folder, "2009-10-Q2")
    council = paper_from_folder(folder, "2009-10-Q2", rule="uk-council")
    assert plan.evaluation.rule == "trajectory" and council.evaluation.rule == "uk-council"
    assert "Status rule (uk-council): green on the trajectory or within 10% of it" in str(council.rule_note())
    pledge = council.evaluation.result("pledge-committed")
    assert pledge.status.rule == RULES["uk-council"]
    assert plan.evaluation.result("pledge-committed").status.rule == RULES["trajectory"]


def test_an_unknown_rule_is_a_one_line_parameter_error(ingested_demo):
    with pytest.raises(ParameterError, match="rule 'kpi' is not one of trajectory, uk-council, open-sdg"):
        paper_from_folder(ingested_demo.folder, "2009-10-Q2", rule="kpi")


def test_report_takes_the_rule_and_refuses_another():
    assert "--rule [trajectory|uk-council|open-sdg]" in CliRunner().invoke(main, ["report", "--help"]).output
    result = CliRunner().invoke(main, ["report", "--period", "2009-10-Q2", "--rule", "kpi"])
    assert result.exit_code == 2 and "'kpi' is not one of" in result.output
