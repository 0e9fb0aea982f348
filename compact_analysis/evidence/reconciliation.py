"""What happened to one ingested file, in one line: rows read = accepted + quarantined + duplicates ignored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: Said on the reconciliation line and on every quarantined row of a file that was not valid UTF-8 (issue #22).
WINDOWS_1252_NOTE = "read as Windows-1252 (not valid UTF-8)"


def encoding_note(encoding: str) -> str:
    """The words for a file's encoding when it had to be guessed: only Windows-1252 is (``""`` otherwise).

    A byte-order mark (UTF-8, UTF-16) or valid UTF-8 throughout says what a file is; a file that is neither
    is read as Windows-1252 (``evidence/csv_reader.py``), and its accents may then be wrong (mojibake).
    """
    return WINDOWS_1252_NOTE if encoding == "cp1252" else ""


@dataclass(frozen=True)
class Reconciliation:
    """What happened to one file: rows read = accepted + quarantined + duplicates ignored."""

    file: str
    sha256: str
    rows_read: int
    accepted: int
    quarantined: int
    duplicates: int
    already_ingested: bool = False
    layout: str = "tidy"
    sheets: tuple[str, ...] = ()
    skipped_sheets: tuple[str, ...] = ()
    quarantine_file: Path | None = None
    as_at: date | None = None
    encoding: str = "utf-8"

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.accepted + self.quarantined + self.duplicates

    def line(self) -> str:
        if self.already_ingested:
            return f"{self.file}: already ingested (same content), nothing changed"
        text = (
            f"{self.file}: {self.rows_read} {'row' if self.rows_read == 1 else 'rows'} read = {self.accepted} accepted + "
            f"{self.quarantined} quarantined + {self.duplicates} duplicates ignored"
        )
        if encoding_note(self.encoding):
            text += f"; {encoding_note(self.encoding)}"
        if self.skipped_sheets:
            text += f"; skipped hidden sheet(s) {', '.join(self.skipped_sheets)}"
        if self.quarantine_file:
            text += f"; reasons in {self.quarantine_file}"
        if self.as_at:
            text += f"; as at {self.as_at.isoformat()}"
        return text


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


__all__ = ["WINDOWS_1252_NOTE", "Reconciliation", "encoding_note", "file_sha256"]
