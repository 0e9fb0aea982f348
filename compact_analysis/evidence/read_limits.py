"""How big a return's lines and header may be: past a limit the file is refused, located, never read short.

A line longer than :data:`MAX_LINE_BYTES` (32 MB; DuckDB's CSV reader is given the same
limit) is refused naming its line number before DuckDB reads the file, so a huge comment
with no trailing newline can never turn into "0 rows read". A header with more than
:data:`MAX_COLUMNS` columns is refused before any row is read (a 600 KB file of 50,000
columns would otherwise take minutes and run out of memory). A file with a header and no
rows is refused too: it holds no evidence, and storing it as "0 rows read" would hide that.
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.errors import ErrorCode, InputError

#: The longest line a CSV return may hold, in bytes (a comment of a million characters is well inside it).
MAX_LINE_BYTES = 32 * 1024 * 1024
#: The most columns a return's header may have (the widest real framework has a few dozen measures).
MAX_COLUMNS = 1000
_CHUNK = 1 << 20


def check_line_lengths(path: Path, shown: Path | None = None, limit: int = MAX_LINE_BYTES) -> None:
    """Refuse a file with a line longer than ``limit`` bytes, naming the line (1 is the header).

    ``path`` is read with LF line endings (the reader's UTF-8 copy); ``shown`` is the name the
    member knows. Streams in 1 MB blocks: memory stays bounded whatever the line's length.
    """
    line, run = 1, 0  # the line being read and its length so far
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            ends = _line_ends(block, limit)
            start = 0
            for end in ends:
                if run + end - start > limit:
                    _too_long(shown or path, line, limit)
                line, run, start = line + 1, 0, end + 1
            if ends is _FAST:  # only the first and last line ends matter when a block is shorter than the limit
                first, last = block.find(b"\n"), block.rfind(b"\n")
                if first >= 0:
                    if run + first > limit:
                        _too_long(shown or path, line, limit)
                    line, run, start = line + block.count(b"\n"), 0, last + 1
            run += len(block) - start
            if run > limit:
                _too_long(shown or path, line, limit)


_FAST: list[int] = []


def _line_ends(block: bytes, limit: int) -> list[int]:
    """Every newline's offset in ``block`` when a line inside it could pass ``limit``; else the fast marker."""
    if limit >= _CHUNK:
        return _FAST
    ends, at = [], block.find(b"\n")
    while at >= 0:
        ends.append(at)
        at = block.find(b"\n", at + 1)
    return ends


def _too_long(where: Path, line: int, limit: int) -> None:
    raise InputError(
        f"{where}: line {line} is longer than {limit:,} bytes (the most a line may hold); "
        "is a cell missing its closing quote, or is this not a return?",
        code=ErrorCode.LINE_TOO_LONG,
    )


def check_column_count(where: str, width: int, limit: int = MAX_COLUMNS) -> None:
    """Refuse a header with more than ``limit`` columns before any row is read."""
    if width > limit:
        raise InputError(
            f"{where}: the header has {width:,} columns; a return may have at most {limit:,}",
            code=ErrorCode.TOO_MANY_COLUMNS,
        )


def refuse_no_rows(where: str) -> None:
    """A return with a header and no rows: said so, and nothing stored (exit code 2 at the CLI)."""
    raise InputError(f"{where}: the file has a header but no rows; nothing to ingest", code=ErrorCode.NO_ROWS)
