import subprocess
import sys

from tests.helpers import ROOT


def test_the_reliability_page_is_generated_from_these_tests():
    """docs/reliability.md compared with what the battery's docstrings say now.
    Identical; otherwise run `python scripts/reliability_table.py` and commit the page."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "reliability_table.py"), "--check"])
    assert done.returncode == 0
