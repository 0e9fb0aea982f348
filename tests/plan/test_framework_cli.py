"""The framework commands: validate-framework prints every problem or "valid"; periods lists dates."""

from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS, ROOT


def test_validate_framework_valid_exits_0():
    for name in ("compact-2009-10.yaml", "lea-performance-2004-05.yaml", "small-test.yaml"):
        result = CliRunner().invoke(main, ["validate-framework", str(FRAMEWORKS / name)])
        assert (result.exit_code, result.output) == (0, f"{FRAMEWORKS / name}: valid\n")


def test_validate_framework_takes_an_id_with_f_like_every_command():
    result = CliRunner().invoke(main, ["validate-framework", "-f", "small-test", "--frameworks-dir", str(FRAMEWORKS)])
    assert (result.exit_code, result.output) == (0, f"{FRAMEWORKS / 'small-test.yaml'}: valid\n")


def test_validate_framework_prints_every_problem_on_stderr_and_exits_2():
    path = ROOT / "tests" / "data" / "frameworks" / "level_not_in_scale.yaml"
    result = CliRunner().invoke(main, ["validate-framework", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")  # README: an invalid framework is bad input, exit 2
    assert result.stderr.splitlines()[-1] == f"error: {path} is not a valid framework: 2 problem(s) above"
    assert result.stderr.splitlines()[:-1] == [
        f"{path}: priorities[0].indicators[0].level: level 'gold' is not on the scale 'ladder' (none, bronze, silver)",
        f"{path}: priorities[0].indicators[0].targets[0].level: level 'gold' is not on the scale 'ladder' "
        "(none, bronze, silver)",
    ]


def test_validate_framework_on_hostile_yaml_exits_2(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate-framework", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{path}: line 2, column 1: duplicate key 'id' (first given on line 1)"


def test_periods_lists_term_dates():
    result = CliRunner().invoke(
        main, ["periods", "-f", "lea-performance-2004-05", "--frameworks-dir", str(FRAMEWORKS), "-c", "termly"]
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "2004-05-T1\t2004-04-19\t2004-07-22",
        "2004-05-T2\t2004-09-06\t2004-12-17",
        "2004-05-T3\t2005-01-04\t2005-03-24",
    ]


def test_periods_default_lists_every_cadence_the_framework_uses():
    result = CliRunner().invoke(main, ["periods", "--frameworks-dir", str(FRAMEWORKS)])
    lines = result.output.splitlines()
    # The Compact: 4 quarters then 12 months; Q4 and M12 both end on 31 March 2010.
    assert len(lines) == 16
    assert lines[3] == "2009-10-Q4\t2010-01-01\t2010-03-31" and lines[-1] == "2009-10-M12\t2010-03-01\t2010-03-31"


def test_periods_with_an_unknown_cadence_is_a_one_line_error():
    result = CliRunner().invoke(main, ["periods", "--frameworks-dir", str(FRAMEWORKS), "-c", "weekly"])
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "'weekly' is not one of" in result.stderr
