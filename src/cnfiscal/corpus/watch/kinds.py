"""The type of a fetched body judged by its content, not its name: an HTML error page served as ``.pdf`` is caught."""

from __future__ import annotations

from enum import StrEnum


class ContentKind(StrEnum):
    PDF = "pdf"
    ZIP = "zip"  # .xlsx, .docx (and other zip containers)
    OLE = "ole"  # .xls, .doc, .wps, .et
    HTML = "html"
    TEXT = "text"
    BINARY = "binary"  # images and anything else


_MAGIC = ((b"%PDF-", ContentKind.PDF), (b"PK\x03\x04", ContentKind.ZIP), (b"\xd0\xcf\x11\xe0", ContentKind.OLE))
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<script", b"<?xml")

# what each document suffix may hold; offices do save web tables as .xls/.doc (HTML inside), so those may be HTML
# and the pipeline says whether it can read them
EXPECTED: dict[str, frozenset[ContentKind]] = {
    ".pdf": frozenset({ContentKind.PDF}),
    ".xlsx": frozenset({ContentKind.ZIP}),
    ".docx": frozenset({ContentKind.ZIP}),
    ".xls": frozenset({ContentKind.OLE, ContentKind.ZIP, ContentKind.HTML}),
    ".doc": frozenset({ContentKind.OLE, ContentKind.ZIP, ContentKind.HTML}),
    ".wps": frozenset({ContentKind.OLE, ContentKind.ZIP}),
    ".et": frozenset({ContentKind.OLE, ContentKind.ZIP}),
    ".txt": frozenset({ContentKind.TEXT}),
}

_NAMES = {
    ContentKind.PDF: "PDF",
    ContentKind.ZIP: "ZIP/Office",
    ContentKind.OLE: "OLE/Office",
    ContentKind.HTML: "网页 HTML",
    ContentKind.TEXT: "文本 text",
    ContentKind.BINARY: "二进制 binary",
}


def sniff(head: bytes) -> ContentKind:
    """The kind of a body from its first bytes (a kilobyte or so is enough)."""
    if b"%PDF-" in head[:1024]:
        return ContentKind.PDF
    for magic, kind in _MAGIC[1:]:
        if head.startswith(magic):
            return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS) or b"<html" in start[:512]:
        return ContentKind.HTML
    if b"\x00" in head:
        return ContentKind.BINARY
    return ContentKind.TEXT


def mismatch(suffix: str, kind: ContentKind) -> str | None:
    """Why a body of ``kind`` cannot be the document its URL's ``suffix`` names, or None when it can."""
    allowed = EXPECTED.get(suffix)
    if allowed is None or kind in allowed:
        return None
    want = "/".join(sorted(_NAMES[k] for k in allowed))
    if kind is ContentKind.HTML:
        return f"服务器返回网页而不是 {want} 文件（可能是错误页）server sent an HTML page, not a {suffix} file"
    return f"内容是 {_NAMES[kind]}，不是 {want} content is {kind}, not what {suffix} names"
