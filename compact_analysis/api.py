"""The Python API for analysts (issue #23): open a data folder, evaluate a period, read tidy tables.

``import compact_analysis as ca`` is quick (pandas and DuckDB load on first use); ``ca.open`` returns a
:class:`~compact_analysis.folder.DataFolder`, the object the command line and the papers use too.

>>> import compact_analysis as ca
>>> folder = ca.open(DATA, frameworks_dir=FRAMEWORKS)
>>> folder
DataFolder('...', framework='compact-2009-10')
>>> ev = folder.evaluate("2009-10-Q2")
>>> ev
<Evaluation compact-2009-10 2009-10-Q2 as at 2009-11-14: 20 indicators>
>>> ev.to_frame()[["period", "indicator_id", "status", "returned"]].head(2)
       period      indicator_id status  returned
0  2009-10-Q2  pledge-committed  green        47
1  2009-10-Q2    pledge-stage-2    red        47
>>> ca.open(DATA, framework="no-such-framework", frameworks_dir=FRAMEWORKS)
Traceback (most recent call last):
compact_analysis.errors.FrameworkError: .../no-such-framework.yaml: file: not found
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.folder import DataFolder
from compact_analysis.plan.locate import DEFAULT_FRAMEWORK


def open(
    data: str | Path,
    framework: str | Path = DEFAULT_FRAMEWORK,
    frameworks_dir: str | Path | None = None,
) -> DataFolder:
    """Open a data folder with its framework (an id under ``frameworks_dir``, or a path to a YAML file).

    The framework is loaded at once, so a bad one is a one-line error here, not later; the data folder
    must exist. Everything else (register, store) is read on first use.
    """
    folder = DataFolder.open(data, framework, frameworks_dir)
    folder.check_exists()
    folder.framework  # noqa: B018 -- loading it is the point
    return folder


__all__ = ["DataFolder", "open"]
