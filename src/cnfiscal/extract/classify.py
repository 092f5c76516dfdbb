"""Decide a document's kind (``doc_type``) from the titles near its start."""

from __future__ import annotations

import regex

from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.models import DocType, InputKind
from cnfiscal.vocab.doctypes import DOC_TYPE_PATTERNS, HEAD_CHARS

_WS = regex.compile(r"\s+")
_PATTERNS = [(t, regex.compile(p), where) for t, p, where in DOC_TYPE_PATTERNS]


def detect_doc_type(doc: ExtractedDocument) -> DocType:
    flat = _WS.sub("", document_text(doc))
    head = flat[:HEAD_CHARS]
    for doc_type, pattern, where in _PATTERNS:
        if pattern.search(head if where == "head" else flat):
            return doc_type
    return DocType.UNKNOWN


def document_text(doc: ExtractedDocument) -> str:
    """The document's text in reading order: its lines, and — where tables have no geometry (spreadsheets, Word,
    web pages, copied web tables: their cells are not among the lines, as a PDF's are) — each table's cells row by
    row after the lines of its page."""
    if doc.input_kind in (InputKind.PDF_TEXT, InputKind.PDF_SCANNED):
        return doc.text
    parts: list[str] = []
    for page in doc.pages:
        parts.extend(ln.text for ln in page.lines)
        for grid in page.grids:
            parts.extend(c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.text)
    return "\n".join(parts)
