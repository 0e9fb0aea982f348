"""The README's cron lines, run in order on a copy of the demo: nothing published disappears (issue #23)."""

import os
import re
import shlex
import stat

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS, ROOT


def readme_cron_commands() -> list[list[str]]:
    """The compact-analysis arguments of each line of the README's cron block, without the redirection."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cron\n(.*?)```", readme, re.S).group(1)
    commands = []
    for line in block.strip().splitlines():
        if line.startswith("#"):
            continue  # the comment saying what the next line does
        command = line.split("bin/compact-analysis ", 1)[1].split(">>", 1)[0]
        commands.append(shlex.split(command))
    return commands


def _published(out) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*") if not p.name.startswith(".") and p.name != "cron.log"}


def test_the_readme_has_a_monthly_paper_and_a_quarterly_pack():
    commands = readme_cron_commands()
    assert [c[0] for c in commands] == ["report", "report-all"] and "--scorecards" in commands[1]
    assert commands[0][commands[0].index("--cadence") + 1] == "monthly"  # what its comment says
    assert commands[1][commands[1].index("--cadence") + 1] == "quarterly"


@pytest.mark.slow
def test_cron_lines_in_order_keep_everything_published_and_readable(demo_copy, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "reports"
        common = ["--data", str(demo_copy), "--frameworks-dir", str(FRAMEWORKS), "--out", str(out), "--no-pdf",
                  "--workers", "2"]  # fmt: skip
        monthly, quarterly = readme_cron_commands()
        seen: set[str] = set()
        for args in (monthly, quarterly, monthly):  # a month, the quarter's pack, the next month
            result = CliRunner().invoke(main, [*args, *common])
            assert result.exit_code == 0, result.output
            now = _published(out)
            assert seen <= now, sorted(seen - now)[:5]  # nothing published before has gone
            seen = now
        assert "compact-2009-10/2009-10-M12/evaluation.html" in seen  # the monthly line rendered a month
        assert any("/members/" in p for p in seen)  # the quarterly pack's scorecards are there at the end
        for path in [out, *out.rglob("*")]:
            mode = stat.S_IMODE(path.stat().st_mode)
            if path.is_dir():
                assert mode & 0o005 == 0o005 and mode == 0o755, path  # others may list and enter it
            else:
                assert mode & 0o004 and mode == 0o644, path  # others may read it
    finally:
        os.umask(old)
