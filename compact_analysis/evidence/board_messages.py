"""The analyst's key messages and the asks of the board for a period: ``messages/<period>.yaml``.

Issue 24: "a board member reading the Q4 paper learns where things stand, not what is asked of them".
The file is small and hand-written::

    messages:            # what the board most needs to know, in the analyst's words (optional)
      - Recruitment to the Pledge has stalled since the autumn.
    asks:                # the decisions or actions asked of the board (optional)
      - Agree to write to the five members with no return since Q2.

It is read with the framework's safe YAML reader (plain data only, every problem at its line) and
checked: only those two keys, each a list of non-blank sentences. The text is kept as written and
escaped on the way to HTML. No file: the paper gives the messages the evaluation generates, and says
that the board is asked only to note it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compact_analysis.errors import Failure, FrameworkError
from compact_analysis.evidence.commentary import BoardInputCode, BoardInputError
from compact_analysis.plan.safe_yaml import read_yaml_with_lines

#: The messages folder inside a data folder, and the keys its files may hold.
MESSAGES_FOLDER = "messages"
MESSAGE_KEYS = ("messages", "asks")
#: A sentence longer than this is a paste gone wrong, not a key message.
MAX_CHARS = 1000


@dataclass(frozen=True)
class BoardMessages:
    """The analyst's messages and asks for one period (both empty when the folder has no file)."""

    messages: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    file: Path | None = None


def messages_file(folder: str | Path, period: str) -> Path:
    """Where a period's messages file is (it may not exist)."""
    return Path(folder) / MESSAGES_FOLDER / f"{period}.yaml"


def read_messages(folder: str | Path, period: str) -> BoardMessages:
    """The period's messages and asks; raises :class:`BoardInputError` with every problem at its line."""
    path = messages_file(folder, period)
    if not path.exists() and not path.is_symlink():
        return BoardMessages()
    try:
        data, lines = read_yaml_with_lines(path)
    except FrameworkError as exc:  # the safe reader's located failures, for this file
        raise BoardInputError(str(path), exc.failures) from None
    failures = _failures(data, str(path), lines)
    if failures:
        raise BoardInputError(str(path), failures)
    data = data or {}
    return BoardMessages(
        tuple(s.strip() for s in data.get("messages") or ()), tuple(s.strip() for s in data.get("asks") or ()), path
    )


def _failures(data: object, file: str, lines: dict[str, int]) -> list[Failure]:
    """Every problem with the parsed file: not a mapping, an unknown key, a value that is not a list of sentences."""
    if data is None:
        return []
    if not isinstance(data, dict):
        return [Failure(file, 1, None, "", BoardInputCode.NOT_A_MAPPING, "expected keys messages: and asks:")]
    found = []
    for key, value in data.items():
        where = str(key)
        if key not in MESSAGE_KEYS:
            message = f"unknown key {key!r}: a messages file holds {' and '.join(MESSAGE_KEYS)}"
            found.append(Failure(file, lines.get(where), where, str(key), BoardInputCode.UNKNOWN_FIELD, message))
        elif value is not None and not isinstance(value, list):
            found.append(
                Failure(file, lines.get(where), where, "", BoardInputCode.TYPE_ERROR, "expected a list of sentences")
            )
        else:
            found += [_item(file, lines, f"{key}[{i}]", item) for i, item in enumerate(value or [])]
    return [f for f in found if f is not None]


def _item(file: str, lines: dict[str, int], where: str, item: object) -> Failure | None:
    """A problem with one message or ask, or None."""
    line = lines.get(where)
    if not isinstance(item, str):
        return Failure(file, line, where, str(item)[:80], BoardInputCode.TYPE_ERROR, "expected a sentence of text")
    if not item.strip():
        return Failure(
            file, line, where, "", BoardInputCode.MISSING_CELL, "blank: write the sentence or remove the line"
        )
    if len(item) > MAX_CHARS:
        return Failure(file, line, where, item[:80], BoardInputCode.TYPE_ERROR, f"longer than {MAX_CHARS} characters")
    return None
