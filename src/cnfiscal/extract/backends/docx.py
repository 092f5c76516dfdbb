"""Word documents (.docx, python-docx): the body's paragraphs and tables in document order.

Tables keep their merged cells (``w:gridSpan`` across, ``w:vMerge`` down, ``w:gridBefore`` skipped
columns); a cell's paragraphs are its lines. Pages as ``backends.blocks`` documents: page *k* is table *k*
with the paragraphs before it.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Any

from cnfiscal.errors import InputError
from cnfiscal.extract.backends.blocks import Block, pages_of
from cnfiscal.extract.backends.cells import Span, cell_text
from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.models import InputKind

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(inp: InputFile) -> ExtractedDocument:
    import docx

    try:
        body = docx.Document(io.BytesIO(inp.data)).element.body
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError) as e:
        raise InputError(f"无法读取的 Word 文件 (damaged or unreadable .docx: {type(e).__name__}: {e})") from e
    except Exception as e:  # python-docx's PackageNotFoundError and lxml's XMLSyntaxError
        raise InputError(f"无法读取的 Word 文件 (damaged or unreadable .docx: {type(e).__name__}: {e})") from e
    blocks: list[Block] = []
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            if text := cell_text(paragraph_text(child)):
                blocks.append(text)
        elif child.tag == f"{_W}tbl":
            blocks.append(table_spans(child))
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.DOCX, pages_of(blocks))


def paragraph_text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        out.append(el.text or "" if el.tag == f"{_W}t" else " " if el.tag == f"{_W}tab" else "\n")
    return "".join(out)


def table_spans(tbl: Any) -> list[Span]:
    """Spans of a ``w:tbl``: a ``vMerge`` continuation cell lengthens the span above it in the same column."""
    spans: list[Span] = []
    open_at: dict[int, Span] = {}  # column → the span a vMerge continues
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        col = _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0, least=0)
        for tc in tr.iterchildren(f"{_W}tc"):
            width = _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            above = open_at.get(col)
            if vmerge is not None and vmerge.get(f"{_W}val") != "restart" and above is not None:
                above.rowspan = r - above.row + 1
            else:
                span = Span(r, col, cell_text("\n".join(paragraph_text(p) for p in tc.iter(f"{_W}p"))), 1, width)
                spans.append(span)
                if vmerge is not None:
                    open_at[col] = span
                else:
                    open_at.pop(col, None)
            col += width
    return spans


def _int(el: Any, default: int, least: int = 1) -> int:
    try:
        return max(least, int(el.get(f"{_W}val"))) if el is not None else default
    except (TypeError, ValueError):
        return default
