"""``compact-analysis futures``: init-demo, validate (a failure table and one ``error:`` line), report's refusals."""

from __future__ import annotations

from click.testing import CliRunner

from compact_analysis.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_init_demo_then_validate(tmp_path):
    done = _run("futures", "init-demo", "--data", str(tmp_path))
    assert done.exit_code == 0, done.output
    assert "wrote 7 files" in done.output
    done = _run("futures", "validate", "--data", str(tmp_path))
    assert done.exit_code == 0
    assert "valid (6 areas, 3 scenarios, history to 2009)" in done.output


def test_bad_inputs_give_the_failure_table_and_one_error_line(tmp_path):
    _run("futures", "init-demo", "--data", str(tmp_path))
    provision = tmp_path / "futures" / "provision.csv"
    lines = provision.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")  # row 2: provider, area, route, year, places, grade
    places = cells[4]
    lines[1] = ",".join([*cells[:4], f"-{places}", cells[5]])
    provision.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scenarios = tmp_path / "futures" / "scenarios.yaml"
    scenarios.write_text(
        scenarios.read_text(encoding="utf-8").replace("variant: high", "variant: extreme"), encoding="utf-8"
    )
    for command in ("validate", "report"):
        args = ["futures", command, "--data", str(tmp_path)]
        if command == "report":
            args += ["--out", str(tmp_path / "reports"), "--no-pdf"]
        done = _run(*args)
        assert done.exit_code == 2, done.output
        lines = done.output.splitlines()  # stderr (the runner mixes it in)
        assert lines[0] == "file\tsheet\trow\tcolumn\tvalue\tcode\tmessage"
        assert f"futures/provision.csv\t\t2\tplaces\t-{places}\tnegative-number\tplaces cannot be negative" in lines
        assert any(line.startswith("futures/scenarios.yaml\t\t") and "\tunknown-variant\t" in line for line in lines)
        errors = [line for line in lines if line.startswith("error:")]
        assert len(errors) == 1 and errors[0] == lines[-1] and "(and 1 more)" in errors[0]
        assert "Traceback" not in done.output
    assert not (tmp_path / "reports").exists()  # refused before anything was written


def test_a_missing_folder_is_one_error_line(tmp_path):
    done = _run("futures", "validate", "--data", str(tmp_path / "nowhere"))
    assert done.exit_code == 2
    assert done.output.splitlines() == [
        f"error: {tmp_path / 'nowhere' / 'futures'}: no futures folder (write one "
        "with `compact-analysis futures init-demo`; formats in docs/futures.md)"
    ]
