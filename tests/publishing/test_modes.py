"""Published folders follow the umask: a web server running as another user can read them (issue #23)."""

import os
import stat
import tempfile

import pytest

from compact_analysis.publishing.batch import swap_into_place
from compact_analysis.publishing.modes import apply_umask_modes, current_umask


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    try:
        yield lambda mask: os.umask(mask)
    finally:
        os.umask(old)


def _modes(root) -> dict[str, int]:
    out = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        out[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return out


def _staged(parent):
    """A folder built the way a period's is: mkdtemp (0700) with a subfolder and files, some made private."""
    work = parent / tempfile.mkdtemp(dir=parent)
    (work / "members").mkdir()
    (work / "evaluation.html").write_text("<p>paper</p>", encoding="utf-8")
    (work / "members" / "M001.html").write_text("<p>card</p>", encoding="utf-8")
    os.chmod(work / "members", 0o700)
    os.chmod(work / "members" / "M001.html", 0o600)
    return work


def test_current_umask_reads_without_changing_it(umask):
    umask(0o027)
    assert current_umask() == 0o027 and current_umask() == 0o027


def test_a_swapped_folder_has_the_umask_modes(tmp_path, umask):
    umask(0o022)
    work = _staged(tmp_path)
    assert stat.S_IMODE(work.stat().st_mode) == 0o700  # what mkdtemp gives, the bug
    final = tmp_path / "2009-10-Q2"
    swap_into_place(work, final)
    # 0o777 & ~0o022 = 0o755 for folders, 0o666 & ~0o022 = 0o644 for files.
    assert _modes(final) == {".": 0o755, "members": 0o755, "evaluation.html": 0o644, "members/M001.html": 0o644}


def test_another_umask_gives_other_modes(tmp_path, umask):
    umask(0o027)
    work = _staged(tmp_path)
    apply_umask_modes(work)
    # 0o777 & ~0o027 = 0o750; 0o666 & ~0o027 = 0o640: group may read, others not, as the user asked.
    assert set(_modes(work).values()) == {0o750, 0o640}
    assert _modes(work)["members/M001.html"] == 0o640
