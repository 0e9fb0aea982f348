"""Checks for names that become file or folder names (framework ids, periods, member ids)."""

from __future__ import annotations

import re

from compact_analysis.errors import ParameterError

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(name: str, what: str = "name") -> str:
    """Return ``name`` if it is safe as one path component, else raise :class:`ParameterError`.

    Refused: separators and ``..``, absolute paths, Windows reserved names, and
    anything over 64 characters or outside letters, digits, ``.``, ``_`` and ``-``.
    """
    text = str(name)
    if not _SAFE.match(text) or ".." in text or text.split(".")[0].lower() in _RESERVED:
        raise ParameterError(
            f"{what} {text[:80]!r} cannot be used as a file name: use 1-64 letters, digits, '.', '_' or '-'"
        )
    return text
