"""Paths: names that become file or folder names, and where the package's own and a data folder's files are.

``safe_name`` checks framework ids, periods and member ids before they name a file. :func:`packaged`
finds the frameworks and notebooks shipped inside the package, and :func:`folder_settings` the
folders a data folder names instead (its ``compact-analysis.toml``), so no default depends on the
working folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from enum import StrEnum
from importlib import resources
from pathlib import Path

from compact_analysis.errors import Failure, InputError, ParameterError

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


# -- where the package's own files are, and the folders a data folder names instead -----------------
#: The file in a data folder that names its own frameworks and notebooks folders (optional).
SETTINGS_FILE = "compact-analysis.toml"
#: What a settings file may name: each a folder, relative to the data folder or absolute.
SETTINGS_KEYS = ("frameworks", "notebooks")
#: The environment variable a notebook reads for its data folder when its ``data`` parameter is None.
DATA_ENV = "COMPACT_ANALYSIS_DATA"


class SettingsCode(StrEnum):
    """What is wrong with a data folder's settings file."""

    UNREADABLE = "settings-unreadable"
    UNKNOWN_SETTING = "unknown-setting"
    NOT_A_FOLDER = "setting-not-a-folder"


def packaged(kind: str) -> Path:
    """A folder shipped inside the package (``frameworks``, ``notebooks``), found with importlib.resources.

    In a checkout, ``compact_analysis/resources/frameworks`` and ``.../notebooks`` are links to the
    top-level ``data/frameworks`` and ``notebooks``, which the wheel copies in (pyproject.toml).
    Independent of the working folder.
    """
    if kind not in SETTINGS_KEYS:
        raise ValueError(f"no packaged folder {kind!r}; there are {', '.join(SETTINGS_KEYS)}")
    return Path(str(resources.files("compact_analysis") / "resources" / kind))


def _settings_failure(path: Path, key: str | None, value: str, code: SettingsCode, message: str) -> InputError:
    error = InputError(f"{path}: {key or 'file'}: {message}", code=code)
    error.failures = [Failure(str(path), None, key, value, code, message)]  # the located record, as validators give
    return error


def folder_settings(data: str | Path) -> dict[str, Path]:
    """The folders a data folder's :data:`SETTINGS_FILE` names, as absolute paths ({} when it has none).

    A located :class:`InputError` for a file that is not TOML, a key other than :data:`SETTINGS_KEYS`,
    or a value that is not an existing folder.
    """
    path = Path(data) / SETTINGS_FILE
    if not path.is_file():
        return {}
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _settings_failure(path, None, "", SettingsCode.UNREADABLE, f"not TOML: {exc}") from None
    found = {}
    for key, value in settings.items():
        if key not in SETTINGS_KEYS:
            message = f"unknown setting; a settings file may name {', '.join(SETTINGS_KEYS)}"
            raise _settings_failure(path, key, str(value)[:80], SettingsCode.UNKNOWN_SETTING, message)
        folder = (path.parent / str(value)).expanduser().resolve()
        if not isinstance(value, str) or not folder.is_dir():
            message = "not a folder (give a path relative to the data folder, or absolute)"
            raise _settings_failure(path, key, str(value)[:80], SettingsCode.NOT_A_FOLDER, message)
        found[key] = folder
    return found


def data_path(data: str | Path | None) -> Path:
    """A data folder given to a notebook: ``data``, or when None the :data:`DATA_ENV` folder.

    A one-line :class:`ParameterError` when neither names an existing folder, saying where a
    relative path was looked for (a notebook's working folder is the notebook's own).
    """
    chosen = data if data is not None else os.environ.get(DATA_ENV)
    if not chosen:
        raise ParameterError(
            f"no data folder: set data = '/path/to/folder' in the parameters cell, or the {DATA_ENV} "
            "environment variable (make lab sets it to the demo folder)"
        )
    path = Path(chosen).expanduser()
    if not path.is_dir():
        where = "" if path.is_absolute() else f" (looked for in {Path.cwd()})"
        raise ParameterError(f"data folder {str(chosen)!r} not found{where}; give an absolute path")
    return path
