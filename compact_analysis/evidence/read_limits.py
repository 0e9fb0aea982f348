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


def check_line_lengths(path: Path, shown: Path | None = None, limit: int = MAX_LINE_BYTES) -> int:
    """Refuse a file with a line longer than ``limit`` bytes, naming the line (1 is the header).

    ``path`` is read with LF line endings (the reader's UTF-8 copy); ``shown`` is the name the
    member knows. Streams in 1 MB blocks: memory stays bounded whatever the line's length. Lines are
    counted only to name a line that is too long (a second pass up to it), so a good file costs one read.
    Returns a bound on the longest line: 1 MB (a block) unless a line runs across blocks, then that
    line's length. DuckDB's CSV reader is given it, not the 32 MB limit: the reader's buffers are
    sized from its line limit, and at 32 MB a 50 MB file fits in two buffers and reads on one thread.
    """
    line_start, offset, longest = 0, 0, _CHUNK  # where the line being read starts; where this block starts
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            # Every line end when a line inside one block could pass the limit; else the first and last only
            # (the lines between them are inside the block, shorter than it, so shorter than the limit).
            ends = _every_line_end(block) if limit < _CHUNK else [block.find(b"\n"), block.rfind(b"\n")]
            for end in (e for e in ends if e >= 0):
                length = offset + end - line_start
                if length > limit:
                    _too_long(shown or path, _line_number(path, line_start), limit)
                longest = max(longest, length)
                line_start = offset + end + 1
            offset += len(block)
            if offset - line_start > limit:
                _too_long(shown or path, _line_number(path, line_start), limit)
    return max(longest, offset - line_start)


def _every_line_end(block: bytes) -> list[int]:
    ends, at = [], block.find(b"\n")
    while at >= 0:
        ends.append(at)
        at = block.find(b"\n", at + 1)
    return ends


def _line_number(path: Path, offset: int) -> int:
    """The number of the line that starts at byte ``offset`` (1 for the first)."""
    newlines = 0
    with open(path, "rb") as handle:
        while offset > 0:
            block = handle.read(min(_CHUNK, offset))
            if not block:
                break
            newlines, offset = newlines + block.count(b"\n"), offset - len(block)
    return newlines + 1


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
