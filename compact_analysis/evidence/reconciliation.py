"""What happened to one ingested file, in one line: rows read = accepted + quarantined + duplicates ignored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path


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


__all__ = ["Reconciliation", "file_sha256"]
