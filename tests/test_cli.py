import re
import subprocess
import sys

from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS, ROOT


def _commands() -> list[str]:
    return sorted(main.commands)


def test_help_lists_every_command():
    out = CliRunner().invoke(main, ["--help"]).output
    for name in _commands():
        assert name in out


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name
        assert re.search(rf"compact-analysis {re.escape(name)}\b", readme), f"{name} missing from README"


def test_unknown_period_is_a_one_line_error(ingested_demo):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--data",
            str(ingested_demo.store.parent),
            "--period",
            "2009-10-Q9",
            "--frameworks-dir",
            str(FRAMEWORKS),
            "--no-pdf",
        ],
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")


def test_period_outside_the_framework_is_refused(ingested_demo):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--data",
            str(ingested_demo.store.parent),
            "--period",
            "2012-13-Q1",
            "--frameworks-dir",
            str(FRAMEWORKS),
            "--no-pdf",
        ],
    )
    assert result.exit_code == 2 and "outside the framework" in result.output


def test_missing_data_folder_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--data",
            str(tmp_path / "nowhere"),
            "--period",
            "2009-10-Q2",
            "--frameworks-dir",
            str(FRAMEWORKS),
            "--no-pdf",
        ],
    )
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "not found" in result.output


def test_report_all_on_a_store_with_no_observations_is_a_one_line_error(tmp_path):
    """A store that holds no observation (a header-only return was refused) has no period to render."""
    data = tmp_path / "empty"
    (data / "returns").mkdir(parents=True)
    (data / "members.csv").write_text(
        "member_id,name,sector,code,joined,left,deemed\nM001,Ashby Council,local authority,,2009-04-01,,yes\n",
        encoding="utf-8",
    )
    (data / "returns" / "x.csv").write_text("member_id,measure_id,period,value,comment,submitted,correction\n")
    common = ["--data", str(data), "--frameworks-dir", str(FRAMEWORKS)]
    refused = CliRunner().invoke(main, ["ingest", *common])
    assert refused.exit_code == 2 and "a header but no rows" in refused.output  # issue #22: never "0 rows read"
    result = CliRunner().invoke(main, ["report-all", *common, "--no-pdf", "--out", str(tmp_path / "reports")])
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and "holds no observations yet" in result.output


def test_validate_framework_exit_codes(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["validate-framework", str(FRAMEWORKS / "compact-2009-10.yaml")]).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    result = runner.invoke(main, ["validate-framework", str(bad)])
    assert (
        result.exit_code == 2 and "title: required field is missing" in result.stderr
    )  # README: invalid framework, exit 2


def test_the_console_script_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "compact_analysis", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "report" in done.stdout


def test_the_cli_opens_no_store_and_loads_no_framework_itself():
    # The data folder does both (compact_analysis.folder); a command only parses, calls and prints.
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "compact_analysis" / "cli").glob("*.py"))
    assert "open_store" not in source and "find_framework" not in source and "load_register" not in source


def test_init_demo_refuses_to_replace_a_store_without_force(tmp_path):
    data = tmp_path / "demo"
    data.mkdir()
    (data / "store.duckdb").write_text("a store with resolutions", encoding="utf-8")
    common = ["init-demo", "--data", str(data), "--frameworks-dir", str(FRAMEWORKS), "--members", "3"]
    refused = CliRunner().invoke(main, common)
    assert refused.exit_code == 2
    assert refused.output.strip().count("\n") == 0
    assert refused.output.startswith(f"error: {data} already holds an evidence store") and "--force" in refused.output
    assert (data / "store.duckdb").read_text(encoding="utf-8") == "a store with resolutions"  # untouched
    assert not (data / "members.csv").exists()
    forced = CliRunner().invoke(main, [*common, "--force"])
    assert forced.exit_code == 0, forced.output
    assert not (data / "store.duckdb").exists() and (data / "members.csv").exists()


def test_workers_must_be_a_whole_number_of_at_least_one(tmp_path):
    for bad in ("0", "-1", "1.5", "two"):
        result = CliRunner().invoke(main, ["report", "--period", "2009-10-Q2", "--workers", bad])
        assert result.exit_code == 2 and "--workers" in result.output, bad  # a usage error, before any work


def test_the_makefile_report_target_replaces_the_demo_store():
    """``make report`` re-run must not stop at init-demo's refusal: it passes --force."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert "init-demo --data $(DATA) --force" in target
