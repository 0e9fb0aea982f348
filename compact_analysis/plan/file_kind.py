"""What a path given as an input file really is, found without opening it.

Every reader entry point (a return, the member register, a framework file) asks
:func:`require_regular_file` first, so a folder, a FIFO (named pipe), a device or
a broken link is refused with a one-line error saying what it is, never "file not
found" and never a hang: the check uses ``stat``/``lstat`` only, so a FIFO is never
opened for reading. It sits in ``plan`` (the lowest stage that reads files) so the
register and framework readers may use it as well as ``evidence``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from compact_analysis.errors import ErrorCode, InputError

#: What each kind of path that is not a regular file is called in an error (by ``stat`` test).
_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def file_kind_problem(path: str | Path) -> tuple[ErrorCode, str] | None:
    """``None`` for a regular file (or a link to one), else the code and what the path is.

    A missing path is ``file-not-found``; a link whose target is missing is ``broken-link``;
    a folder, FIFO, device or socket is ``not-a-regular-file`` with a phrase naming it.
    """
    try:
        mode = os.stat(path).st_mode  # follows links: a link to a regular file is a regular file
    except FileNotFoundError:
        if os.path.islink(path):
            return ErrorCode.BROKEN_LINK, f"is a broken link (it points to {os.readlink(path)!r}, which is missing)"
        return ErrorCode.FILE_NOT_FOUND, "file not found"
    except OSError as exc:
        return ErrorCode.INPUT, f"cannot be examined ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    for test, phrase in _KINDS:
        if test(mode):
            return ErrorCode.NOT_A_REGULAR_FILE, phrase
    return ErrorCode.NOT_A_REGULAR_FILE, "is not a regular file"


def require_regular_file(path: str | Path, what: str = "") -> Path:
    """``path`` as a :class:`Path` if it is a regular file, else raise :class:`InputError` saying what it is.

    ``what`` (such as ``"member register"``) is put before the phrase: ``x: member register is a folder``.
    """
    problem = file_kind_problem(path)
    if problem is None:
        return Path(path)
    code, phrase = problem
    subject = f"{what} " if what else ""
    if code == ErrorCode.FILE_NOT_FOUND and what:
        phrase = "not found"
    raise InputError(f"{path}: {subject}{phrase}", code=code)
