"""Dispatch an input file to the reader for its kind; every reader returns an ExtractedDocument."""

from __future__ import annotations

from cnfiscal.extract.inputs import InputFile, decode_text
from cnfiscal.extract.layout import ExtractedDocument, Line, Page
from cnfiscal.models import InputKind
from cnfiscal.options import Options


def read_document(inp: InputFile, options: Options) -> ExtractedDocument:
    if inp.kind == "pdf":
        from cnfiscal.extract.pdf import read_pdf

        return read_pdf(inp, options)
    return read_text(inp)


def read_text(inp: InputFile) -> ExtractedDocument:
    """A text file is one page of numbered lines (OCR text carries no page geometry)."""
    text, encoding = decode_text(inp.data, inp.path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages: list[Page] = []
    for chunk in text.split("\f"):  # a form feed, where present, is a page break
        number = len(pages) + 1
        base = sum(len(p.lines) for p in pages)
        lines = [Line(t, number, None, base + i + 1) for i, t in enumerate(chunk.split("\n"))]
        pages.append(Page(number=number, lines=lines))
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.TEXT, pages, encoding=encoding)
