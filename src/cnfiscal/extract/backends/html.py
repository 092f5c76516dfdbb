"""Saved web pages (.html/.htm, lxml): every data table with its rowspan/colspan, the text around them as lines.

Encoding: a byte-order mark, else the page's declared charset (``<meta charset>``, GB2312/GBK read as their
superset GB18030), else UTF-8 if the bytes are valid UTF-8, else what charset-normalizer finds most likely.
A table holding other tables is page layout, not data: its own text becomes lines and the tables inside are
read. Pages as ``backends.blocks`` documents: page *k* is table *k* with the text before it.
"""

from __future__ import annotations

import logging
from typing import Any

import regex

from cnfiscal.errors import InputError
from cnfiscal.extract.backends.blocks import Block, pages_of
from cnfiscal.extract.backends.cells import Span, cell_text
from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.models import InputKind

log = logging.getLogger(__name__)

_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*\?>")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
        "form",
        "title",
        "caption",
        "td",
        "th",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template"})
_MAX_SPAN = 1000


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a web page's bytes (see the module docstring)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc.split("-le")[0].split("-be")[0]
    if m := _CHARSET.search(data[:8192]):
        declared = m.group(1).decode("ascii").lower()
        enc = _SUPERSETS.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            log.warning("declared charset %s does not decode the page; guessing", declared)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("无法识别网页的编码 (web page: unknown text encoding)")
    enc = _SUPERSETS.get(best.encoding.lower(), best.encoding)
    return data.decode(enc, errors="replace"), enc


def read_html(inp: InputFile) -> ExtractedDocument:
    import lxml.html
    from lxml import etree

    text, encoding = decode_html(inp.data)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"无法解析的网页 (unreadable web page: {e})") from e
    blocks: list[Block] = []
    buf: list[str] = []
    _walk(root, blocks, buf)
    _flush(buf, blocks)
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.HTML, pages_of(blocks), encoding=encoding)


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""  # comments and processing instructions: ""


def _walk(el: Any, blocks: list[Block], buf: list[str]) -> None:
    tag = _tag(el)
    if tag in _SKIP_TAGS or not isinstance(el.tag, str):
        return
    if tag == "table" and not el.xpath(".//table"):
        _flush(buf, blocks)
        blocks.append(table_spans(el))
        return
    if tag in _BLOCK_TAGS:
        buf.append("\n")
    buf.append(el.text or "")
    for child in el:
        _walk(child, blocks, buf)
        buf.append(child.tail or "")
    if tag in _BLOCK_TAGS:
        buf.append("\n")


def _flush(buf: list[str], blocks: list[Block]) -> None:
    text = cell_text("".join(buf))
    blocks.extend(line for line in text.split("\n") if line)
    buf.clear()


def table_spans(table: Any) -> list[Span]:
    """Spans of a ``<table>``: each cell placed at the first column its row leaves free (rowspans above)."""
    occupied: set[tuple[int, int]] = set()
    spans: list[Span] = []
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, tr in enumerate(rows):
        col = 0
        for td in tr.xpath("./td|./th"):
            while (r, col) in occupied:
                col += 1
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            spans.append(Span(r, col, cell_lines(td), rowspan, colspan))
            occupied.update((r + i, col + j) for i in range(rowspan) for j in range(colspan))
            col += colspan
    return spans


def cell_lines(td: Any) -> str:
    """A cell's text, its ``<br>``/``<p>``/``<div>`` breaks as line breaks."""
    buf: list[str] = [td.text or ""]
    for child in td:
        _walk_text(child, buf)
        buf.append(child.tail or "")
    return cell_text("".join(buf))


def _walk_text(el: Any, buf: list[str]) -> None:
    tag = _tag(el)
    if tag in _SKIP_TAGS or not isinstance(el.tag, str):
        return
    if tag in _BLOCK_TAGS:
        buf.append("\n")
    buf.append(el.text or "")
    for child in el:
        _walk_text(child, buf)
        buf.append(child.tail or "")
    if tag in _BLOCK_TAGS:
        buf.append("\n")


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), _MAX_SPAN)
