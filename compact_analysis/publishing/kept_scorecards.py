"""Re-rendering a period without ``--scorecards`` keeps the scorecards already published for it.

Scorecards are rendered quarterly (``report-all --scorecards``) while the paper is re-rendered monthly
(``report --period latest``); dropping ``members/`` on every re-render would wipe the quarterly pack
(issue #23). The kept scorecards may be from older evidence, so their manifest entries carry the
evidence date they were rendered for (``scorecards_evidence_as_at``), which the members index shows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from compact_analysis.publishing.manifest import MANIFEST_FILE

MEMBERS_DIR = "members"


def published_manifest(folder: Path) -> dict:
    """The manifest of a published folder, or ``{}`` when it has none or it is unreadable."""
    try:
        loaded = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def scorecard_entries(members: list[str], details: list[dict], evidence_as_at: str | None, pdf: bool) -> dict:
    """The manifest entries that describe a folder's scorecards (none rendered: empty lists, no date)."""
    return {
        "scorecards": members,
        "scorecard_members": details,
        "scorecards_evidence_as_at": evidence_as_at if members else None,
        "scorecards_pdf": pdf if members else None,
        "scorecards_kept": False,
    }


def carry_scorecards(final: Path, staging: Path) -> dict | None:
    """Copy ``final/members/`` into ``staging`` and return its manifest entries; ``None`` when there is none.

    The entries come from the published manifest: the member list, their names, and the evidence date
    the scorecards were rendered for (kept over several re-renders, so it stays their own date).
    """
    old_members = final / MEMBERS_DIR
    if not old_members.is_dir():
        return None
    old = published_manifest(final)
    ids = old.get("scorecards") or sorted(p.stem for p in old_members.glob("*.html") if p.name != "index.html")
    shutil.copytree(old_members, staging / MEMBERS_DIR, dirs_exist_ok=True)
    return {
        "scorecards": list(ids),
        "scorecard_members": list(old.get("scorecard_members") or []),
        "scorecards_evidence_as_at": old.get("scorecards_evidence_as_at") or old.get("evidence_as_at"),
        "scorecards_pdf": bool(old.get("scorecards_pdf", old.get("pdf", True))),
        "scorecards_kept": True,
    }


def published_scorecard_count(final: Path) -> int:
    """How many scorecards ``final/members/`` holds (HTML pages other than the index)."""
    folder = final / MEMBERS_DIR
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.glob("*.html") if p.name != "index.html")
