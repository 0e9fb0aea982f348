"""Published folders and files get the modes the process umask gives, like any file the user makes.

A period's folder is built in a :func:`tempfile.mkdtemp` folder (mode 0700) and renamed into place;
without this, the published folder stays ``drwx------`` and a web server running as another user
cannot serve the papers the index links to (issue #23).
"""

from __future__ import annotations

import os
from pathlib import Path


def current_umask() -> int:
    """The process umask, read without changing it for good (``os.umask`` can only set it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def apply_umask_modes(root: Path, umask: int | None = None) -> None:
    """Give ``root`` and every folder under it ``0o777 & ~umask`` and every file ``0o666 & ~umask``.

    Symbolic links are left alone (their mode is not theirs to change on Linux).
    """
    mask = current_umask() if umask is None else umask
    folder_mode, file_mode = 0o777 & ~mask, 0o666 & ~mask
    os.chmod(root, folder_mode)
    for parent, folders, files in os.walk(root):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, folder_mode)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, file_mode)
