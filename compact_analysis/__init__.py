"""compact-analysis: evaluate a partnership's performance against its Statement of Priorities.

For analysts: ``import compact_analysis as ca; folder = ca.open("data/demo")`` (see README, "Python API").
The API is imported on first use, so ``import compact_analysis`` (and the command line's start-up) stays quick.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

#: Names the package exports, each from the module that defines it (loaded on first use).
_LAZY = {"open": "compact_analysis.api", "DataFolder": "compact_analysis.folder"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'compact_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = ["DataFolder", "__version__", "open"]
