"""Install anywhere (issue #23 item 1): the package's own frameworks and notebooks ship inside it, are
found with importlib.resources, a data folder may name its own, and no default depends on the working
folder. The wheel itself is proved by scripts/wheel_check.sh (run by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import InputError, ParameterError
from compact_analysis.folder import DataFolder
from compact_analysis.paths import DATA_ENV, SETTINGS_FILE, SettingsCode, data_path, folder_settings, packaged
from compact_analysis.plan.locate import framework_file
from compact_analysis.publishing.render import NOTEBOOKS_DIR, notebook_for, notebook_job
from tests.helpers import FRAMEWORKS, ROOT


@pytest.mark.parametrize(("kind", "source"), [("frameworks", FRAMEWORKS), ("notebooks", ROOT / "notebooks")])
def test_the_packaged_folders_are_the_top_level_ones_file_for_file(kind, source):
    shipped = packaged(kind)
    assert shipped.is_relative_to(ROOT / "compact_analysis")  # inside the package, where the wheel puts it
    assert sorted(p.name for p in shipped.iterdir()) == sorted(p.name for p in source.iterdir())
    for path in source.iterdir():
        assert (shipped / path.name).read_bytes() == path.read_bytes()


def test_the_wheel_patterns_take_every_framework_and_notebook_without_naming_them():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    taken = {p for pattern in patterns["compact_analysis"] for p in (ROOT / "compact_analysis").glob(pattern)}
    for kind in ("frameworks", "notebooks"):
        for path in packaged(kind).iterdir():
            assert path in taken, f"{path.name} would not ship in the wheel"


def test_defaults_do_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert framework_file("compact-2009-10") == packaged("frameworks") / "compact-2009-10.yaml"
    assert packaged("notebooks") == NOTEBOOKS_DIR and NOTEBOOKS_DIR.is_absolute()
    result = CliRunner().invoke(main, ["periods", "--framework", "small-test"])
    assert result.exit_code == 0 and "2009-10-Q4" in result.output


def test_the_cli_works_from_a_folder_outside_the_checkout(tmp_path):
    """A real process, its working folder a temporary one; only PYTHONPATH points at the checkout."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "compact_analysis", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=False)  # fmt: skip

    made = run("init-demo", "--data", "d", "--members", "8")
    assert made.returncode == 0, made.stderr
    ingested = run("ingest", "--data", "d", "--allow-quarantine")
    assert ingested.returncode == 0, ingested.stderr
    assert (tmp_path / "d" / "store.duckdb").is_file() and not (tmp_path / "data").exists()


def _own_frameworks(tmp_path, settings: str):
    data = tmp_path / "d"
    (data / "plans").mkdir(parents=True)
    shutil.copy(FRAMEWORKS / "small-test.yaml", data / "plans" / "small-test.yaml")
    (data / SETTINGS_FILE).write_text(settings, encoding="utf-8")
    return data


def test_a_data_folder_names_its_own_frameworks_folder_before_the_packaged_one(tmp_path):
    data = _own_frameworks(tmp_path, 'frameworks = "plans"\n')
    assert folder_settings(data) == {"frameworks": (data / "plans").resolve()}
    assert DataFolder.open(data, "small-test").framework_path == (data / "plans" / "small-test.yaml").resolve()
    # an id it does not have is still found among the package's
    assert DataFolder.open(data, "compact-2009-10").framework_path == packaged("frameworks") / "compact-2009-10.yaml"
    # a folder given by the caller wins over the settings file
    assert DataFolder.open(data, "small-test", FRAMEWORKS).framework_path == FRAMEWORKS / "small-test.yaml"


@pytest.mark.parametrize(
    ("settings", "code", "column"),
    [
        ('frameworks = "plans"\ntemplates = "x"\n', SettingsCode.UNKNOWN_SETTING, "templates"),
        ('notebooks = "nowhere"\n', SettingsCode.NOT_A_FOLDER, "notebooks"),
        ("notebooks = 3\n", SettingsCode.NOT_A_FOLDER, "notebooks"),
        ("frameworks = plans\n", SettingsCode.UNREADABLE, None),
    ],
)
def test_a_bad_settings_file_is_a_located_error(tmp_path, settings, code, column):
    data = _own_frameworks(tmp_path, settings)
    with pytest.raises(InputError) as caught:
        folder_settings(data)
    assert caught.value.code == code
    [failure] = caught.value.failures
    assert failure.file == str(data / SETTINGS_FILE) and failure.column == column and failure.code == code
    assert "\n" not in str(caught.value)


def test_a_data_folder_names_its_own_notebooks_each_falling_back_to_the_packaged_one(tmp_path):
    data = _own_frameworks(tmp_path, 'notebooks = "nb"\n')
    (data / "nb").mkdir()
    shutil.copy(NOTEBOOKS_DIR / "period_evaluation.ipynb", data / "nb" / "period_evaluation.ipynb")
    assert notebook_for("period_evaluation", data) == (data / "nb" / "period_evaluation.ipynb").resolve()
    assert notebook_for("member_scorecard", data) == NOTEBOOKS_DIR / "member_scorecard.ipynb"
    assert notebook_for("member_scorecard", None) == NOTEBOOKS_DIR / "member_scorecard.ipynb"


def test_a_notebook_data_folder_comes_from_the_parameter_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParameterError, match="no data folder"):
        data_path(None)
    with pytest.raises(ParameterError, match="not found") as caught:
        data_path("data/demo")
    assert "\n" not in str(caught.value)
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert data_path(None) == tmp_path
    assert data_path(str(tmp_path)) == tmp_path


def test_a_project_error_shows_in_a_notebook_as_its_one_line():
    error = ParameterError("data folder 'x' not found")
    assert error._render_traceback_() == ["error: data folder 'x' not found"]


def test_a_report_job_runs_the_data_folders_own_notebook(tmp_path):
    data = _own_frameworks(tmp_path, 'notebooks = "nb"\n')
    (data / "nb").mkdir()
    shutil.copy(NOTEBOOKS_DIR / "period_evaluation.ipynb", data / "nb" / "period_evaluation.ipynb")
    parameters = {"framework": "small-test", "data": str(data), "period": "2009-10-Q2", "as_at": None}
    job = notebook_job("period_evaluation", tmp_path, "evaluation", parameters, "header", False, "Q2")
    assert job.notebook == (data / "nb" / "period_evaluation.ipynb").resolve()
    scorecard = notebook_job("member_scorecard", tmp_path, "m", {**parameters, "member": "M1"}, "h", False, "m")
    assert scorecard.notebook == NOTEBOOKS_DIR / "member_scorecard.ipynb"
