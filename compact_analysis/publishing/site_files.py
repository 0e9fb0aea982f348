"""Writing the reports folder's site-wide pages (index, accessibility statement, bodies): atomically, and only when
their text changes, so a run that renders nothing leaves every published file as it was (issue #27)."""

from __future__ import annotations

import os
from pathlib import Path


def write_page(target: Path, text: str) -> Path:
    """Write ``text`` to ``target`` through a temporary file and a rename; a file already holding it is left alone."""
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return target
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target
