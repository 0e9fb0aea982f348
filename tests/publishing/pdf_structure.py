"""What a PDF carries for assistive technology, read with pikepdf: tags, outline, language, title, figure alt text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf


@dataclass(frozen=True)
class PdfAccess:
    tagged: bool  # /MarkInfo /Marked true and a structure tree
    outline: list[str]  # the bookmarks' titles, depth first
    language: str  # the catalog's /Lang
    title: str  # the document information's /Title
    figures: int  # Figure structure elements
    figures_without_alt: int


def _walk(node, found: list) -> None:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")).strip())
        if "/K" in node:
            _walk(node.K, found)


def _titles(item, out: list[str]) -> None:
    for child in item.children:
        out.append(str(child.title))
        _titles(child, out)


def read_access(path: Path) -> PdfAccess:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        marked = bool(root.get("/MarkInfo", {}).get("/Marked", False)) and "/StructTreeRoot" in root
        alts: list[str] = []
        if "/StructTreeRoot" in root:
            _walk(root.StructTreeRoot, alts)
        titles: list[str] = []
        with pdf.open_outline() as outline:
            for item in outline.root:
                titles.append(str(item.title))
                _titles(item, titles)
        return PdfAccess(
            tagged=marked,
            outline=titles,
            language=str(root.get("/Lang", "")),
            title=str(pdf.docinfo.get("/Title", "")),
            figures=len(alts),
            figures_without_alt=sum(1 for a in alts if not a),
        )
