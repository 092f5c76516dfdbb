"""Decide a document's kind (``doc_type``) from the titles near its start."""

from __future__ import annotations

import regex

from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.models import DocType
from cnfiscal.vocab.doctypes import DOC_TYPE_PATTERNS, HEAD_CHARS

_WS = regex.compile(r"\s+")
_PATTERNS = [(t, regex.compile(p), where) for t, p, where in DOC_TYPE_PATTERNS]


def detect_doc_type(doc: ExtractedDocument) -> DocType:
    flat = _WS.sub("", doc.text)
    head = flat[:HEAD_CHARS]
    for doc_type, pattern, where in _PATTERNS:
        if pattern.search(head if where == "head" else flat):
            return doc_type
    return DocType.UNKNOWN
