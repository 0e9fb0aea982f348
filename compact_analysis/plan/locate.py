"""Where a framework's file is: a path, or an id looked up in a frameworks folder, the data folder's, the package's.

The one place a ``--framework`` (an id or a path) becomes a file and then a plan; every default is
independent of the working folder (the package's own frameworks are found with ``importlib.resources``).
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.paths import folder_settings, packaged
from compact_analysis.plan.framework import Framework, find_framework, load_framework

#: The framework used when none is named: the 2009-10 Compact's Statement of Priorities.
DEFAULT_FRAMEWORK = "compact-2009-10"
#: Where framework files are looked up by id when neither the caller nor the data folder names a folder:
#: the frameworks shipped inside the package (independent of the working folder).
DEFAULT_FRAMEWORKS_DIR = packaged("frameworks")


def framework_file(
    framework: str | Path = DEFAULT_FRAMEWORK, frameworks_dir: str | Path | None = None, data: str | Path | None = None
) -> Path:
    """A framework's YAML file: ``framework`` is a path to one, or an id (a file under ``frameworks_dir``).

    Without ``frameworks_dir``, an id is looked for in the frameworks folder the data folder's settings
    file names (:func:`~compact_analysis.paths.folder_settings`), then among the package's own.
    """
    if frameworks_dir is not None:
        return find_framework(framework, Path(frameworks_dir))
    own = folder_settings(data).get("frameworks") if data is not None else None
    if own is not None and (path := find_framework(framework, own)).exists():
        return path
    return find_framework(framework, DEFAULT_FRAMEWORKS_DIR)


def open_framework(framework: str | Path = DEFAULT_FRAMEWORK, frameworks_dir: str | Path | None = None) -> Framework:
    """Load a framework by id or path: the one place the command line turns a ``--framework`` into a plan."""
    return load_framework(framework_file(framework, frameworks_dir))
